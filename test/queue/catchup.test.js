'use strict';
// The warehouse example (examples/keyclic-to-postgres.json) converging to Keyclic's state after downtime, on n8n
// in queue mode (PostgreSQL + Redis, the main serving the webhooks and polling, one `n8n worker`) against the
// Keyclic emulator. Keyclic sends each notification once and retries nothing: what changes while n8n is down
// reaches the warehouse through the example's Keyclic Polling Trigger (creations, state changes, removed
// operations), with no re-listing of anything. The twice rule: every change reaches the same upserts twice
// (by the webhook and by the poll; or by the poll and a replay of Keyclic's missed notifications) and is
// written once.
//
// Polls: the example polls every 5 minutes; n8n also polls a poller once when it activates the workflow (at
// start-up, or deactivate + activate through n8n's public API), through the same code as a scheduled poll. So
// each poll here is one of those (seconds, not minutes), and no scheduled poll comes in between.
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
const POLLER = 'Keyclic Polling Trigger';
const DOWN = 20;
const HOUR = 3600 * 1000;
const API_CREDENTIAL = WAREHOUSE.nodes.find((n) => n.name === POLLER).credentials.keyclicApi;
const EVENTS = ['reportCreated', 'reportStateChanged', 'operationCreated', 'operationStateChanged', 'operationRemoved'];
const LISTS = [`/organizations/${ORG}/reports`, `/organizations/${ORG}/operations`];

const log = (msg) => process.stdout.write(`[queue catch-up] ${msg}\n`);
/** Keyclic writes dates to the second: what the warehouse can hold of an emulator timestamp. */
const seconds = (iso) => Math.floor(Date.parse(iso) / 1000);

