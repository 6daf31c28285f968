'use strict';
// Catching up after downtime, with stock nodes, in a REAL n8n against the local Keyclic emulator:
// examples/keyclic-triage.json has a second trigger, a Schedule Trigger → Keyclic "Report → Get Many"
// (state NEW, created in the last 7 days but more than 15 minutes ago) → the SAME Remove Duplicates
// node as the webhook path, keyed on the report id. Keyclic retries nothing, so the notifications sent
// while n8n is down are lost (the emulator records them as failed); the scheduled run triages those
// reports, and every report ends with exactly one operation whichever path saw it.
//
// The Schedule Trigger runs every 15 minutes in the example; here every SCHEDULE_SECONDS seconds (the
// workflow is edited before import). The outage is an hour long as far as Keyclic can tell: the
// emulator's clock is an hour behind while the 50 reports are created, so they are older than the
// example's 15-minute grace (the newest reports are left to the webhook path).
const path = require('node:path');
const { createEmulator } = require('../keyclic-emulator');
const { N8n, nodeOutput, waitUntil } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { ROOT } = require('../harness/package');
const { emulatorApiCredential } = require('../harness/credentials');

jest.setTimeout(25 * 60 * 1000);

const TRIAGE = require(path.join(ROOT, 'examples', 'keyclic-triage.json'));
const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const SCHEDULE = 'Every 15 Minutes';
const SCHEDULE_SECONDS = 20;
const DOWN = 50;
const UP = 10;
const webhookId = TRIAGE.nodes.find((n) => n.name === 'Keyclic Trigger').webhookId;
const CREDENTIAL = TRIAGE.nodes[0].credentials.keyclicApi;
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** The triage example with its Schedule Trigger every `seconds` seconds. */
function triageEvery(seconds) {
	const wf = JSON.parse(JSON.stringify(TRIAGE));
	wf.nodes.find((n) => n.name === SCHEDULE).parameters.rule = { interval: [{ field: 'seconds', secondsInterval: seconds }] };
	return wf;
}

