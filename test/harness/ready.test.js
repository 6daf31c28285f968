'use strict';
// When the harness counts an n8n as started. While n8n boots it answers HTTP 200 "n8n is starting up" on
// every path (/rest/* included), then 404 pages while it migrates its database, and only then its REST
// API: a harness that took the first 200 for "up" set the owner up too early. Replayed here on a local
// server that answers as n8n 2.41.1 and 1.123.81 did, phase by phase (measured on both).
const http = require('node:http');

const { N8n } = require('./n8n');

const PHASES = {
	// 2.41.1 and 1.123.81, first seconds: a placeholder page everywhere; readiness refused
	placeholder: (p) =>
		p === '/healthz/readiness'
			? { status: 503, type: 'application/json', body: '{"status":"error"}' }
			: { status: 200, type: 'text/html', body: 'n8n is starting up. Please wait' },
	// migrating: readiness 503 (2.41.1) or already 200 (1.123.81), the REST API not mounted yet
	migrating: (p) =>
		p === '/healthz/readiness'
			? { status: 200, type: 'application/json', body: '{"status":"ok"}' }
			: { status: 404, type: 'text/html', body: '<!DOCTYPE html><html></html>' },
	// up: the auth layer refuses an anonymous GET /rest/login as JSON
	up: (p) =>
		p === '/rest/login'
			? { status: 401, type: 'application/json', body: '{"status":"error","message":"Unauthorized"}' }
			: { status: 200, type: 'application/json', body: '{"status":"ok"}' },
};

async function fakeN8n(phase) {
	const server = http.createServer((req, res) => {
		const { status, type, body } = PHASES[phase](req.url);
		res.writeHead(status, { 'content-type': type }).end(body);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const servers = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function readyWith(mainPhase, ...webhookPhases) {
	const main = await fakeN8n(mainPhase);
	servers.push(main);
	const n8n = new N8n({ version: '2.41.1', name: 'ready-test' });
	n8n.baseUrl = main.url;
	if (webhookPhases.length) {
		n8n.webhookBases = [];
		for (const phase of webhookPhases) {
			const s = await fakeN8n(phase);
			servers.push(s);
			n8n.webhookBases.push(s.url);
		}
	}
	return n8n.restReady();
}

test.each([
	['placeholder', false],
	['migrating', false],
	['up', true],
])('main %s → ready: %s', async (phase, ready) => {
	expect(await readyWith(phase)).toBe(ready);
});

test('queue mode: not ready while one webhook processor still boots', async () => {
	expect(await readyWith('up', 'up', 'placeholder')).toBe(false);
	expect(await readyWith('up', 'up', 'up')).toBe(true);
});
