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

	test('rejects unknown arguments with exit code 2', async () => {
		const child = spawn(process.execPath, [CLI, '--nope'], { stdio: 'ignore' });
		expect((await exited(child)).code).toBe(2);
	});
});