describe.each(versionsUnderTest())('Keyclic → Postgres warehouse on n8n %s in queue mode: converging after downtime', (version) => {
	const workflow = JSON.parse(JSON.stringify(WAREHOUSE));
	const webhookPath = `${webhookIdOf(workflow)}/webhook`;
	const stack = new QueueStack({ version, name: `queue-catchup-${version}`, webhookProcessors: 0, workers: 1, log });
	let emu;
	const removedIds = new Set();
	/** Keyclic API calls n8n made: every request, and the polls' list calls. */
	const calls = { all: [], lists: 0 };

	/** This workflow's executions in n8n's Postgres: [{ id, status, mode }]. */
	async function executions() {
		return stack.pg.rows(
			`SELECT id::text, status, mode FROM execution_entity WHERE "workflowId" = '${workflow.id}' AND "deletedAt" IS NULL ORDER BY id`,
			{ database: 'n8n' },
		);
	}

	/** Waits until the workflow has `count` executions of `mode` ('webhook', 'trigger' for a poll), all finished. */
	async function runs(mode, count) {
		return waitUntil(
			`${count} finished ${mode} executions`,
			async () => {
				stack.n8n.assertRunning();
				const list = (await executions()).filter((e) => e.mode === mode);
				return list.length >= count && list.every((e) => FINISHED.includes(e.status)) ? list : false;
			},
			{ timeoutMs: 5 * 60 * 1000, intervalMs: 500 },
		);
	}

	/** Waits until the poll started by `start` has listed (both lists) and the workflow is active again. */
	async function polled(start) {
		const lists = calls.lists;
		await start();
		await waitUntil('the poll', () => calls.lists >= lists + LISTS.length, { timeoutMs: 5 * 60 * 1000, intervalMs: 250 });
		await waitUntil(
			'the workflow to be active',
			async () => (await stack.n8n.publicApi('GET', `/workflows/${workflow.id}`)).body.active === true,
			{
				timeoutMs: 60000,
			},
		);
	}

	/** One poll while n8n runs: deactivate and activate the workflow (n8n polls at activation). */
	const reactivate = () =>
		polled(async () => {
			expect((await stack.n8n.publicApi('POST', `/workflows/${workflow.id}/deactivate`)).status).toBe(200);
			expect((await stack.n8n.publicApi('POST', `/workflows/${workflow.id}/activate`)).status).toBe(200);
		});

	async function warehouseRows(table, idColumn, extra = '') {
		const rows = await stack.pg.rows(
			`SELECT ${idColumn}::text AS id, state, extract(epoch from updated_at)::bigint AS "updatedS", written_at::text AS "writtenAt"${extra} FROM ${table}`,
			{ database: 'warehouse' },
		);
		return new Map(rows.map(({ id, ...row }) => [id, { ...row, updatedS: Number(row.updatedS) }]));
	}
	const tables = async () => ({
		keyclic_reports: await warehouseRows('keyclic_reports', 'report_id'),
		keyclic_operations: await warehouseRows(
			'keyclic_operations',
			'operation_id',
			', removed, report_id AS "reportId", last_event AS "lastEvent"',
		),
	});
	/** When each row was last written: a change applied twice would move it. */
	async function writtenAt() {
		const out = {};
		for (const [table, rows] of Object.entries(await tables()))
			out[table] = Object.fromEntries([...rows].map(([id, row]) => [id, row.writtenAt]));
		return out;
	}

	/** Differences between the warehouse tables and the emulator's reports and operations (removed ones marked). */
	async function mismatches() {
		const { reports, operations } = emu.state;
		const want = {
			keyclic_reports: new Map(reports.map((r) => [r.id, { state: r.state, updatedS: seconds(r.updatedAt) }])),
			keyclic_operations: new Map(
				operations.map((o) => [o.id, { state: o.state, updatedS: seconds(o.updatedAt), removed: false, reportId: o.report }]),
			),
		};
		const got = await tables();
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

	/** A report with an operation (created, then assigned: four notifications). */
	function reportWithOperation(description) {
		const report = emu.createReport({ organization: ORG, description });
		const operation = emu.createOperation({ report: report.id, name: `Intervention ${report.reference}` });
		emu.assignOperation(operation.id, emu.seed.technician.id);
		return { report, operation };
	}

	/** Waits until the emulator delivered everything; returns the deliveries made since `from`. */
	async function deliveredSince(from) {
		await emu.waitForIdle(60000);
		return emu.deliveries.slice(from);
	}

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		emu.events.on('request', ({ method, path }) => {
			calls.all.push(`${method} ${path}`);
			if (method === 'GET' && LISTS.includes(path.split('?')[0])) calls.lists++;
		});
		await polled(() =>
			stack.start({
				databases: ['warehouse'],
				beforeN8n: (pg) => pg.file(WAREHOUSE_SQL, { database: 'warehouse' }),
				credentials: (pg) => [secretCredential(TOKEN), emulatorApiCredential(API_CREDENTIAL, emu.url), warehouseCredential(pg)],
				workflows: [workflow],
				activate: [workflow.id],
				waitFor: [webhookPath],
			}),
		);
		// Keyclic is given the Production URL + ?token=<secret> for every event (the example's manual registration)
		const payloadUrl = stack.n8n.webhookUrl(webhookIdOf(workflow), { query: `?token=${TOKEN}` });
		for (const event of EVENTS) emu.createWebhook({ event, organization: ORG, payloadUrl });
	});

	afterAll(async () => {
		await stack.stop();
		if (emu) await emu.close();
	});

	test('the example has the polling trigger beside the webhook trigger, no scheduled re-listing, an ID n8n 1.x keeps static data for', () => {
		// n8n 1.x saves a workflow's static data (the poller's position) only for an ID of at most 16 characters
		expect(workflow.id.length).toBeLessThanOrEqual(16);
		const types = workflow.nodes.map((n) => n.type);
		expect(types).toEqual(expect.arrayContaining(['n8n-nodes-keyclic.keyclicTrigger', 'n8n-nodes-keyclic.keyclicPollingTrigger']));
		expect(types).not.toContain('n8n-nodes-base.scheduleTrigger');
		expect(types).not.toContain('n8n-nodes-keyclic.keyclic');
	});

	test(`what changed while n8n was down for an hour (${DOWN} reports created, states changed, operations created and removed) is in the warehouse after the poll at start-up, each change written once; the poll after writes nothing`, async () => {
		// n8n up: three reports with an assigned operation each reach the warehouse through the webhook
		const before = [1, 2, 3].map((i) => reportWithOperation(`Avant la panne ${i}`));
		const up = await deliveredSince(0);
		expect(up.filter((d) => !d.ok)).toEqual([]);
		await runs('webhook', up.length);

		// …and again through a poll (created items, with the state Keyclic has now): written only where the webhook
		// left an older state (an operation's created and assigned of one second, run by the worker in either order)
		const stale = new Set((await mismatches()).map((p) => p.id));
		const written = await writtenAt();
		await reactivate();
		await runs('trigger', 1);
		expect(await mismatches()).toEqual([]);
		const rewritten = Object.entries((await writtenAt()).keyclic_operations).filter(([id, at]) => at !== written.keyclic_operations[id]);
		expect(rewritten.map(([id]) => id).filter((id) => !stale.has(id))).toEqual([]);
		expect((await writtenAt()).keyclic_reports).toEqual(written.keyclic_reports);
		log(`poll after the webhook: ${stale.size} operation rows repaired (same-second order), nothing else written`);

		// n8n up: an operation started; only the webhook sees it (no poll until n8n stops)
		const started = emu.deliveries.length;
		emu.transitionOperation(before[2].operation.id, 'progress');
		expect((await deliveredSince(started)).map((d) => d.ok)).toEqual([true]);
		await runs('webhook', up.length + 1);
		expect(await mismatches()).toEqual([]);

		await stack.n8n.stop();
		// n8n down for an hour: every notification fails (Keyclic tries once)
		emu.advanceClock(HOUR);
		const downFrom = emu.deliveries.length;
		const missed = [];
		for (let i = 0; i < DOWN; i++) missed.push(emu.createReport({ organization: ORG, description: `Fuite ${i + 1} pendant la panne` }));
		for (const report of missed.slice(0, 3)) emu.transitionReport(report.id, 'accept');
		for (const report of missed.slice(0, 5)) emu.createOperation({ report: report.id, name: `Intervention ${report.reference}` });
		emu.transitionReport(before[0].report.id, 'accept');
		emu.transitionOperation(before[1].operation.id, 'progress');
		// removed after a state change the poll never saw: the poll sends it as it last saw it (ASSIGNED, older)
		emu.deleteOperation(before[2].operation.id);
		removedIds.add(before[2].operation.id);
		const failed = await deliveredSince(downFrom);
		expect(failed.length).toBe(DOWN + 3 + 5 + 3); // created, accepted, operations created, two changes, one removal
		expect(failed.filter((d) => d.ok || d.status !== null || !d.error)).toEqual([]);
		expect((await mismatches()).length).toBe(DOWN + 5 + 3);

		const callsBefore = calls.all.length;
		await polled(() => stack.n8n.start({ waitFor: [webhookPath], timeoutMs: 300000 }));
		const [, catchUp] = await runs('trigger', 2);
		expect(catchUp.status).toBe('success');
		expect(await mismatches()).toEqual([]);
		const removedRow = (await tables()).keyclic_operations.get(before[2].operation.id);
		expect(removedRow).toMatchObject({ removed: true, state: 'IN_PROGRESS', lastEvent: 'operation_removed' });
		const pollCalls = calls.all.slice(callsBefore);
		log(`the poll at start-up: ${pollCalls.length} Keyclic calls (${[...new Set(pollCalls.map((c) => c.split('?')[0]))].join(', ')})`);
		// no re-listing: the poll reads the lists from its cursor, and asks about the one operation that disappeared
		expect(pollCalls.filter((c) => c.startsWith('GET ') && LISTS.includes(c.slice(4).split('?')[0]) && !/[?&]after=/.test(c))).toEqual([]);

		// Keyclic (or its support) sends every missed notification again: each change arrives a second time, writes nothing
		const caughtUp = await writtenAt();
		const webhookBefore = (await executions()).filter((e) => e.mode === 'webhook').length;
		for (const d of failed) {
			const res = await stack.n8n.post(`${d.url}`, d.body);
			expect({ status: res.status, status2: res.body && res.body.status }).toEqual({ status: 200, status2: 'accepted' });
		}
		const replayed = await runs('webhook', webhookBefore + failed.length);
		expect(replayed.filter((e) => e.status !== 'success')).toEqual([]);
		expect(await writtenAt()).toEqual(caughtUp);

		// the next poll finds nothing new: nothing written; and no execution: the poll after a new report runs that
		// report alone (an execution of the quiet poll would come before it)
		await reactivate();
		expect(await writtenAt()).toEqual(caughtUp);
		const sentinelFrom = emu.deliveries.length;
		const sentinel = emu.createReport({ organization: ORG, description: 'Après le rattrapage' });
		expect((await deliveredSince(sentinelFrom)).map((d) => d.ok)).toEqual([true]);
		await runs('webhook', webhookBefore + failed.length + 1);
		await reactivate();
		const polls = await runs('trigger', 3);
		expect(polls).toHaveLength(3);
		const items = await stack.executedItems(workflow.id, POLLER);
		expect(items.find((e) => e.id === polls[2].id).item).toMatchObject({ event: 'report_created', id: sentinel.id, source: 'poll' });
		expect((await executions()).filter((e) => e.status !== 'success')).toEqual([]);
		expect(await mismatches()).toEqual([]);
	});
});
