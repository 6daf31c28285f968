'use strict';
// Notifications for the queue suite, derived from the shared fixtures, and what the warehouse must hold
// after them (computed here, independently of the workflow's SQL).
const { randomUUID } = require('node:crypto');

const { expectedState } = require('../support/expectations');

const canonical = (event) => event.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The trigger's eventKey for a body: event:id:state:updatedAt. */
function eventKeyOf(body) {
	const p = body.payload;
	return [canonical(body.event), p.id, expectedState(p) ?? '', p.updatedAt ?? ''].join(':');
}

/** A copy of `body` where every resource id in `ids` (payload ids and the links to them) is replaced. */
function withIds(body, ids) {
	let text = JSON.stringify(body);
	for (const [from, to] of ids) text = text.split(from).join(to);
	return JSON.parse(text);
}

/** The fixtures with a fresh UUID for every report and operation (links follow), one of each eventKey. */
function freshRound(fixtures) {
	const resourceIds = [...new Set(fixtures.map((f) => f.body.payload.id))];
	const ids = new Map(resourceIds.map((id) => [id, randomUUID()]));
	const seen = new Set();
	const out = [];
	for (const f of fixtures) {
		const key = eventKeyOf(f.body);
		if (seen.has(key)) continue; // report_created.camelCase.json is report_created.json spelled otherwise
		seen.add(key);
		out.push(withIds(f.body, ids));
	}
	return out;
}

/** Deterministic shuffle (mulberry32), so a failing order can be replayed. */
function shuffle(list, seed) {
	let a = seed >>> 0;
	const random = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * `count` distinct notifications: rounds of every fixture with fresh ids, shuffled, so that the
 * notifications of one report (created, then state changed) reach n8n in any order and concurrently.
 */
function burst(fixtures, count, seed = 20240314) {
	const out = [];
	while (out.length < count) out.push(...freshRound(fixtures).slice(0, count - out.length));
	return shuffle(out, seed);
}

const lastSegment = (href) => (href ? href.split('?')[0].split('/').filter(Boolean).pop() : null);

/**
 * Rows keyclic_reports / keyclic_operations must hold after `bodies` (in any delivery order): per id, the
 * notification with the newest updatedAt wins (at an equal one, a state change over a creation), written only when
 * it changes the state or updatedAt (the same change again writes nothing); an operation is `removed` once an
 * operation_removed was received, even one older than the row (which then keeps its newer state).
 */
function expectedWarehouse(bodies) {
	const tables = { reports: new Map(), operations: new Map() };
	for (const body of bodies) {
		const p = body.payload;
		const table = p.type === 'Report' ? tables.reports : tables.operations;
		const updatedMs = Date.parse(p.updatedAt);
		const state = expectedState(p);
		const event = canonical(body.event);
		const current = table.get(p.id);
		const removal = event === 'operation_removed' && !(current && current.removed);
		// Keyclic's dates are to the second: at an equal updatedAt a state change wins over a creation (webhook items only here)
		const newer = !current || updatedMs > current.updatedMs || (updatedMs === current.updatedMs && !event.endsWith('_created'));
		const changes = !current || state !== current.state || updatedMs !== current.updatedMs;
		if (!removal && !(newer && changes)) continue;
		const keep = current && event === 'operation_removed' && updatedMs <= current.updatedMs; // a removal keeps a newer state
		const row = { state: keep ? current.state : state, updatedMs: keep ? current.updatedMs : updatedMs, lastEvent: event };
		if (p.type === 'Operation') {
			row.removed = (current ? current.removed : false) || event === 'operation_removed';
			row.reportId = lastSegment(p._links && p._links.report && p._links.report.href);
		}
		table.set(p.id, row);
	}
	return tables;
}

module.exports = { canonical, eventKeyOf, freshRound, burst, expectedWarehouse, withIds };
