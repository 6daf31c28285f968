'use strict';
const path = require('node:path');
const { spawn } = require('node:child_process');
const { request, LOGIN } = require('./helpers');

const CLI = path.resolve(__dirname, '..', 'keyclic-emulator', 'cli.js');

/** Starts the CLI and resolves {child, url, output} once the banner is printed. */
function startCli(args) {
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`CLI did not start: ${output}`));
		}, 5000);
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (c) => {
			output += c;
			const m = /listening on (http:\/\/\S+)/.exec(output);
			if (m && /control:/.test(output)) {
				clearTimeout(timer);
				resolve({ child, url: m[1], output: () => output });
			}
		});
		child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
	});
}

const exited = (child) => new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

describe('emulator CLI', () => {
	test('prints URL and credentials, serves the API, stops on SIGTERM', async () => {
		const { child, url, output } = await startCli(['--port', '0', '--snake-case', '--seed']);
		try {
			expect(output()).toMatch(/demo@keyclic\.example/);
			expect(output()).toMatch(/demo-password/);
			expect(output()).toMatch(/X-Keyclic-App: com\.keyclic\.app/);
			expect(output()).toMatch(/snake_case/);
			const res = await request(url, 'POST', '/security/login', { body: LOGIN });
			expect(res.status).toBe(200);
			const state = await request(url, 'GET', '/_emulator/state');
			expect(state.body.reports).toHaveLength(2);
		} finally {
			const done = exited(child);
			child.kill('SIGTERM');
			expect(await done).toEqual({ code: 0, signal: null });
		}
	});

	test('the Tickets API switches: --tickets-host, --tickets-token, --tickets-strict; the clock over HTTP', async () => {
		const args = [
			'--port',
			'0',
			'--quiet',
			'--payload-era',
			'2025',
			'--tickets-host',
			'separate',
			'--tickets-token',
			'exchange',
			'--tickets-strict',
		];
		const { child, url, output } = await startCli(args);
		try {
			const tickets = /tickets API: +(http:\/\/\S+)\/tickets/.exec(output())[1];
			expect(tickets).not.toBe(url);
			const logged = (await request(url, 'POST', '/security/login', { body: LOGIN })).body;
			const exchange = await request(tickets, 'POST', '/auth/token', { body: { grantType: 'external_auth', idToken: logged.idToken } });
			expect(exchange.status).toBe(200);
			const org = (await request(url, 'GET', '/_emulator')).body.organizations[0].id;
			const headers = { 'x-organization-id': org };
			expect((await request(tickets, 'GET', '/tickets', { token: logged.accessToken, headers })).status).toBe(401);
			expect((await request(tickets, 'GET', '/tickets?colour=red', { token: exchange.body.accessToken, headers })).status).toBe(400);
			expect((await request(url, 'POST', '/_emulator/clock', { body: { advanceMs: 3600000 } })).body.offsetMs).toBe(3600000);
		} finally {
			const done = exited(child);
			child.kill('SIGTERM');
			expect(await done).toEqual({ code: 0, signal: null });
		}
	});

	test('rejects unknown arguments with exit code 2', async () => {
		const child = spawn(process.execPath, [CLI, '--nope'], { stdio: 'ignore' });
		expect((await exited(child)).code).toBe(2);
	});
});
