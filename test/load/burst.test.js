'use strict';
// Load without loss: a bounded burst of N distinct Keyclic notifications at concurrency 50 into a REAL
// n8n (regular mode, SQLite) over 127.0.0.1, through the basic example workflow (examples/keyclic-basic.json). Every request must be
// answered 200, and n8n must have recorded exactly N successful executions, each notification id
// exactly once, none missing. Then the same with a mix: 20% events the trigger does not select and 10%
// malformed calls: exactly the valid, selected ones run.
//
// N comes from KEYCLIC_LOAD_N (default 300: the whole suite, n8n start included, stays under 5 min on a
// 2-core CI machine). `npm run test:load` (scripts/load.js) runs it with N = 10,000 and writes the
// figures to bench/results/ and docs/benchmarks.md.
//
// Which executions ran which notification is read from n8n's SQLite database (test/harness/sqlite.js):
// the Keyclic Trigger's output item (json.id) of every execution, parsed with n8n's own `flatted`. The
// total is cross-checked with n8n's public API (includeData=false, paged).
const path = require('node:path');

const { N8n } = require('../harness/n8n');
const { runLoad } = require('../harness/load');
const { ExecutionsDb } = require('../harness/sqlite');
const { versionsUnderTest, LATEST } = require('../harness/versions');
const { exampleWorkflow, webhookIdOf, secretCredential } = require('../harness/workflows');
const { keyclicFixtures } = require('../support/fixtures');
const { badBodies } = require('../support/expectations');

const N = Number(process.env.KEYCLIC_LOAD_N || 300);
const CONCURRENCY = Number(process.env.KEYCLIC_LOAD_CONCURRENCY || 50);
// n8n's default expression engine unless told otherwise (vm on 2.x; "legacy" is ~4x faster, see docs/benchmarks.md)
const ENGINE = process.env.KEYCLIC_LOAD_ENGINE || '';
const REPORT = process.env.KEYCLIC_LOAD_REPORT === '1';
const TOKEN = 'load-secret-token-0123456789abcdef';
const TRIGGER = 'Keyclic Trigger';
// the 2.x line by default (the load figures are about the current n8n); KEYCLIC_N8N_VERSIONS narrows it
const VERSION = process.env.KEYCLIC_LOAD_VERSION || (versionsUnderTest().includes(LATEST) ? LATEST : versionsUnderTest()[0]);

// generous but bounded: a few notifications per second is the slowest this machine has shown
const PER_TEST_MS = 5 * 60 * 1000 + N * 600;
jest.setTimeout(PER_TEST_MS * 2 + 10 * 60 * 1000);

