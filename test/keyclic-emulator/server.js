'use strict';
// The HTTP server: faults → routing → app key → bearer → handler, errors as vnd.error (or problem, option errorFormat).
// Every answer leaves through reply(), where the contract check (contract/index.js) sees it when enabled.
const http = require('node:http');
const { HttpError, vndError, problemError, notFound } = require('./errors');
const { readJson, send, VND_ERROR, PROBLEM } = require('./http-io');
const { checkAppKey, authenticate } = require('./auth');
const { status500Matches, takeErrorStatus, takeDropConnection } = require('./faults');

const isControlPath = (p) => p === '/_emulator' || p.startsWith('/_emulator/');

async function handle(core, router, req, res) {
	const started = Date.now();
	const url = new URL(req.url || '/', 'http://emulator.invalid');
	const report = (status) =>
		core.events.emit('request', { method: req.method, path: url.pathname + url.search, status, durationMs: Date.now() - started });
	let status = null;
	let pattern = null;
	/** The one place answers are written; with the contract on, an answer the era's spec refuses becomes a 500. */
	const reply = (code, body, headers, contentType) => {
		status = code;
		const violation = core.contract && !isControlPath(url.pathname) ? contractViolation(core, req.method, pattern, code, body) : null;
		if (violation) {
			status = 500;
			send(res, 500, vndError(`Contract violation: ${violation}`), {}, VND_ERROR);
		} else send(res, code, body, headers, contentType);
	};
	try {
		if (!isControlPath(url.pathname)) {
			if (core.faults.down || takeDropConnection(core.faults, req.method, url.pathname)) {
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
		pattern = route.pattern;
		const body = ['POST', 'PATCH', 'PUT'].includes(req.method) ? await readJson(req) : undefined;
		let actor = null;
		if (!route.control) {
			checkAppKey(core, req, { optional: route.public });
			if (!route.public) actor = authenticate(core, req, route);
		}
		const result = await route.handler({ core, req, url, query: url.searchParams, params, body, actor });
		if (result.raw) {
			// Bytes (a photo or document file): written as they are, outside the JSON contract check.
			status = result.status;
			res.writeHead(result.status, result.headers);
			res.end(result.raw);
		} else reply(result.status, result.body, result.headers);
	} catch (err) {
		const e = err instanceof HttpError ? err : new HttpError(500, `Internal Server Error: ${err && err.message}`);
		if (core.errorFormat === 'problem') reply(e.status, problemError(e.status, e.message, e.errors), e.headers, PROBLEM);
		else reply(e.status, vndError(e.message, e.errors), e.headers, VND_ERROR);
	}
	report(status);
}

/** The contract's verdict on one answer (null when it matches the era's spec); a violation is recorded. */
function contractViolation(core, method, pattern, status, body) {
	const { checkResponse, record } = core.contract;
	const era = core.options.payloadEra;
	let violation;
	try {
		// what the client receives: JSON text drops undefined fields
		const sent = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
		violation = checkResponse({ era, method, pattern, status, body: sent, errorFormat: core.errorFormat });
	} catch (err) {
		violation = `the contract check itself failed: ${err && err.stack}`;
	}
	return violation ? record(`${method} ${pattern || '(no route)'} → ${status} (era ${era}): ${violation}`) : null;
}

function createServer(core, router) {
	const server = http.createServer((req, res) => {
		handle(core, router, req, res).catch(() => res.destroy());
	});
	server.keepAliveTimeout = 2000;
	return server;
}

module.exports = { createServer, isControlPath };
