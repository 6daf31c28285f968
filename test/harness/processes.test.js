'use strict';
// Process control of the harness (test/harness/n8n-processes.js through the N8n facade): kill one server
// with a signal, start it again as it was, the others untouched. Run on stand-in servers
// (test/harness/fake-n8n.js) spawned exactly as n8n is: own process group, a child like n8n's task runner.
const fs = require('node:fs');
const path = require('node:path');

const { N8n } = require('./n8n');

jest.setTimeout(180000);

const FAKE = { nodeBin: process.execPath, n8nBin: path.join(__dirname, 'fake-n8n.js'), binDir: path.dirname(process.execPath) };

/** A process that exists and is not a zombie (a killed runner waits for its reaper a moment). */
const alive = (pid) => {
	try {
		return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
	} catch {
		return false;
	}
};
const healthy = async (url) => (await fetch(url).catch(() => ({ ok: false }))).ok;
/** The runner pid the stand-in logged last for a role. */
const runnerOf = (n8n, role) => Number([...n8n.logs(role).matchAll(/runner=(\d+)/g)].pop()[1]);
const pidOf = (n8n, role) => n8n.processes.find((p) => p.role === role).child.pid;

async function fake(mode) {
	const queue = {
		postgres: { host: '127.0.0.1', port: 1, database: 'n8n', user: 'postgres' },
		redis: { host: '127.0.0.1', port: 1 },
		webhookProcessors: 2,
		workers: 1,
	};
	const n8n = new N8n({ version: '2.41.1', name: `harness-processes-${mode}`, mode, queue: mode === 'queue' ? queue : undefined });
	await n8n.prepare({ installPackage: false, install: FAKE });
	await n8n.start({ waitFor: ['hook-id/webhook'], timeoutMs: 60000 });
	return n8n;
}

describe('queue mode', () => {
	let n8n;
	beforeAll(async () => {
		n8n = await fake('queue');
	});
	afterAll(() => n8n && n8n.stop());

	test('kill -9 of one webhook processor takes down it and its runner only; restartProcess brings it back on its port', async () => {
		const [, hook1, hook2] = n8n.healthUrls();
		const pid = pidOf(n8n, 'webhook-1');
		const runner = runnerOf(n8n, 'webhook-1');
		const others = ['main', 'webhook-2', 'worker-1'].map((role) => pidOf(n8n, role));

		expect(await n8n.kill('webhook-1')).toBe('SIGKILL');
		expect([alive(pid), alive(runner)]).toEqual([false, false]);
		expect(n8n.processes.map((p) => p.role)).toEqual(['main', 'webhook-2', 'worker-1']);
		expect(others.every(alive)).toBe(true);
		expect(() => n8n.assertRunning()).not.toThrow();
		expect([await healthy(hook1), await healthy(hook2)]).toEqual([false, true]);

		await n8n.restartProcess('webhook-1', { waitFor: ['hook-id/webhook'] });
		expect(n8n.processes.map((p) => p.role)).toEqual(['main', 'webhook-1', 'webhook-2', 'worker-1']);
		expect(pidOf(n8n, 'webhook-1')).not.toBe(pid);
		expect(n8n.healthUrls()[1]).toBe(hook1);
		expect(await healthy(hook1)).toBe(true);
	});

	test('the worker: SIGTERM, then a new worker process with the same health port', async () => {
		const url = n8n.healthUrls()[3];
		const pid = pidOf(n8n, 'worker-1');
		expect(await n8n.kill('worker-1', 'SIGTERM')).toBe('SIGTERM');
		expect(await healthy(url)).toBe(false);
		await n8n.restartProcess('worker-1');
		expect(pidOf(n8n, 'worker-1')).not.toBe(pid);
		expect(await healthy(url)).toBe(true);
	});

	test('restartProcess of a running server stops it first; the main gets a fresh session', async () => {
		const pid = pidOf(n8n, 'main');
		const cookie = await n8n.login();
		await n8n.restartProcess('main');
		expect(alive(pid)).toBe(false);
		expect(pidOf(n8n, 'main')).not.toBe(pid);
		expect(await n8n.login()).toBe(cookie); // made again by the restart, checked against /rest/login
		expect((await n8n.rest('/rest/login', { cookie })).r.status).toBe(200);
	});

	test('a server that dies on its own (not through kill) is reported with its log', async () => {
		process.kill(-pidOf(n8n, 'webhook-2'), 'SIGKILL');
		await new Promise((resolve) => n8n.processes.find((p) => p.role === 'webhook-2').child.once('exit', resolve));
		expect(() => n8n.assertRunning()).toThrow(/n8n webhook-2 exited \(SIGKILL\):\nfake n8n webhook/);
		await n8n.restartProcess('webhook-2'); // a running-then-dead process is stopped, then started again
		expect(() => n8n.assertRunning()).not.toThrow();
	});

	test('unknown roles are refused with the running ones named', async () => {
		await expect(n8n.kill('worker-9')).rejects.toThrow('no running n8n process "worker-9" (running: main, webhook-1, webhook-2, worker-1)');
		await expect(n8n.restartProcess('worker-9')).rejects.toThrow('n8n process "worker-9" was never started');
	});
});

test('regular mode: kill -9 of n8n, then a restart on the same port with its webhooks', async () => {
	const n8n = await fake('regular');
	try {
		const pid = pidOf(n8n, 'main');
		expect(await n8n.kill()).toBe('SIGKILL');
		expect(await healthy(`${n8n.baseUrl}/healthz`)).toBe(false);
		await n8n.restartProcess('main', { waitFor: ['hook-id/webhook'] });
		expect(pidOf(n8n, 'main')).not.toBe(pid);
		expect(await healthy(`${n8n.baseUrl}/healthz`)).toBe(true);
	} finally {
		await n8n.stop();
	}
	expect(n8n.processes).toEqual([]);
});