const log = (msg) => process.stdout.write(`[load] ${msg}\n`);
const fixtures = keyclicFixtures();
const SELECTED = ['report_created', 'report_state_changed', 'operation_created', 'operation_state_changed'];
const canonical = (event) => event.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Distinct, valid ids that say which run and which notification they belong to. */
function idFactory() {
	const run = Math.floor(Math.random() * 0xffffffff)
		.toString(16)
		.padStart(8, '0');
	return (series, i) => `${run}-${String(series).padStart(4, '0')}-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

/** Notification i: a shared fixture (round robin over all of them) carrying its own id. */
function notification(templates, id, i) {
	const body = structuredClone(templates[i % templates.length].body);
	body.payload.id = id;
	return JSON.stringify(body);
}

/** Deterministic shuffle (so a failing order can be replayed). */
function shuffled(list, seed) {
	const out = [...list];
	let s = seed >>> 0;
	for (let i = out.length - 1; i > 0; i--) {
		s = (s * 1664525 + 1013904223) >>> 0;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * Retries a call to n8n's API when the connection fails ("fetch failed" / "other side closed"): while this
 * process was busy reading SQLite synchronously, n8n closed the idle keep-alive connections of the burst,
 * and the first request after it may be written to one of them. HTTP errors are not retried.
 */
/** What a run wrote to the results file: the load's figures, the executions' tally and how they were read. */
function summary(load, t, rec) {
	return {
		sent: load.sent,
		answered: load.answered,
		statuses: load.statuses,
		executed: t.executed,
		successful: t.successful,
		missing: t.missing.length,
		duplicated: t.duplicated.length,
		unexpected: t.unexpected.length,
		viaApi: rec.viaApi,
		durationMs: load.durationMs,
		rps: load.rps,
		latency: load.latency,
		timings: rec.timings,
	};
}

async function withRetry(what, fn, attempts = 4) {
	await new Promise((resolve) => setTimeout(resolve, 200)); // let pending socket closes be seen first
	for (let i = 1; ; i++) {
		try {
			return await fn();
		} catch (e) {
			// no instanceof: fetch's errors come from another realm than jest's sandbox
			if (i >= attempts || !/fetch failed/.test(String(e && e.message))) throw e;
			log(`${what}: ${e.message} (${e.cause ? e.cause.message : 'no cause'}), retrying`);
			await new Promise((resolve) => setTimeout(resolve, 500 * i));
		}
	}
}

/** Time to read one page of 250 executions WITH their data through the public API (for the record). */
async function apiPageWithDataMs(n8n, workflowId) {
	const key = await n8n.apiKey();
	const t0 = Date.now();
	const r = await fetch(`${n8n.baseUrl}/api/v1/executions?workflowId=${workflowId}&includeData=true&limit=250`, {
		headers: { 'X-N8N-API-KEY': key },
	});
	const page = await r.json();
	return { ms: Date.now() - t0, executions: page.data ? page.data.length : 0 };
}

/** What n8n recorded for the notifications of one workflow: counts and the ids seen, by execution. */
async function recorded(n8n, db, workflowId, expectedExecutions) {
	const t0 = Date.now();
	const counts = await db.waitForFinished(workflowId, expectedExecutions, { timeoutMs: PER_TEST_MS, settleMs: 2000 });
	const t1 = Date.now();
	const outputs = db.outputs(workflowId, TRIGGER, { pick: (json) => (json ? json.id : null) });
	const t2 = Date.now();
	const viaApi = (await withRetry('public API count', () => n8n.executions(workflowId, { includeData: false }))).length;
	const t3 = Date.now();
	const apiPage = await withRetry('public API page', () => apiPageWithDataMs(n8n, workflowId));
	return {
		counts,
		outputs,
		viaApi,
		timings: {
			drainMs: t1 - t0,
			sqliteIdsMs: t2 - t1,
			apiCountMs: t3 - t2,
			apiPageWithData250Ms: apiPage.ms,
			apiPageExecutions: apiPage.executions,
		},
	};
}

/** sent/answered/executed/missing/duplicated/unexpected for a set of expected ids. */
function tally(expectedIds, outputs) {
	const seen = new Map();
	let noId = 0;
	for (const o of outputs) {
		if (o.status !== 'success' || typeof o.json !== 'string') {
			noId += 1;
			continue;
		}
		seen.set(o.json, (seen.get(o.json) || 0) + 1);
	}
	const expected = new Set(expectedIds);
	const missing = expectedIds.filter((id) => !seen.has(id));
	const duplicated = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
	const unexpected = [...seen.keys()].filter((id) => !expected.has(id));
	return { executed: outputs.length, successful: outputs.length - noId, notSuccessful: noId, missing, duplicated, unexpected };
}

const results = {};

describe(`Keyclic Trigger under load in n8n ${VERSION} (SQLite, concurrency ${CONCURRENCY}, N = ${N})`, () => {
	let n8n;
	let db;
	const nextId = idFactory();
	const burstWf = exampleWorkflow({ index: 41, name: 'Keyclic load: burst' });
	const mixWf = exampleWorkflow({ index: 42, name: 'Keyclic load: mix', parameters: { events: SELECTED } });
	const url = (wf) => n8n.webhookUrl(webhookIdOf(wf), { query: `?token=${TOKEN}` });

	beforeAll(async () => {
		const env = ENGINE ? { N8N_EXPRESSION_ENGINE: ENGINE } : {};
		n8n = await N8n.create({ version: VERSION, name: `load-${VERSION}`, env, log });
		n8n.importCredentials([secretCredential(TOKEN)]);
		n8n.importWorkflows([burstWf, mixWf]);
		n8n.activate(burstWf.id, mixWf.id);
		const startMs = await n8n.start({ waitFor: [burstWf, mixWf].map((wf) => `${webhookIdOf(wf)}/webhook`) });
		db = new ExecutionsDb(n8n);
		results.n8n = { version: VERSION, engine: n8n.env().N8N_EXPRESSION_ENGINE || 'vm (default)', startMs };
		log(`n8n ${VERSION} up in ${(startMs / 1000).toFixed(1)} s (expression engine: ${results.n8n.engine})`);
	});

	afterAll(async () => {
		if (n8n) {
			results.rssMiB = n8n.rssMiB();
			await n8n.stop();
		}
		if (REPORT && results.burst) {
			const { writeLoadReport } = require('../../bench/report');
			const file = writeLoadReport({ N, concurrency: CONCURRENCY, ...results });
			log(`figures written to ${path.relative(process.cwd(), file)} and docs/benchmarks.md`);
		}
	});

	test(`${N} distinct notifications: every request answered 200, exactly one successful execution each`, async () => {
		const ids = Array.from({ length: N }, (_, i) => nextId(1, i));
		const target = url(burstWf);
		const load = await runLoad({
			count: N,
			concurrency: CONCURRENCY,
			request: (i) => ({ url: target, body: notification(fixtures, ids[i], i) }),
			keepBodies: true,
			maxDurationMs: PER_TEST_MS,
		});
		log(
			`burst: ${load.sent} sent in ${(load.durationMs / 1000).toFixed(1)} s (${load.rps} req/s), statuses ${JSON.stringify(load.statuses)}, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms`,
		);
		const badAnswers = load.results.filter((r, i) => !r || r.status !== 200 || r.body.status !== 'accepted' || r.body.id !== ids[i]);

		const rec = await recorded(n8n, db, burstWf.id, N);
		const t = tally(ids, rec.outputs);
		results.burst = { ...summary(load, t, rec), answered200: load.statuses[200] || 0 };
		log(
			`burst: executed ${t.executed} (${t.successful} successful), missing ${t.missing.length}, duplicated ${t.duplicated.length}, unexpected ${t.unexpected.length}; public API counts ${rec.viaApi}; reading: ${JSON.stringify(rec.timings)}`,
		);

		expect(load.sent).toBe(N);
		expect(badAnswers.slice(0, 5)).toEqual([]);
		expect(load.statuses).toEqual({ 200: N });
		expect(rec.counts).toMatchObject({ total: N, success: N, inProgress: 0 });
		expect(rec.viaApi).toBe(N);
		expect({ missing: t.missing.slice(0, 5), duplicated: t.duplicated.slice(0, 5), unexpected: t.unexpected.slice(0, 5) }).toEqual({
			missing: [],
			duplicated: [],
			unexpected: [],
		});
		expect(t.successful).toBe(N);
	});

	test(`${N} calls, 20% not selected and 10% malformed: exactly the valid selected ones run`, async () => {
		const selectedTemplates = fixtures.filter((f) => SELECTED.includes(canonical(f.body.event)));
		const filteredTemplates = fixtures.filter((f) => !SELECTED.includes(canonical(f.body.event)));
		const bad = badBodies();
		expect(filteredTemplates.length).toBeGreaterThan(0);
		const nFiltered = Math.round(N * 0.2);
		const nBad = Math.round(N * 0.1);
		const nValid = N - nFiltered - nBad;
		const calls = [
			...Array.from({ length: nValid }, (_, i) => ({ kind: 'valid', id: nextId(2, i), template: selectedTemplates, i })),
			...Array.from({ length: nFiltered }, (_, i) => ({ kind: 'filtered', id: nextId(3, i), template: filteredTemplates, i })),
			...Array.from({ length: nBad }, (_, i) => ({ kind: 'malformed', bad: bad[i % bad.length] })),
		];
		const order = shuffled(calls, N);
		const target = url(mixWf);
		const load = await runLoad({
			count: order.length,
			concurrency: CONCURRENCY,
			request: (k) => {
				const c = order[k];
				if (c.kind !== 'malformed') return { url: target, body: notification(c.template, c.id, c.i) };
				return { url: target, body: c.bad.raw ? c.bad.body : JSON.stringify(c.bad.body), headers: c.bad.headers };
			},
			keepBodies: true,
			maxDurationMs: PER_TEST_MS,
		});
		log(
			`mix: ${load.sent} sent in ${(load.durationMs / 1000).toFixed(1)} s (${load.rps} req/s), statuses ${JSON.stringify(load.statuses)}`,
		);
		const wrong = [];
		order.forEach((c, k) => {
			const r = load.results[k];
			const got = r ? { status: r.status, answer: r.body && r.body.status } : { status: 'not sent' };
			const want =
				c.kind === 'valid'
					? { status: 200, answer: 'accepted' }
					: c.kind === 'filtered'
						? { status: 200, answer: 'ignored' }
						: { status: c.bad.status, answer: undefined };
			if (got.status !== want.status || (c.kind !== 'malformed' && got.answer !== want.answer))
				wrong.push({ kind: c.kind, case: c.bad && c.bad.name, got, want });
		});

		const validIds = order.filter((c) => c.kind === 'valid').map((c) => c.id);
		const rec = await recorded(n8n, db, mixWf.id, nValid);
		const t = tally(validIds, rec.outputs);
		results.mix = {
			...summary(load, t, rec),
			valid: nValid,
			filtered: nFiltered,
			malformed: nBad,
			wrongAnswers: wrong.length,
		};
		log(
			`mix: executed ${t.executed} for ${nValid} valid selected (missing ${t.missing.length}, duplicated ${t.duplicated.length}, unexpected ${t.unexpected.length}); ${wrong.length} wrong answers`,
		);

		expect(load.sent).toBe(N);
		expect(load.answered).toBe(N);
		expect(wrong.slice(0, 5)).toEqual([]);
		expect(load.statuses[500]).toBeUndefined();
		expect(rec.counts).toMatchObject({ total: nValid, success: nValid, inProgress: 0 });
		expect(rec.viaApi).toBe(nValid);
		expect({ missing: t.missing.slice(0, 5), duplicated: t.duplicated.slice(0, 5), unexpected: t.unexpected.slice(0, 5) }).toEqual({
			missing: [],
			duplicated: [],
			unexpected: [],
		});
	});
});
