'use strict';
// Fault switches. They apply to the Keyclic API routes only, never to /_emulator/* (so faults can
// always be inspected and cleared over HTTP, except down: 'refuse', which stops listening).
//   down: true | 'reset'  → every API request's connection is destroyed (client: socket hang up / ECONNRESET)
//   down: 'refuse'        → the server stops listening (client: ECONNREFUSED); programmatic only
//   slowMs: n             → every API answer is delayed by n ms
//   status500: true | '/prefix' | ['/a', '/b'] → matching API calls answer 500
//   errorStatus: {status, retryAfter?, paths?, methods?, after?, times?} | null → matching API calls answer
//                          `status` (one of ERROR_STATUSES), with a Retry-After header when retryAfter
//                          is given (seconds or an HTTP date), only below `paths` (prefixes) and for
//                          `methods`, letting the first `after` matching calls through, and only for the
//                          next `times` matching calls when given (then it clears)
//   dropConnection: {paths?, methods?, after?, times?} | null → the connection of matching API calls is
//                          destroyed (client: socket hang up / ECONNRESET), matched and counted as errorStatus
//   expireTokens: true    → action: every token issued so far is now expired (401); not a lasting switch
//   reset: true           → action: clear all switches (applied before the other keys of the same call)
const { badRequest } = require('./errors');

const KNOWN = ['down', 'slowMs', 'status500', 'errorStatus', 'dropConnection', 'expireTokens', 'reset'];
/** Error statuses Keyclic (or a proxy in front of it) may answer any call with. */
const ERROR_STATUSES = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504];

const initialFaults = () => ({ down: false, slowMs: 0, status500: false, errorStatus: null, dropConnection: null });

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
	if ('dropConnection' in input) set.dropConnection = parseMatcher('dropConnection', input.dropConnection, []);
	return { set, reset: input.reset === true, expireTokens: input.expireTokens === true };
}

const isPrefixList = (p) =>
	(typeof p === 'string' && p.startsWith('/')) || (Array.isArray(p) && p.every((x) => typeof x === 'string' && x.startsWith('/')));

const MATCHER_KEYS = ['paths', 'methods', 'after', 'times'];

/** Validates `{paths?, methods?, after?, times?, …extra}` (null/false: off); returns it with methods upper-cased. */
function parseMatcher(name, e, extra) {
	if (e === null || e === false) return null;
	const keys = [...extra, ...MATCHER_KEYS];
	if (!e || typeof e !== 'object' || Array.isArray(e))
		throw badRequest(`${name} must be an object {${keys.map((k) => `${k}?`).join(', ')}} or null.`);
	const unknown = Object.keys(e).filter((k) => !keys.includes(k));
	if (unknown.length) throw badRequest(`Unknown ${name} key(s): ${unknown.join(', ')}.`);
	if (e.paths !== undefined && !isPrefixList(e.paths))
		throw badRequest(`${name}.paths must be a path prefix ("/reports") or a list of prefixes.`);
	if (e.methods !== undefined && !(Array.isArray(e.methods) && e.methods.every((m) => typeof m === 'string')))
		throw badRequest(`${name}.methods must be a list of HTTP methods.`);
	if (e.after !== undefined && !(Number.isInteger(e.after) && e.after >= 0)) throw badRequest(`${name}.after must be an integer >= 0.`);
	if (e.times !== undefined && !(Number.isInteger(e.times) && e.times > 0)) throw badRequest(`${name}.times must be an integer > 0.`);
	return { ...e, ...(e.methods ? { methods: e.methods.map((m) => m.toUpperCase()) } : {}) };
}

function parseErrorStatus(e) {
	const parsed = parseMatcher('errorStatus', e, ['status', 'retryAfter']);
	if (parsed === null) return null;
	if (!ERROR_STATUSES.includes(parsed.status)) throw badRequest(`errorStatus.status must be one of ${ERROR_STATUSES.join(', ')}.`);
	if (parsed.retryAfter !== undefined && !['string', 'number'].includes(typeof parsed.retryAfter))
		throw badRequest('errorStatus.retryAfter must be seconds or an HTTP date.');
	return parsed;
}

/** Whether the switch `key` applies to this call, counting `after` and `times` down (a spent switch clears). */
function takeMatch(faults, key, method, pathname) {
	const e = faults[key];
	if (!e) return null;
	if (e.methods && !e.methods.includes(method)) return null;
	if (e.paths && !(Array.isArray(e.paths) ? e.paths : [e.paths]).some((prefix) => pathname.startsWith(prefix))) return null;
	if (e.after) {
		faults[key] = { ...e, after: e.after - 1 };
		return null;
	}
	if (e.times !== undefined) {
		const left = e.times - 1;
		faults[key] = left > 0 ? { ...e, times: left } : null;
	}
	return e;
}

/** The forced error of errorStatus for this call ({status, headers}); null when none. */
function takeErrorStatus(faults, method, pathname) {
	const e = takeMatch(faults, 'errorStatus', method, pathname);
	if (!e) return null;
	return { status: e.status, headers: e.retryAfter === undefined ? {} : { 'retry-after': String(e.retryAfter) } };
}

/** Whether dropConnection destroys this call's connection. */
const takeDropConnection = (faults, method, pathname) => takeMatch(faults, 'dropConnection', method, pathname) !== null;

function status500Matches(faults, pathname) {
	const s = faults.status500;
	if (s === true) return true;
	if (!s) return false;
	return (Array.isArray(s) ? s : [s]).some((prefix) => pathname.startsWith(prefix));
}

module.exports = { initialFaults, parseFaultRequest, status500Matches, takeErrorStatus, takeDropConnection };
