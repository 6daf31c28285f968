'use strict';
// Fault switches. They apply to the Keyclic API routes only, never to /_emulator/* (so faults can
// always be inspected and cleared over HTTP, except down: 'refuse', which stops listening).
//   down: true | 'reset'  → every API request's connection is destroyed (client: socket hang up / ECONNRESET)
//   down: 'refuse'        → the server stops listening (client: ECONNREFUSED); programmatic only
//   slowMs: n             → every API answer is delayed by n ms
//   status500: true | '/prefix' | ['/a', '/b'] → matching API calls answer 500
//   errorStatus: {status, retryAfter?, paths?, methods?, times?} | null → matching API calls answer
//                          `status` (429, 500, 502, 503 or 504), with a Retry-After header when retryAfter
//                          is given (seconds or an HTTP date), only below `paths` (prefixes) and for
//                          `methods`, and only the next `times` matching calls when given (then it clears)
//   expireTokens: true    → action: every token issued so far is now expired (401); not a lasting switch
//   reset: true           → action: clear all switches (applied before the other keys of the same call)
const { badRequest } = require('./errors');

const KNOWN = ['down', 'slowMs', 'status500', 'errorStatus', 'expireTokens', 'reset'];
const ERROR_STATUSES = [429, 500, 502, 503, 504];

const initialFaults = () => ({ down: false, slowMs: 0, status500: false, errorStatus: null });

/** Validates a fault request; returns the normalized switches to merge plus the actions. */
function parseFaultRequest(input) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest('Faults must be a JSON object.');
	const unknown = Object.keys(input).filter((k) => !KNOWN.includes(k));
	if (unknown.length) throw badRequest(`Unknown fault(s): ${unknown.join(', ')}. Known: ${KNOWN.join(', ')}.`);
	const set = {};
	if ('down' in input) {
		const d = input.down;
		if (![true, false, null, 'reset', 'refuse'].includes(d)) throw badRequest('down must be true, false, "reset" or "refuse".');
		set.down = d === true ? 'reset' : d || false;
	}
	if ('slowMs' in input) {
		const s = input.slowMs ?? 0;
		if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) throw badRequest('slowMs must be a number >= 0.');
		set.slowMs = s;
	}
	if ('status500' in input) {
		const s = input.status500 ?? false;
		const ok =
			typeof s === 'boolean' ||
			(typeof s === 'string' && s.startsWith('/')) ||
			(Array.isArray(s) && s.every((p) => typeof p === 'string' && p.startsWith('/')));
		if (!ok) throw badRequest('status500 must be a boolean, a path prefix ("/webhooks") or a list of prefixes.');
		set.status500 = s;
	}
	if ('errorStatus' in input) set.errorStatus = parseErrorStatus(input.errorStatus);
	return { set, reset: input.reset === true, expireTokens: input.expireTokens === true };
}

const isPrefixList = (p) =>
	(typeof p === 'string' && p.startsWith('/')) || (Array.isArray(p) && p.every((x) => typeof x === 'string' && x.startsWith('/')));

function parseErrorStatus(e) {
	if (e === null || e === false) return null;
	if (!e || typeof e !== 'object' || Array.isArray(e))
		throw badRequest('errorStatus must be an object {status, retryAfter?, paths?, methods?, times?} or null.');
	const unknown = Object.keys(e).filter((k) => !['status', 'retryAfter', 'paths', 'methods', 'times'].includes(k));
	if (unknown.length) throw badRequest(`Unknown errorStatus key(s): ${unknown.join(', ')}.`);
	if (!ERROR_STATUSES.includes(e.status)) throw badRequest(`errorStatus.status must be one of ${ERROR_STATUSES.join(', ')}.`);
	if (e.retryAfter !== undefined && !['string', 'number'].includes(typeof e.retryAfter))
		throw badRequest('errorStatus.retryAfter must be seconds or an HTTP date.');
	if (e.paths !== undefined && !isPrefixList(e.paths))
		throw badRequest('errorStatus.paths must be a path prefix ("/reports") or a list of prefixes.');
	if (e.methods !== undefined && !(Array.isArray(e.methods) && e.methods.every((m) => typeof m === 'string')))
		throw badRequest('errorStatus.methods must be a list of HTTP methods.');
	if (e.times !== undefined && !(Number.isInteger(e.times) && e.times > 0)) throw badRequest('errorStatus.times must be an integer > 0.');
	return { ...e, ...(e.methods ? { methods: e.methods.map((m) => m.toUpperCase()) } : {}) };
}

/** The forced error of errorStatus for this call ({status, headers}), counting `times` down; null when none. */
function takeErrorStatus(faults, method, pathname) {
	const e = faults.errorStatus;
	if (!e) return null;
	if (e.methods && !e.methods.includes(method)) return null;
	if (e.paths && !(Array.isArray(e.paths) ? e.paths : [e.paths]).some((prefix) => pathname.startsWith(prefix))) return null;
	if (e.times !== undefined) {
		const left = e.times - 1;
		faults.errorStatus = left > 0 ? { ...e, times: left } : null;
	}
	return { status: e.status, headers: e.retryAfter === undefined ? {} : { 'retry-after': String(e.retryAfter) } };
}

function status500Matches(faults, pathname) {
	const s = faults.status500;
	if (s === true) return true;
	if (!s) return false;
	return (Array.isArray(s) ? s : [s]).some((prefix) => pathname.startsWith(prefix));
}

module.exports = { initialFaults, parseFaultRequest, status500Matches, takeErrorStatus };
