'use strict';
// Dates as the Keyclic API writes them (ISO 8601, seconds, explicit offset: 2024-03-14T08:47:12+01:00)
// and stable UUIDs for generated-but-fixed things (workflow states, transitions, priorities).
const crypto = require('node:crypto');

const pad = (n) => String(n).padStart(2, '0');

/** ms since epoch → "YYYY-MM-DDTHH:MM:SS+HH:MM" in the given offset (minutes east of UTC). */
function formatDate(ms, offsetMinutes = 0) {
	const local = new Date(ms + offsetMinutes * 60000).toISOString().slice(0, 19);
	const abs = Math.abs(offsetMinutes);
	return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Parse an ISO date-time with a zone; NaN when it is not one. */
function parseDate(value) {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return NaN;
	return Date.parse(value);
}

/** A UUID (v5 layout) derived from a name, so the same name always gives the same id. */
function stableUuid(name) {
	const h = crypto.createHash('sha1').update(`keyclic-emulator:${name}`).digest();
	h[6] = (h[6] & 0x0f) | 0x50;
	h[8] = (h[8] & 0x3f) | 0x80;
	const x = h.subarray(0, 16).toString('hex');
	return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

module.exports = { formatDate, parseDate, stableUuid };
