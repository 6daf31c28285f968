'use strict';
// The Keyclic Polling Trigger in a REAL n8n against the emulator, in both eras: legacy (the reports and operations lists)
// and 2025 (the Tickets API, /tickets); one n8n per version, one emulator and workflow per era; no webhook registered.
// Polls: n8n polls a poller once when it activates the workflow (ActiveWorkflowTriggers.activatePollTrigger runs the
// poll at once, then on its cron, at least a minute apart), through the same runPollFunction and __emit as a cron poll.
// So each "poll" here is a deactivate + activate through n8n's public API (seconds, not a minute); one scenario
// waits for a real cron poll too. n8n saves the static data at activation and on every emission.
const { createEmulator } = require('../keyclic-emulator');
const { N8n, nodeOutput, waitUntil } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { majorOf } = require('../harness/install');

// n8n 2.41.1 and 1.123.81 alike. The workflows' ids have at most 16 characters: n8n 1.x saves static data only for a
// workflow id of at most 16 (n8n's own ids are 16; `isWorkflowIdValid` in packages/cli/src/utils.ts; 2.x allows 21).
// With a longer id n8n 1.x never writes the trigger's state, so each re-activation starts afresh (the last test).
const { emulatorApiCredential } = require('../harness/credentials');

jest.setTimeout(15 * 60 * 1000);

const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const CREDENTIALS = {
	legacy: { id: 'keyclicPollingCred01', name: 'Keyclic API (emulator)' },
	2025: { id: 'keyclicPollingCred25', name: 'Keyclic API (emulator, 2025)' },
};
const TRIGGER = 'Keyclic Polling Trigger';
const ALL = ['report_created', 'report_state_changed', 'operation_created', 'operation_state_changed', 'operation_removed'];
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

const ERAS = ['legacy', '2025'];

/** The era's workflow (ids of at most 16 characters) and credential; on /tickets, a removal is looked for on every poll. */
const workflowOf = (era) => ({
	id: era === 'legacy' ? 'keyclicPollE2e01' : 'keyclicPollWf25',
	name: `Keyclic polling e2e (${era})`,
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'b1a7c0de-0000-4000-8000-000000000001',
			name: TRIGGER,
			type: 'n8n-nodes-keyclic.keyclicPollingTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				organization: { __rl: true, mode: 'id', value: ORG },
				events: ALL,
				...(era === '2025' ? { options: { recheckEvery: 1 } } : {}),
			},
			credentials: { keyclicApi: CREDENTIALS[era] },
		},
	],
	connections: {},
	pinData: {},
});

/** What a poll lists in each era (counted to know a poll ran), the calls of the first poll, the list error. */
const ERA = {
	legacy: {
		listing: (path) => path.startsWith(`/organizations/${ORG}/operations`),
		firstPollCalls: 2,
		failing: '/organizations',
		error: 'reports',
	},
	// /tickets?… (not /tickets/{id}): the first poll looks for the Tickets API, reads the newest change, then scans
	2025: { listing: (path) => /^\/tickets(\?|$)/.test(path), firstPollCalls: 3, failing: '/tickets', error: 'tickets' },
};

const key = (item) => `${item.event} ${item.id}`;

// The documented n8n 1.x limit (docs/keyclic-polling-trigger.md, "n8n 1.x and the workflow ID"): a workflow imported
// with an id of 19 characters, on the second organization and "Report Created" only (its calls never touch the first's).
const ORG2 = '50959713-c14e-4906-a96e-5f71704870ba';
const longIdWorkflow = {
	...workflowOf('legacy'),
	id: 'keyclicPollLongId01',
	name: 'Keyclic polling, long id',
	nodes: [
		{
			...workflowOf('legacy').nodes[0],
			parameters: {
				...workflowOf('legacy').nodes[0].parameters,
				organization: { __rl: true, mode: 'id', value: ORG2 },
				events: ['report_created'],
			},
		},
	],
};

