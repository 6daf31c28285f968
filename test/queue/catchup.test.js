'use strict';
// The warehouse example (examples/keyclic-to-postgres.json) catching up after downtime, on n8n in queue
// mode (PostgreSQL + Redis, the main serving the webhooks, one `n8n worker`) against the Keyclic emulator.
// Keyclic retries nothing: what happens while n8n is down is only caught up by the example's nightly run
// (Schedule Trigger → Keyclic Get Many of reports and of operations, Simplify on → the same Map → the same
// newest-wins upsert; operations missing from the full listing are marked removed). Here the schedule runs
// every SCHEDULE_SECONDS seconds (the workflow is edited before import).
//
// No webhook processor: the harness gives them new ports on every start, and Keyclic keeps the URL it
// was given (a real deployment keeps its URL); the main's port stays the same across stop/start.

const { createEmulator } = require('../keyclic-emulator');
const { versionsUnderTest } = require('../harness/versions');
const { waitUntil } = require('../harness/n8n');
const { WAREHOUSE, WAREHOUSE_SQL, secretCredential, webhookIdOf } = require('../harness/workflows');
const { emulatorApiCredential, warehouseCredential } = require('../harness/credentials');
const { QueueStack, FINISHED } = require('./stack');

jest.setTimeout(25 * 60 * 1000);

const TOKEN = 'queue-catchup-token-0123456789abcdef';
const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const SCHEDULE = 'Every Night';
const SCHEDULE_SECONDS = 20;
const DOWN = 50;
const UP = 10;
const API_CREDENTIAL = WAREHOUSE.nodes.find((n) => n.name === 'List Reports').credentials.keyclicApi;
const EVENTS = ['reportCreated', 'reportStateChanged', 'operationCreated', 'operationStateChanged', 'operationRemoved'];

const log = (msg) => process.stdout.write(`[queue catch-up] ${msg}\n`);
/** Keyclic writes dates to the second: what the warehouse can hold of an emulator timestamp. */
const seconds = (iso) => Math.floor(Date.parse(iso) / 1000);

