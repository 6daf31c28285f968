'use strict';
// Fault rows of queue mode, on one stack (PostgreSQL + Redis, one main, two `n8n webhook` processors, one
// `n8n worker`) running the warehouse example (examples/keyclic-to-postgres.json). Each row: a burst of
// distinct notifications over both processors, the fault injected when half were answered, the process or
// service started again, then every call counted (what its sender saw, what ran) and the warehouse
// compared with what ran. docs/scaling-and-delivery.md "Delivery guarantees".

const { WAREHOUSE_SQL, warehouseWebhookOnly, webhookIdOf, secretCredential } = require('../harness/workflows');
const { warehouseCredential } = require('../harness/credentials');
const { keyclicFixtures } = require('../support/fixtures');
const { QueueStack } = require('../queue/stack');
const { burst, expectedWarehouse } = require('../queue/notifications');
const { FULL, VERSIONS, FINISHED, BURST, LEFT_OPEN_MS, burstWithFault, figures, settled, record, log } = require('./tally');

jest.setTimeout(30 * 60 * 1000);

const TOKEN = 'faults-queue-token-0123456789abcdef';

describe.each(VERSIONS)('faults on n8n %s, queue mode', (version) => {
	const stack = new QueueStack({ version, name: `faults-queue-${version}`, webhookProcessors: 2, workers: 1, log });
	// the webhook path only (no Keyclic API to poll here)
	const wf = warehouseWebhookOnly();
	const waitFor = [`${webhookIdOf(wf)}/webhook`];
	let seed = 100;

	beforeAll(async () => {
		await stack.start({
			databases: ['warehouse'],
			beforeN8n: (pg) => pg.file(WAREHOUSE_SQL, { database: 'warehouse' }),
			credentials: (pg) => [secretCredential(TOKEN), warehouseCredential(pg, { maxConnections: 10 })],
			workflows: [wf],
			activate: [wf.id],
			waitFor,
		});
	});

	afterAll(async () => {
		await stack.stop();
	});

	async function send(body, i) {
		const url = stack.n8n.webhookUrl(webhookIdOf(wf), { server: i % 2, query: `?token=${TOKEN}` });
		try {
			const r = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(60000),
			});
			const text = await r.text();
			let parsed;
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = undefined;
			}
			return { status: r.status, body: parsed };
		} catch {
			return { status: 0 };
		}
	}

	const count = async (args) => Number(String((await stack.redis.command(args)) ?? ':0').replace(/^:/, '')) || 0;
	/** Bull's queue of n8n (prefix bull, queue jobs): waiting + active + delayed jobs. */
	const queued = async () =>
		(await count(['LLEN', 'bull:jobs:wait'])) + (await count(['LLEN', 'bull:jobs:active'])) + (await count(['ZCARD', 'bull:jobs:delayed']));

	async function lastExecutionId() {
		const text = await stack.pg.query(`SELECT coalesce(max(id), 0) FROM execution_entity WHERE "workflowId" = '${wf.id}'`, {
			database: 'n8n',
		});
		return Number(text);
	}

	/**
	 * Rows of the warehouse that match no possible outcome: for each report/operation a successful
	 * execution wrote, the row must be what those executions give, with or without any of the lost calls
	 * of the same resource (an execution killed or failed mid-way may have written its upsert already).
	 */
	async function warehouseProblems(ranBodies, lostBodies) {
		const expected = expectedWarehouse(ranBodies);
		const db = { database: 'warehouse' };
		const ms = '(extract(epoch from updated_at) * 1000)::bigint AS "updatedMs"';
		const problems = [];
		for (const [table, sql] of [
			['reports', `SELECT report_id::text AS id, state, ${ms}, last_event AS "lastEvent" FROM keyclic_reports`],
			[
				'operations',
				`SELECT operation_id::text AS id, state, ${ms}, last_event AS "lastEvent", removed, report_id AS "reportId" FROM keyclic_operations`,
			],
		]) {
			const rows = new Map((await stack.pg.rows(sql, db)).map(({ id, ...row }) => [id, { ...row, updatedMs: Number(row.updatedMs) }]));
			for (const [id, want] of expected[table]) {
				const got = rows.get(id);
				const same = (w) => got && Object.keys(w).every((k) => got[k] === w[k]);
				if (same(want)) continue;
				const ran = ranBodies.filter((b) => b.payload.id === id);
				const lost = lostBodies.filter((b) => b.payload.id === id).slice(0, 10);
				let possible = false;
				for (let mask = 1; mask < 2 ** lost.length && !possible; mask++) {
					const applied = [...ran, ...lost.filter((_b, i) => mask & (2 ** i))];
					possible = same(expectedWarehouse(applied)[table].get(id));
				}
				if (!possible) problems.push({ table, id, want, got: got || 'missing' });
			}
		}
		return problems;
	}

	/** One row: burst, fault, recovery, then the figures (asserted by the caller). */
	async function row(name, { inject, recover }) {
		const since = await lastExecutionId();
		const bodies = burst(keyclicFixtures(), BURST, seed++);
		const { calls, injected } = await burstWithFault(bodies, send, { inject, recover });
		// settled: n8n's queue empty (no job waiting, active or delayed) twice in a row; then the executions of
		// this row finish, or are left waiting/running with no job to run them (counted as never finished)
		await settled(`${name}: queue empty`, async () => (await queued()) === 0, { timeoutMs: FULL ? 600000 : 300000 });
		const open = async () =>
			Number(
				await stack.pg.query(
					`SELECT count(*) FROM execution_entity WHERE "workflowId" = '${wf.id}' AND id > ${since} AND status NOT IN (${FINISHED.map((s) => `'${s}'`).join(',')})`,
					{ database: 'n8n' },
				),
			);
		let stuck = 0;
		try {
			await settled(`${name}: executions finished`, async () => (stuck = await open()) === 0, { timeoutMs: LEFT_OPEN_MS });
		} catch {
			// left waiting or running with an empty queue: nothing will run them
		}
		const executions = (await stack.executedItems(wf.id, 'Keyclic Trigger'))
			.filter((e) => Number(e.id) > since)
			.map((e) => ({ status: e.status, eventKey: e.item ? e.item.eventKey : null }));
		const result = { injected: injected ?? null, neverFinished: stuck, ...figures(calls, executions) };
		const ran = new Set(executions.filter((e) => e.status === 'success').map((e) => e.eventKey));
		const lost = new Set(result.lost);
		const problems = await warehouseProblems(
			calls.filter((c) => ran.has(c.eventKey)).map((c) => c.body),
			calls.filter((c) => lost.has(c.eventKey)).map((c) => c.body),
		);
		result.warehouseProblems = problems.length;
		if (problems.length) log(`${name}: warehouse rows no outcome explains: ${JSON.stringify(problems)}`);
		log(`n8n ${version} ${name}: ${JSON.stringify(result)}`);
		record(`queue: ${name}`, version, result);
		return result;
	}

	/** What must hold for every row. */
	function expectGuarantees(result) {
		expect(result.senders.accepted).toBeGreaterThan(0);
		expect(result.ranRefused).toEqual([]); // nothing ran for a call answered with an error status
		expect(result.acceptedRan + result.lost.length).toBe(result.senders.accepted); // ran, or named lost
		expect(result.warehouseProblems).toBe(0); // duplicates (if any) harmless: the warehouse is exact
	}

	test('kill -9 of one of the two webhook processors, then restart', async () => {
		const result = await row('kill -9 of webhook-1', {
			inject: () => stack.kill('webhook-1'),
			recover: () => stack.restartProcess('webhook-1', { waitFor }),
		});
		expectGuarantees(result);
		// 2.x answers only once the job is queued (docs/scaling-and-delivery.md "Delivery guarantees"); 1.x answers first
		if (Number(version.split('.')[0]) >= 2) expect(result.lost).toEqual([]);
	});

	test('kill -9 of the worker, then a new worker', async () => {
		const result = await row('kill -9 of the worker', {
			inject: () => stack.kill('worker-1'),
			recover: () => stack.restartProcess('worker-1'),
		});
		expectGuarantees(result);
	});

	test('PostgreSQL restarted', async () => {
		const result = await row('PostgreSQL restarted', {
			inject: () => stack.restartPostgres({ mode: 'fast' }),
			recover: async () => {},
		});
		expectGuarantees(result);
	});

	test("Redis restarted as the harness starts it (save '', appendonly no)", async () => {
		const result = await row('Redis restarted, appendonly no', {
			inject: () => stack.restartRedis(),
			recover: async () => {},
		});
		expectGuarantees(result);
	});

	test('Redis restarted with persistence (appendonly yes)', async () => {
		// switch persistence on while idle (a restart with an empty queue loses nothing), then the row
		stack.redis.appendonly = true;
		await stack.restartRedis();
		const result = await row('Redis restarted, appendonly yes', {
			inject: () => stack.restartRedis(),
			recover: async () => {},
		});
		expectGuarantees(result);
	});
});
