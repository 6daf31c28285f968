'use strict';
// Fault switches. They apply to the Keyclic API routes only, never to /_emulator/* (so faults can
// always be inspected and cleared over HTTP, except down: 'refuse', which stops listening).
//   down: true | 'reset'  → every API request's connection is destroyed (client: socket hang up / ECONNRESET)
//   down: 'refuse'        → the server stops listening (client: ECONNREFUSED); programmatic only
//   slowMs: n             → every API answer is delayed by n ms
//   status500: true | '/prefix' | ['/a', '/b'] → matching API calls answer 500
//   expireTokens: true    → action: every token issued so far is now expired (401); not a lasting switch
//   reset: true           → action: clear all switches (applied before the other keys of the same call)
const { badRequest } = require('./errors');

const KNOWN = ['down', 'slowMs', 'status500', 'expireTokens', 'reset'];

const initialFaults = () => ({ down: false, slowMs: 0, status500: false });

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
	return { set, reset: input.reset === true, expireTokens: input.expireTokens === true };
}

function status500Matches(faults, pathname) {
	const s = faults.status500;
	if (s === true) return true;
	if (!s) return false;
	return (Array.isArray(s) ? s : [s]).some((prefix) => pathname.startsWith(prefix));
}

module.exports = { initialFaults, parseFaultRequest, status500Matches };