describe.each(versionsUnderTest())('n8n %s: Keyclic Polling Trigger', (version) => {
	let n8n;
	/** Per era: its emulator, the notifications Keyclic would have sent, the list calls made so far. */
	const eras = {};

	beforeAll(async () => {
		for (const era of ERAS) {
			const emu = await createEmulator({ port: 0, payloadEra: era });
			const ctx = { emu, notified: [], listed: { operations: 0, org2Reports: 0, org2Newest: 0 } };
			emu.events.on('request', ({ method, path }) => {
				if (method === 'GET' && ERA[era].listing(path)) ctx.listed.operations++;
				// the long-id workflow (legacy era, second organization): its list calls, and the first poll's extra call
				// (the newest report, where a trigger with no saved position starts)
				if (method === 'GET' && path.startsWith(`/organizations/${ORG2}/reports`)) ctx.listed.org2Reports++;
				if (method === 'GET' && path.startsWith(`/organizations/${ORG2}/reports`) && /[?&]order=desc/.test(path)) ctx.listed.org2Newest++;
			});
			emu.events.on('notification', ({ event, payload }) =>
				ctx.notified.push({ event: event.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), payload }),
			);
			eras[era] = ctx;
		}
		n8n = await N8n.create({ version, name: `polling-${version}` });
		n8n.importCredentials(ERAS.map((era) => emulatorApiCredential(CREDENTIALS[era], eras[era].emu.url)));
		n8n.importWorkflows([...ERAS.map(workflowOf), longIdWorkflow]);
		for (const era of ERAS) n8n.activate(workflowOf(era).id);
		await n8n.start();
		for (const era of ERAS) {
			// activation polled once: where the trigger starts, nothing emitted
			await waitUntil(`the ${era} activation poll`, () => eras[era].listed.operations >= ERA[era].firstPollCalls, { timeoutMs: 180000 });
			await waitUntil(
				'the workflow to be active',
				async () => (await n8n.publicApi('GET', `/workflows/${workflowOf(era).id}`)).body.active === true,
				{ timeoutMs: 60000 },
			);
		}
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		for (const ctx of Object.values(eras)) await ctx.emu.close();
	});

	describe.each(ERAS)('%s era', (era) => {
		const workflow = workflowOf(era);
		let emu;
		/** The notifications Keyclic would have sent (the Keyclic Trigger's eventKeys), from the emulator's events. */
		let notified;
		/** Keyclic list calls made so far. */
		let listed;
		beforeAll(() => ({ emu, notified, listed } = eras[era]));

		const executions = async () => (await n8n.executions(workflow.id, { includeData: false })).sort((a, b) => a.id - b.id);

		/** Waits until `count` executions exist and all are finished; returns the new ones (with data) after `before`. */
		async function runsAfter(before, count) {
			await waitUntil(
				`${count} finished executions`,
				async () => {
					const list = await executions();
					return list.length >= count && list.every((e) => e.finished || FINISHED.includes(e.status));
				},
				{ timeoutMs: 3 * 60 * 1000, intervalMs: 300 },
			);
			const all = await n8n.executions(workflow.id);
			return all.filter((e) => Number(e.id) > before).sort((a, b) => a.id - b.id);
		}

		const lastId = async () => Math.max(0, ...(await executions()).map((e) => Number(e.id)));

		/** One poll: deactivate and activate the workflow (n8n polls at activation). Resolves with the activation answer. */
		async function poll() {
			expect((await n8n.publicApi('POST', `/workflows/${workflow.id}/deactivate`)).status).toBe(200);
			return n8n.publicApi('POST', `/workflows/${workflow.id}/activate`);
		}

		/** A poll that emits: the items of the one execution it starts. */
		async function pollItems() {
			const before = await lastId();
			const count = (await executions()).length;
			expect((await poll()).status).toBe(200);
			const [run, ...more] = await runsAfter(before, count + 1);
			expect(more).toEqual([]);
			expect(run.status).toBe('success');
			return nodeOutput(run, TRIGGER);
		}

		/** A poll that emits nothing: no execution after it (checked once the poll made its last call and the workflow is active). */
		async function pollNothing() {
			const count = (await executions()).length;
			const calls = listed.operations;
			expect((await poll()).status).toBe(200);
			await waitUntil('the poll', () => listed.operations > calls, { timeoutMs: 120000 });
			await waitUntil(
				'the workflow to be active',
				async () => (await n8n.publicApi('GET', `/workflows/${workflow.id}`)).body.active === true,
				{
					timeoutMs: 60000,
				},
			);
			expect(await executions()).toHaveLength(count);
		}

		test('3 reports created, 2 states changed, an operation created then removed: each emitted once, eventKeys as the Keyclic Trigger', async () => {
			expect(await executions()).toEqual([]);
			const reports = [];
			for (let n = 1; n <= 3; n++) reports.push(emu.createReport({ organization: ORG, description: `Fuite ${n}` }));
			const created = await pollItems();
			expect(created.map(key).sort()).toEqual(reports.map((r) => `report_created ${r.id}`).sort());

			emu.transitionReport(reports[0].id, 'accept');
			emu.transitionReport(reports[1].id, 'accept');
			const operation = emu.createOperation({ report: reports[0].id, name: 'Réparer' });
			const changed = await pollItems();
			expect(changed.map(key).sort()).toEqual(
				[`report_state_changed ${reports[0].id}`, `report_state_changed ${reports[1].id}`, `operation_created ${operation.id}`].sort(),
			);
			expect(changed.filter((i) => i.event === 'report_state_changed').map((i) => i.previousState)).toEqual(['NEW', 'NEW']);

			emu.deleteOperation(operation.id);
			const removed = await pollItems();
			expect(removed.map(key)).toEqual([`operation_removed ${operation.id}`]);
			await pollNothing();

			// the Keyclic Trigger's eventKey of each of these changes (same code: nodes/common/item.ts), from Keyclic's notifications
			const stateOf = (payload) => payload.state ?? payload._embedded?.workflow?.state?.reference;
			const webhookKeys = notified.map(({ event, payload }) => [event, payload.id, stateOf(payload), payload.updatedAt].join(':'));
			for (const item of [...created, ...changed, ...removed]) expect(webhookKeys).toContain(item.eventKey);
			expect([...created, ...changed, ...removed].every((i) => i.source === 'poll')).toBe(true);
		});

		test('n8n down for an hour: 50 reports, 20 state changes, 5 removals; the next poll emits the 75 once, the one after nothing', async () => {
			const before = [];
			for (let n = 0; n < 20; n++) before.push(emu.createReport({ organization: ORG, description: `Avant ${n}` }));
			const report = before[0];
			emu.transitionReport(report.id, 'accept');
			const operations = [];
			for (let n = 0; n < 5; n++) operations.push(emu.createOperation({ report: report.id, name: `Op ${n}` }));
			expect((await pollItems()).length).toBe(25); // report 0 once, created (already ACCEPTED)

			const count = (await executions()).length;
			const lastBefore = await lastId();
			await n8n.stop();
			emu.advanceClock(60 * 60 * 1000);
			const down = [];
			for (let n = 0; n < 50; n++) down.push(emu.createReport({ organization: ORG, description: `Pendant la panne ${n}` }));
			for (const r of before) emu.transitionReport(r.id, r.id === report.id ? 'hold' : 'accept');
			for (const o of operations) emu.deleteOperation(o.id);
			await n8n.start(); // activation polls once
			const runs = await runsAfter(lastBefore, count + 1);
			expect(runs).toHaveLength(1);
			const items = nodeOutput(runs[0], TRIGGER);
			expect(items).toHaveLength(75);
			expect(new Set(items.map(key)).size).toBe(75);
			expect(
				items
					.filter((i) => i.event === 'report_created')
					.map((i) => i.id)
					.sort(),
			).toEqual(down.map((r) => r.id).sort());
			expect(items.filter((i) => i.event === 'report_state_changed')).toHaveLength(20);
			expect(
				items
					.filter((i) => i.event === 'operation_removed')
					.map((i) => i.id)
					.sort(),
			).toEqual(operations.map((o) => o.id).sort());
			await pollNothing();
		});

		test('Keyclic down for two polls, then back: the polls fail with a clear error; nothing lost, nothing twice', async () => {
			const r = emu.createReport({ organization: ORG, description: 'Pendant que Keyclic est en panne' });
			await emu.setFault({ status500: ERA[era].failing });
			const count = (await executions()).length;
			const problems = () =>
				(
					n8n
						.logs('main')
						.match(new RegExp(`problem activating the workflow: "Could not list the ${ERA[era].error} of Keyclic organization`, 'g')) || []
				).length;
			for (let n = 0; n < 2; n++) {
				const logged = problems();
				const failed = await poll();
				// the poll at activation failed: n8n 1.x refuses the activation with its error; 2.x answers 200, activates in
				// the background and logs the activation error
				if (failed.status >= 400)
					expect(JSON.stringify(failed.body)).toMatch(`Could not list the ${ERA[era].error} of Keyclic organization`);
				else await waitUntil('the failed activation poll', () => problems() > logged, { timeoutMs: 120000 });
			}
			expect(await executions()).toHaveLength(count);
			await emu.setFault({ reset: true });
			expect((await pollItems()).map(key)).toEqual([`report_created ${r.id}`]);
			await pollNothing();
		});

		test('a real scheduled poll (every minute) emits a change once', async () => {
			const r = emu.createReport({ organization: ORG, description: 'Sur le prochain passage' });
			const count = (await executions()).length;
			const before = await lastId();
			const [run] = await runsAfter(before, count + 1);
			expect(run.mode).toBe('trigger');
			expect(nodeOutput(run, TRIGGER).map(key)).toEqual([`report_created ${r.id}`]);
		});

		// the legacy era only (its emulator serves the second organization's lists this test counts)
		if (era === 'legacy')
			test('a workflow id of 19 characters: n8n 1.x never saves the position, so a re-activation starts afresh and misses what changed meanwhile; 2.x emits it', async () => {
				const id = longIdWorkflow.id;
				/** Activates the workflow and waits for its activation poll (newest + list when it starts afresh, else the list). */
				async function activate(calls) {
					const before = listed.org2Reports;
					expect((await n8n.publicApi('POST', `/workflows/${id}/activate`)).status).toBe(200);
					await waitUntil('the activation poll', () => listed.org2Reports >= before + calls, { timeoutMs: 120000 });
					await waitUntil('the workflow to be active', async () => (await n8n.publicApi('GET', `/workflows/${id}`)).body.active === true, {
						timeoutMs: 60000,
					});
				}
				await activate(2); // the first poll: where it starts (the newest report), nothing emitted
				expect(listed.org2Newest).toBe(1);
				expect((await n8n.publicApi('POST', `/workflows/${id}/deactivate`)).status).toBe(200);
				const report = emu.createReport({ organization: ORG2, description: 'Pendant que le workflow est inactif' });
				if (majorOf(version) >= 2) {
					// 2.x saves static data for an id of up to 21 characters: the position is kept, the change emitted once
					await activate(1);
					const [run, ...more] = await waitUntil(
						'the execution of the change',
						async () => {
							const list = await n8n.executions(id);
							return list.length && list.every((e) => FINISHED.includes(e.status)) ? list : false;
						},
						{ timeoutMs: 120000 },
					);
					expect(more).toEqual([]);
					expect(nodeOutput(run, TRIGGER).map(key)).toEqual([`report_created ${report.id}`]);
					expect(listed.org2Newest).toBe(1);
				} else {
					// 1.x saved nothing: the trigger starts afresh (it asks for the newest report again) and emits nothing
					await activate(2);
					expect(listed.org2Newest).toBe(2);
					expect(await n8n.executions(id, { includeData: false })).toEqual([]);
				}
				expect((await n8n.publicApi('POST', `/workflows/${id}/deactivate`)).status).toBe(200);
			});
	});
});