describe.each(versionsUnderTest())('n8n %s: the triage example catches up after downtime', (version) => {
	const workflow = triageEvery(SCHEDULE_SECONDS);
	let lagMs = 0;
	let emu;
	let n8n;
	const ours = () => emu.state.webhooks.filter((h) => h.payloadUrl.includes(webhookId));
	const operationsOf = (reportId) => emu.state.operations.filter((o) => o.report === reportId);
	const executions = async () => n8n.executions(workflow.id, { includeData: false });
	const isFinished = (e) => e.finished || FINISHED.includes(e.status);

	/** Waits until an execution started by the Schedule Trigger after `since` (ms) has finished; returns it with its data. */
	async function nextScheduledRun(since, what) {
		const run = await waitUntil(
			what,
			async () => {
				const list = await executions();
				const runs = list.filter((e) => e.mode === 'trigger' && Date.parse(e.startedAt) > since).sort((a, b) => a.id - b.id);
				return runs.length > 0 && isFinished(runs[0]) ? runs[0] : false;
			},
			{ timeoutMs: 10 * 60 * 1000, intervalMs: 500 },
		);
		const [withData] = (await n8n.executions(workflow.id)).filter((e) => e.id === run.id);
		return withData;
	}

	/** Waits until `count` executions started by the Keyclic Trigger have finished. */
	async function webhookRuns(count) {
		return waitUntil(
			`${count} finished webhook executions`,
			async () => {
				const runs = (await executions()).filter((e) => e.mode === 'webhook');
				return runs.length >= count && runs.every(isFinished) ? runs : false;
			},
			{ timeoutMs: 5 * 60 * 1000, intervalMs: 500 },
		);
	}

	/** Every report in `ids` has exactly one operation, assigned to the technician, and is accepted. */
	function expectTriagedOnce(ids) {
		const state = emu.state;
		const problems = [];
		for (const id of ids) {
			const operations = state.operations.filter((o) => o.report === id);
			const report = state.reports.find((r) => r.id === id);
			const ok = operations.length === 1 && operations[0].state === 'ASSIGNED' && report.state === 'ACCEPTED';
			if (!ok) problems.push({ id, report: report.state, operations: operations.map((o) => o.state) });
		}
		expect(problems).toEqual([]);
	}

	beforeAll(async () => {
		emu = await createEmulator({ port: 0, clock: () => Date.now() - lagMs });
		n8n = await N8n.create({ version, name: `catchup-${version}` });
		n8n.importCredentials([emulatorApiCredential(CREDENTIAL, emu.url)]);
		n8n.importWorkflows([workflow]);
		n8n.activate(workflow.id);
		await n8n.start({ waitFor: [`${webhookId}/webhook`] });
		await waitUntil('the trigger to register its webhook', () => ours().length === 1, { timeoutMs: 60000 });
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (emu) await emu.close();
	});

	test(`${DOWN} reports created while n8n is down get one operation each from the next scheduled run; ${UP} created with n8n up get one each through the webhook; the run after creates nothing`, async () => {
		await n8n.stop();

		// n8n is down: Keyclic's notifications fail (one attempt each, no retry)
		lagMs = 60 * 60 * 1000;
		const missed = [];
		for (let i = 0; i < DOWN; i++)
			missed.push(await emu.createReport({ organization: ORG, description: `Fuite ${i + 1} pendant la panne` }));
		await emu.waitForIdle(60000);
		lagMs = 0;
		const missedIds = new Set(missed.map((r) => r.id));
		const failed = emu.deliveries.filter((d) => d.url.includes(webhookId) && missedIds.has(d.body.payload.id));
		expect(failed).toHaveLength(DOWN);
		expect(failed.filter((d) => d.ok || d.status !== null || !d.error)).toEqual([]);
		expect(ours()).toHaveLength(1); // n8n's stop left the registration at Keyclic

		const restartedAt = Date.now();
		await n8n.start({ waitFor: [`${webhookId}/webhook`] });
		expect(ours()).toHaveLength(1);

		// the next scheduled run triages all of them
		const catchUp = await nextScheduledRun(restartedAt, 'the first scheduled run after the restart');
		expect(catchUp.status).toBe('success');
		expect(
			nodeOutput(catchUp, 'List New Reports')
				.map((r) => r.id)
				.sort(),
		).toEqual([...missedIds].sort());
		expect(nodeOutput(catchUp, 'Create Operation')).toHaveLength(DOWN);
		expectTriagedOnce(missedIds);
		expect(emu.state.operations).toHaveLength(DOWN);

		// n8n is up: the webhook path triages new reports; the schedule path leaves them alone
		const webhookBefore = (await executions()).filter((e) => e.mode === 'webhook').length;
		const live = [];
		for (let i = 0; i < UP; i++) live.push(await emu.createReport({ organization: ORG, description: `Panne ${i + 1}, n8n en marche` }));
		await emu.waitForIdle(60000);
		const liveIds = new Set(live.map((r) => r.id));
		const delivered = emu.deliveries.filter((d) => d.url.includes(webhookId) && liveIds.has(d.body.payload.id));
		expect(delivered.map((d) => d.status)).toEqual(Array(UP).fill(200));
		const runs = await webhookRuns(webhookBefore + UP);
		expect(runs.filter((e) => e.status !== 'success')).toEqual([]);
		expectTriagedOnce(liveIds);

		// Keyclic's notification of a report the scheduled run triaged, delivered late (a replay): its eventKey
		// was never seen, but its report id was, by the same Remove Duplicates node: nothing is created
		const late = await n8n.post(failed[0].url, failed[0].body);
		expect(late.status).toBe(200);
		const [replay] = (await webhookRuns(webhookBefore + UP + 1)).sort((a, b) => b.id - a.id);
		const [replayData] = (await n8n.executions(workflow.id)).filter((e) => e.id === replay.id);
		expect(nodeOutput(replayData, 'Keyclic Trigger')).toEqual([expect.objectContaining({ id: failed[0].body.payload.id })]);
		expect(nodeOutput(replayData, 'Remove Duplicates')).toEqual([]);
		expect(operationsOf(failed[0].body.payload.id)).toHaveLength(1);
		const settledAt = Date.now();

		// the following scheduled run finds nothing to do
		const idle = await nextScheduledRun(settledAt, 'the scheduled run after the webhook deliveries');
		expect(idle.status).toBe('success');
		expect(nodeOutput(idle, 'Create Operation')).toEqual([]);
		expect(emu.state.operations).toHaveLength(DOWN + UP);
		expectTriagedOnce([...missedIds, ...liveIds]);
		for (const id of [...missedIds, ...liveIds]) expect(operationsOf(id)).toHaveLength(1);
	});
});
