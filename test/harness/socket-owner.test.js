'use strict';
// The attributing proxy names the process that opened each connection (the evidence of test/queue/polling.test.js).
const http = require('node:http');
const { spawn } = require('node:child_process');

const { attributingProxy } = require('./socket-owner');

jest.setTimeout(60000);

/** A child process (in a shell, so the connection is made by a descendant) that GETs `url` once, then exits. */
function requester(url) {
	const script = `require('http').get(${JSON.stringify(url)}, (r) => { r.resume(); r.on('end', () => process.exit(0)); })`;
	const child = spawn('sh', ['-c', `"${process.execPath}" -e "$0"`, script], { stdio: 'ignore' });
	const exited = new Promise((resolve) => child.on('exit', resolve));
	return { child, exited };
}

describe('attributingProxy', () => {
	let target;
	let proxy;
	const children = {};
	const hits = [];

	beforeAll(async () => {
		target = http.createServer((req, res) => {
			hits.push(req.url);
			res.end('ok');
		});
		await new Promise((resolve) => target.listen(0, '127.0.0.1', resolve));
		const candidates = () => Object.entries(children).map(([name, child]) => ({ name, pid: child.pid }));
		proxy = await attributingProxy(`http://127.0.0.1:${target.address().port}`, candidates);
	});

	afterAll(async () => {
		if (proxy) await proxy.close();
		if (target) await new Promise((resolve) => target.close(resolve));
	});

	test('each connection is named after the process (or its descendant) that opened it; others are unknown', async () => {
		const a = requester(`${proxy.url}/from-a`);
		children.a = a.child;
		expect(await a.exited).toBe(0);
		const b = requester(`${proxy.url}/from-b`);
		children.b = b.child;
		expect(await b.exited).toBe(0);
		// this (jest) process is no candidate
		await new Promise((resolve, reject) => http.get(`${proxy.url}/from-jest`, (r) => r.resume().on('end', resolve)).on('error', reject));
		expect(hits).toEqual(['/from-a', '/from-b', '/from-jest']);
		expect(proxy.seen).toEqual(['a', 'b', 'unknown']);
	});
});
