'use strict';
// Per-call accounting of a fault row: what each sender saw (accepted, a status, no answer) against what
// n8n ran for that call (found by the trigger item's eventKey, distinct for every call of a burst).
const fs = require('node:fs');
const path = require('node:path');

const { eventKeyOf } = require('../queue/notifications');
const { ROOT } = require('../harness/package');
const { sleep, waitUntil } = require('../harness/wait');

/** `true` for the full table (`npm run faults`): both n8n lines, larger bursts. */
const FULL = process.env.KEYCLIC_FAULTS_FULL === '1';
const BURST = Number(process.env.KEYCLIC_FAULTS_BURST || (FULL ? 120 : 16));
/**
 * How long executions still `new`/`running` once nothing is left to run them (queue empty, or n8n
 * restarted) may take to finish before they count as never finished: a bound, not a sleep (the wait
 * ends as soon as none is left open).
 */
const LEFT_OPEN_MS = FULL ? 120000 : 10000;
const CONCURRENCY = 4;
const RESULTS = path.join(ROOT, 'test', 'faults', 'results.json');

/** Runs fn over items with `concurrency` in flight. */
async function inPool(items, concurrency, fn) {
	const results = new Array(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
	return results;
}

/** What the sender of one call saw: 'accepted', 'status <n>' or 'no answer'. */
function seen(res) {
	if (!res || res.status === 0) return 'no answer';
	if (res.status === 200 && res.body && res.body.status === 'accepted') return 'accepted';
	return `status ${res.status}`;
}

/**
 * Sends `bodies` (`send(body, i)` → {status, body} or {status: 0}), runs `inject()` once half of them
 * were answered (the other calls keep going meanwhile), then `recover()` after the last answer.
 * Resolves to [{ body, eventKey, seen }].
 */
async function burstWithFault(bodies, send, { inject, recover }) {
	let answered = 0;
	let reachHalf;
	const half = new Promise((resolve) => (reachHalf = resolve));
	const sending = inPool(bodies, CONCURRENCY, async (body, i) => {
		const res = await send(body, i);
		answered += 1;
		if (answered === Math.floor(bodies.length / 2)) reachHalf();
		return res;
	});
	await half;
	const injected = await inject();
	const responses = await sending;
	await recover();
	return { injected, calls: bodies.map((body, i) => ({ body, eventKey: eventKeyOf(body), seen: seen(responses[i]) })) };
}

/**
 * Figures of a row: executions = [{ status, eventKey|null }]. Per call: ran (success), crashed/error,
 * missing, twice; plus executions that ran for no accepted call and executions with no trigger item yet
 * (status new/running: never started, or stuck).
 */
function figures(calls, executions) {
	const byKey = new Map();
	const orphans = [];
	for (const e of executions) {
		if (!e.eventKey) orphans.push(e.status);
		else byKey.set(e.eventKey, [...(byKey.get(e.eventKey) || []), e.status]);
	}
	const senders = {};
	for (const c of calls) senders[c.seen] = (senders[c.seen] || 0) + 1;
	const accepted = calls.filter((c) => c.seen === 'accepted');
	const lost = accepted.filter((c) => !(byKey.get(c.eventKey) || []).includes('success')).map((c) => c.eventKey);
	const twice = calls.filter((c) => (byKey.get(c.eventKey) || []).length > 1).map((c) => c.eventKey);
	const ranRefused = calls
		.filter((c) => c.seen.startsWith('status ') && (byKey.get(c.eventKey) || []).length > 0)
		.map((c) => `${c.eventKey} (${c.seen})`);
	const ranUnanswered = calls.filter((c) => c.seen === 'no answer' && (byKey.get(c.eventKey) || []).includes('success')).length;
	const statuses = {};
	for (const e of executions) statuses[e.status] = (statuses[e.status] || 0) + 1;
	return {
		calls: calls.length,
		senders,
		executions: statuses,
		acceptedRan: accepted.length - lost.length,
		lost,
		twice,
		ranRefused,
		ranUnanswered,
		withoutItem: orphans.length,
	};
}

/** Waits until `check()` (true when settled) holds on two polls in a row, `intervalMs` apart. */
async function settled(what, check, { timeoutMs = 180000, intervalMs = 1000 } = {}) {
	let streak = 0;
	return waitUntil(
		what,
		async () => {
			streak = (await check()) ? streak + 1 : 0;
			return streak >= 2;
		},
		{ timeoutMs, intervalMs },
	);
}

/** Adds one row's figures to test/faults/results.json (written by `npm run faults`, read into docs/scaling-and-delivery.md). */
function record(row, version, result) {
	if (!FULL) return;
	const all = fs.existsSync(RESULTS) ? JSON.parse(fs.readFileSync(RESULTS, 'utf8')) : {};
	all[row] = { ...(all[row] || {}), [version]: { burst: BURST, ...result } };
	fs.writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
}

const log = (msg) => process.stdout.write(`[faults] ${msg}\n`);

module.exports = { FULL, BURST, LEFT_OPEN_MS, burstWithFault, figures, settled, record, log, sleep };
