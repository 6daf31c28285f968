'use strict';
// Shared helpers for the emulator tests: plain node:http client (no keep-alive, so nothing lingers),
// a local webhook receiver and login shortcuts.
const http = require('node:http');
const { createEmulator } = require('../keyclic-emulator');
const { parseJsonOr } = require('../support/json');

const APP = 'com.keyclic.app';
const LOGIN = { login: 'demo@keyclic.example', password: 'demo-password' };

/** @returns {Promise<{status: number, headers: object, body: any, text: string}>} */
function request(baseUrl, method, path, { body, token, appKey = APP, headers = {} } = {}) {
	const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	const h = { ...headers };
	if (appKey) h['x-keyclic-app'] = appKey;
	if (token) h.authorization = `Bearer ${token}`;
	if (data !== undefined) {
		h['content-type'] = h['content-type'] || 'application/json';
		h['content-length'] = Buffer.byteLength(data);
	}
	return new Promise((resolve, reject) => {
		const req = http.request(new URL(path, baseUrl), { method, headers: h, agent: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c) => (text += c));
			res.on('end', () => {
				resolve({ status: res.statusCode, headers: res.headers, body: text ? parseJsonOr(text, null) : null, text });
			});
		});
		req.on('error', reject);
		req.end(data);
	});
}

/** A client bound to one emulator: api.get('/x', {token}) etc. */
function client(emu) {
	const call = (method) => (path, opts) => request(emu.url, method, path, opts);
	return { get: call('GET'), post: call('POST'), patch: call('PATCH'), delete: call('DELETE') };
}

async function login(emu) {
	const res = await request(emu.url, 'POST', '/security/login', { body: LOGIN });
	if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
	return res.body.accessToken;
}

/** A local HTTP server recording every request (body parsed as JSON). */
async function startReceiver({ status = 200, delayMs = () => 0 } = {}) {
	const received = [];
	const timers = new Set();
	const server = http.createServer((req, res) => {
		let data = '';
		req.setEncoding('utf8');
		req.on('data', (c) => (data += c));
		req.on('end', () => {
			const n = received.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(data) });
			const answer = () => {
				timers.delete(timer);
				res.writeHead(status, { 'content-type': 'text/plain' });
				res.end('ok');
			};
			const timer = setTimeout(answer, delayMs(n - 1));
			timers.add(timer);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		received,
		close: () =>
			new Promise((resolve) => {
				for (const t of timers) clearTimeout(t);
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

const start = (options = {}) => createEmulator({ port: 0, ...options });

/**
 * The emulator of a describe block, so that a suite is its assertions: started before the block's tests
 * and closed after them, its state reset between tests (`reset: false` keeps it); `each: true` starts a
 * fresh one for every test instead. The returned object is filled when the tests run:
 *   const env = useEmulator({ login: true });
 *   test('…', async () => expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200));
 * env.emu (the emulator), env.api (a client bound to it), env.org (the first seeded organization's id),
 * env.token (a demo login's JWT, with `login: true`). `options` go to createEmulator.
 */
function useEmulator({ options = {}, login: withLogin = false, reset = true, each = false } = {}) {
	const env = {};
	const setUp = async () => {
		env.emu = await start(options);
		env.api = client(env.emu);
		env.org = env.emu.seed.organizations[0].id;
		env.token = withLogin ? await login(env.emu) : undefined;
	};
	const tearDown = async () => {
		if (env.emu) await env.emu.close();
	};
	if (each) {
		beforeEach(setUp);
		afterEach(tearDown);
	} else {
		beforeAll(setUp);
		afterAll(tearDown);
		if (reset) afterEach(() => env.emu.reset());
	}
	return env;
}

module.exports = { APP, LOGIN, request, client, login, startReceiver, start, useEmulator };
