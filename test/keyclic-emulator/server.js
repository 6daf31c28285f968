'use strict';
// The HTTP server: faults → routing → app key → bearer → handler, errors as vnd.error (or problem, option errorFormat).
const http = require('node:http');
const { HttpError, vndError, problemError, notFound } = require('./errors');
const { readJson, send, VND_ERROR, PROBLEM } = require('./http-io');
const { checkAppKey, authenticate } = require('./auth');
const { status500Matches, takeErrorStatus } = require('./faults');

const isControlPath = (p) => p === '/_emulator' || p.startsWith('/_emulator/');

async function handle(core, router, req, res) {
	const started = Date.now();
	const url = new URL(req.url || '/', 'http://emulator.invalid');
	const report = (status) =>
		core.events.emit('request', { method: req.method, path: url.pathname + url.search, status, durationMs: Date.now() - started });
	let status = null;
	try {
		if (!isControlPath(url.pathname)) {
			if (core.faults.down) {
				req.socket.destroy();
				report(null);
				return;
			}
			if (core.faults.slowMs > 0) await core.sleep(core.faults.slowMs);
			if (core.closed) return;
			if (status500Matches(core.faults, url.pathname)) {
				throw new HttpError(500, 'Internal Server Error (emulated fault status500).');
			}
			const forced = takeErrorStatus(core.faults, req.method, url.pathname);
			if (forced) throw new HttpError(forced.status, `Emulated fault errorStatus: ${forced.status}.`, undefined, forced.headers);
		}
		const m = router.match(req.method, url.pathname);
		if (!m) throw notFound(`No route found for "${req.method} ${url.pathname}".`);
		if (!m.route) {
			const allow = m.allowed.join(', ');
			throw new HttpError(405, `No route found for "${req.method} ${url.pathname}": Method Not Allowed (Allow: ${allow}).`, undefined, {
				allow,
			});
		}
		const { route, params } = m;
		const body = ['POST', 'PATCH', 'PUT'].includes(req.method) ? await readJson(req) : undefined;
		let actor = null;
		if (!route.control) {
			checkAppKey(core, req, { optional: route.public });
			if (!route.public) actor = authenticate(core, req);
		}
		const result = await route.handler({ core, req, url, query: url.searchParams, params, body, actor });
		status = result.status;
		send(res, result.status, result.body, result.headers);
	} catch (err) {
		const e = err instanceof HttpError ? err : new HttpError(500, `Internal Server Error: ${err && err.message}`);
		status = e.status;
		if (core.errorFormat === 'problem') send(res, e.status, problemError(e.status, e.message, e.errors), e.headers, PROBLEM);
		else send(res, e.status, vndError(e.message, e.errors), e.headers, VND_ERROR);
	}
	report(status);
}

function createServer(core, router) {
	const server = http.createServer((req, res) => {
		handle(core, router, req, res).catch(() => res.destroy());
	});
	server.keepAliveTimeout = 2000;
	return server;
}

module.exports = { createServer, isControlPath };
