'use strict';
// The Keyclic Polling Trigger on n8n in queue mode (PostgreSQL + Redis, one main, one webhook processor, one worker):
// n8n polls on the main only, once per interval. Each quiet poll of a trigger on "Report Created" makes exactly one
// Keyclic call (GET /organizations/{id}/reports), so the emulator's request log counts the polls: one at activation,
// then one per minute at a second n8n draws at random for each process that schedules the poll (toCronExpression).
// Which process made each call is read from the kernel, not guessed: n8n reaches Keyclic through a TCP proxy that
// names the process holding the client socket of every connection (test/harness/socket-owner.js). So a window of two
// scheduled polls of the main, with the worker and the webhook processor running all along, shows that they never
// polled (they would have in that minute, at their own second) and that the main polled once per minute. The change
// found runs once. n8n 2.41.1 and 1.123.81 alike; the workflow id has 16 characters, as n8n 1.x needs to save static
// data (see test/e2e/polling.test.js).
const { createEmulator } = require('../keyclic-emulator');
const { versionsUnderTest } = require('../harness/versions');
const { waitUntil } = require('../harness/n8n');
const { attributingProxy } = require('../harness/socket-owner');
const { emulatorApiCredential } = require('../harness/credentials');
const { QueueStack, FINISHED } = require('./stack');

jest.setTimeout(20 * 60 * 1000);

const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const CREDENTIAL = { id: 'keyclicPollQueueCr1', name: 'Keyclic API (emulator)' };
const LIST = `/organizations/${ORG}/reports`;
const log = (msg) => process.stdout.write(`[queue polling] ${msg}\n`);

const workflow = {
	id: 'keyclicPollQueue',
	name: 'Keyclic polling in queue mode',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'b1a7c0de-0000-4000-8000-0000000000a1',
			name: 'Keyclic Polling Trigger',
			type: 'n8n-nodes-keyclic.keyclicPollingTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				organization: { __rl: true, mode: 'id', value: ORG },
				events: ['report_created'],
			},
			credentials: { keyclicApi: CREDENTIAL },
		},
	],
	connections: {},
	pinData: {},
};

describe.each(versionsUnderTest())('Keyclic Polling Trigger on n8n %s in queue mode', (version) => {
	const stack = new QueueStack({ version, name: `queue-polling-${version}`, webhookProcessors: 1, workers: 1, log });
	let emu;
	let proxy;
	/** When each poll listed the reports (ms). */
	const polls = [];

	async function executions() {
		return stack.pg.rows(`SELECT id::text, status, mode FROM execution_entity WHERE "workflowId" = '${workflow.id}' ORDER BY id`, {
			database: 'n8n',
		});
	}

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		emu.events.on('request', ({ method, path }) => {
			if (method === 'GET' && path.split('?')[0] === LIST) polls.push(Date.now());
		});
		proxy = await attributingProxy(emu.url, () => (stack.n8n ? stack.n8n.processes.map((p) => ({ name: p.role, pid: p.child.pid })) : []));
		await stack.start({
			credentials: () => [emulatorApiCredential(CREDENTIAL, proxy.url)],
			workflows: [workflow],
			activate: [workflow.id],
		});
	});

	afterAll(async () => {
		await stack.stop();
		if (proxy) await proxy.close();
		if (emu) await emu.close();
	});

	test('polls on the main only, once at activation then once a minute; a change runs once', async () => {
		await waitUntil('the activation poll', () => polls.length >= 1, { timeoutMs: 120000 });
		const report = emu.createReport({ organization: ORG, description: 'Vue par le prochain passage' });
		await waitUntil('two scheduled polls', () => polls.length >= 3, { timeoutMs: 200000, intervalMs: 250 });
		log(`polls at ${polls.map((t) => new Date(t).toISOString()).join(', ')}; Keyclic connections from ${proxy.seen.join(', ')}`);
		// every call to Keyclic so far came from the main, while the webhook processor and the worker ran all along
		expect(proxy.seen.length).toBeGreaterThan(0);
		expect(new Set(proxy.seen)).toEqual(new Set(['main']));
		const others = stack.n8n.processes.filter((p) => p.role !== 'main');
		expect(others.map((p) => p.role).sort()).toEqual(['webhook-1', 'worker-1']);
		expect(others.every((p) => p.child.exitCode === null && p.child.signalCode === null)).toBe(true);
		// once a minute: two scheduled polls about a minute apart (none skipped), no other call between them
		expect(polls).toHaveLength(3);
		const [first, second] = polls.slice(1);
		expect(second - first).toBeGreaterThan(50000);
		expect(second - first).toBeLessThan(120000);

		const runs = await waitUntil(
			'the execution of the change',
			async () => {
				const list = await executions();
				return list.length >= 1 && list.every((e) => FINISHED.includes(e.status)) ? list : false;
			},
			{ timeoutMs: 120000, intervalMs: 500 },
		);
		expect(runs).toHaveLength(1);
		expect(runs[0].status).toBe('success');
		const [{ item }] = await stack.executedItems(workflow.id, 'Keyclic Polling Trigger');
		expect(item).toMatchObject({ event: 'report_created', id: report.id, source: 'poll' });
	});
});