describe.each(versionsUnderTest())('Keyclic → Postgres warehouse on n8n %s in queue mode: catching up after downtime', (version) => {
	const workflow = JSON.parse(JSON.stringify(WAREHOUSE));
	workflow.nodes.find((n) => n.name === SCHEDULE).parameters.rule = { interval: [{ field: 'seconds', secondsInterval: SCHEDULE_SECONDS }] };
	const webhookPath = `${webhookIdOf(workflow)}/webhook`;
	const stack = new QueueStack({ version, name: `queue-catchup-${version}`, webhookProcessors: 0, workers: 1, log });
	let emu;
	const removedIds = new Set();

	/** This workflow's executions in n8n's Postgres: [{ id, status, mode, createdMs }]. */
	async function executions() {
		const rows = await stack.pg.rows(
			`SELECT id::text, status, mode, (extract(epoch from "createdAt") * 1000)::bigint AS "createdMs" FROM execution_entity
			 WHERE "workflowId" = '${workflow.id}' AND "deletedAt" IS NULL ORDER BY id`,
			{ database: 'n8n' },
		);
		return rows.map((r) => ({ ...r, createdMs: Number(r.createdMs) }));
	}

	/** Waits until a scheduled execution created after `since` (ms) has finished; returns it. */
	async function nextScheduledRun(since, what) {
		return waitUntil(
			what,
			async () => {
				stack.n8n.assertRunning();
				const run = (await executions()).find((e) => e.mode === 'trigger' && e.createdMs > since);
				return run && FINISHED.includes(run.status) ? run : false;
			},
			{ timeoutMs: 10 * 60 * 1000, intervalMs: 500 },
		);
	}

	/** Waits until `count` webhook executions have finished. */
	async function webhookRuns(count) {
		return waitUntil(
			`${count} finished webhook executions`,
			async () => {
				stack.n8n.assertRunning();
				const runs = (await executions()).filter((e) => e.mode === 'webhook');
				return runs.length >= count && runs.every((e) => FINISHED.includes(e.status)) ? runs : false;
			},
			{ timeoutMs: 5 * 60 * 1000, intervalMs: 500 },
		);
	}

	async function warehouseRows(table, idColumn, extra = '') {
		const rows = await stack.pg.rows(
			`SELECT ${idColumn}::text AS id, state, extract(epoch from updated_at)::bigint AS "updatedS"${extra} FROM ${table}`,
			{ database: 'warehouse' },
		);
		return new Map(rows.map(({ id, ...row }) => [id, { ...row, updatedS: Number(row.updatedS) }]));
	}

	/** Differences between the warehouse tables and the emulator's reports and operations (removed ones included). */
	async function mismatches() {
		const { reports, operations } = emu.state;
		const want = {
			keyclic_reports: new Map(reports.map((r) => [r.id, { state: r.state, updatedS: seconds(r.updatedAt) }])),
			keyclic_operations: new Map(
				operations.map((o) => [o.id, { state: o.state, updatedS: seconds(o.updatedAt), removed: false, reportId: o.report }]),
			),
		};
		const got = {
			keyclic_reports: await warehouseRows('keyclic_reports', 'report_id'),
			keyclic_operations: await warehouseRows('keyclic_operations', 'operation_id', ', removed, report_id AS "reportId"'),
		};
		const problems = [];
		for (const table of Object.keys(want)) {
			for (const [id, row] of want[table]) {
				const have = got[table].get(id);
				if (!have || Object.keys(row).some((k) => have[k] !== row[k])) problems.push({ table, id, want: row, got: have || 'missing' });
			}
			for (const [id, have] of got[table]) {
				if (want[table].has(id)) continue;
				const removed = table === 'keyclic_operations' && removedIds.has(id);
				if (!removed || have.removed !== true) problems.push({ table, id, unexpected: have });
			}
		}
		return problems;
	}

	const lastWrite = () =>
		stack.pg.query(
			`SELECT greatest((SELECT max(written_at) FROM keyclic_reports), (SELECT max(written_at) FROM keyclic_operations))::text`,
			{ database: 'warehouse' },
		);

	/** A report with an operation (created, then assigned: four notifications). */
	function reportWithOperation(description) {
		const report = emu.createReport({ organization: ORG, description });
		const operation = emu.createOperation({ report: report.id, name: `Intervention ${report.reference}` });
		emu.assignOperation(operation.id, emu.seed.technician.id);
		return { report, operation };
	}

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		await stack.start({
			databases: ['warehouse'],
			beforeN8n: (pg) => pg.file(WAREHOUSE_SQL, { database: 'warehouse' }),
			credentials: (pg) => [secretCredential(TOKEN), emulatorApiCredential(API_CREDENTIAL, emu.url), warehouseCredential(pg)],
			workflows: [workflow],
			activate: [workflow.id],
			waitFor: [webhookPath],
		});
		// Keyclic is given the Production URL + ?token=<secret> for every event (the example's manual registration)
		const payloadUrl = stack.n8n.webhookUrl(webhookIdOf(workflow), { query: `?token=${TOKEN}` });
		for (const event of EVENTS) emu.createWebhook({ event, organization: ORG, payloadUrl });
	});

	afterAll(async () => {
		await stack.stop();
		if (emu) await emu.close();
	});

	test(`what changed while n8n was down (${DOWN} reports, operations created, changed, removed) is in the warehouse after the next scheduled run; ${UP} reports with n8n up come through the webhook; the run after writes nothing`, async () => {
		// n8n up: three reports with an assigned operation each reach the warehouse through the webhook
		const before = [1, 2, 3].map((i) => reportWithOperation(`Avant la panne ${i}`));
		await emu.waitForIdle(60000);
		expect(emu.deliveries.filter((d) => !d.ok)).toEqual([]);
		await webhookRuns(emu.deliveries.length);
		// an operation's operation_created and operation_state_changed (assigned) of the same second may be upserted
		// in either order by the worker: Keyclic's dates are to the second, so newest-wins cannot order them and
		// the row may say NEW; the scheduled run, which lists the operation as it is, repairs that
		await nextScheduledRun(Date.now(), 'a scheduled run after the first deliveries');
		expect(await mismatches()).toEqual([]);

		await stack.n8n.stop();
		// n8n down: every notification fails (Keyclic tries once)
		const deliveredBefore = emu.deliveries.length;
		const missed = [];
		for (let i = 0; i < DOWN; i++) missed.push(emu.createReport({ organization: ORG, description: `Fuite ${i + 1} pendant la panne` }));
		for (const report of missed.slice(0, 5)) emu.createOperation({ report: report.id, name: `Intervention ${report.reference}` });
		emu.transitionReport(before[0].report.id, 'accept');
		emu.transitionOperation(before[1].operation.id, 'progress');
		emu.deleteOperation(before[2].operation.id);
		removedIds.add(before[2].operation.id);
		await emu.waitForIdle(60000);
		const failed = emu.deliveries.slice(deliveredBefore);
		expect(failed.length).toBeGreaterThanOrEqual(DOWN + 5 + 3); // reports and operations created, two changes, one removal
		expect(failed.filter((d) => d.ok || d.status !== null || !d.error)).toEqual([]);
		expect((await mismatches()).length).toBeGreaterThan(DOWN);

		const restartedAt = Date.now();
		await stack.n8n.start({ waitFor: [webhookPath], timeoutMs: 300000 });
		const catchUp = await nextScheduledRun(restartedAt, 'the first scheduled run after the restart');
		expect(catchUp.status).toBe('success');
		expect(await mismatches()).toEqual([]);
		const removedRow = (await warehouseRows('keyclic_operations', 'operation_id', ', removed, last_event AS "lastEvent"')).get(
			before[2].operation.id,
		);
		expect(removedRow).toMatchObject({ removed: true, lastEvent: 'not_listed' });

		// n8n up: new reports come through the webhook
		const webhookBefore = (await executions()).filter((e) => e.mode === 'webhook').length;
		for (let i = 0; i < UP; i++) emu.createReport({ organization: ORG, description: `Panne ${i + 1}, n8n en marche` });
		await emu.waitForIdle(60000);
		expect(emu.deliveries.slice(-UP).map((d) => d.status)).toEqual(Array(UP).fill(200));
		const runs = await webhookRuns(webhookBefore + UP);
		expect(runs.filter((e) => e.status !== 'success')).toEqual([]);
		expect(await mismatches()).toEqual([]);
		const settledAt = Date.now();
		const written = await lastWrite();

		// the following scheduled run finds the warehouse up to date and writes nothing
		const idle = await nextScheduledRun(settledAt, 'the scheduled run after the webhook deliveries');
		expect(idle.status).toBe('success');
		expect(await lastWrite()).toBe(written);
		expect(await mismatches()).toEqual([]);

		// an operation wrongly marked removed (missed by a listing whose pages shifted) is restored by the next run
		await stack.pg.query(
			`UPDATE keyclic_operations SET removed = true, last_event = 'not_listed' WHERE operation_id = '${before[0].operation.id}'`,
			{ database: 'warehouse' },
		);
		const markedAt = Date.now();
		expect((await mismatches()).map((p) => p.id)).toEqual([before[0].operation.id]);
		await nextScheduledRun(markedAt, 'the scheduled run after an operation was wrongly marked removed');
		expect(await mismatches()).toEqual([]);
		const lastRun = await nextScheduledRun(Date.now(), 'one more scheduled run, so that none is cut short by the end of the test');
		const all = (await executions()).filter((e) => Number(e.id) <= Number(lastRun.id));
		expect(all.filter((e) => e.status !== 'success')).toEqual([]);
	});
});
