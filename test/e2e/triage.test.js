'use strict';
// The Keyclic node in a REAL n8n against the local Keyclic emulator, through the example users get:
// examples/keyclic-triage.json = Keyclic Trigger (report_created, Automatic registration) → Remove
// Duplicates (items processed in previous executions, keyed by the report id) → Keyclic: create an operation
// → Keyclic: assign it → Keyclic: accept the report. Also: n8n offers the node's AI-tool variant.
const path = require('node:path');
const { createEmulator } = require('../keyclic-emulator');
const { N8n, nodeOutput, sleep, waitUntil } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { ROOT } = require('../harness/package');
const { emulatorApiCredential } = require('../harness/credentials');

jest.setTimeout(20 * 60 * 1000);

// The webhook path only: the example's Schedule Trigger (catch-up, test/e2e/catchup.test.js) is disabled so that
// no scheduled run adds an execution to the ones counted here.
const TRIAGE = JSON.parse(JSON.stringify(require(path.join(ROOT, 'examples', 'keyclic-triage.json'))));
TRIAGE.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger').disabled = true;
const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const TRIGGER = 'Keyclic Trigger';
const webhookId = TRIAGE.nodes.find((n) => n.name === TRIGGER).webhookId;
const CREDENTIAL = TRIAGE.nodes[0].credentials.keyclicApi;

/** Webhook → HTTP Request with the predefined "Keyclic API" credential (what docs/keyclic-node.md tells users to do). */
function httpRequestWorkflow(baseUrl) {
	return {
		id: 'keyclicHttpCheck1',
		name: 'Keyclic API through the HTTP Request node',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '9c1d2e3f-0000-4000-8000-00000000a001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '9c1d2e3f-0000-4000-8000-00000000b001',
				parameters: { httpMethod: 'POST', path: 'keyclic-http-check', responseMode: 'lastNode', options: {} },
			},
			{
				id: '9c1d2e3f-0000-4000-8000-00000000a002',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					url: `${baseUrl}/organizations/${ORG}/members`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'keyclicApi',
					// Keyclic answers application/hal+json, which "Autodetect" takes for text
					options: { response: { response: { responseFormat: 'json' } } },
				},
				credentials: { keyclicApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
	};
}

describe.each(versionsUnderTest())('Keyclic node in n8n %s: the triage example', (version) => {
	let emu;
	let n8n;
	const ours = () => emu.state.webhooks.filter((h) => h.payloadUrl.includes(webhookId));

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		n8n = await N8n.create({ version, name: `triage-${version}` });
		n8n.importCredentials([emulatorApiCredential(CREDENTIAL, emu.url)]);
		const http = httpRequestWorkflow(emu.url);
		n8n.importWorkflows([TRIAGE, http]);
		n8n.activate(TRIAGE.id, http.id);
		await n8n.start({ waitFor: [`${webhookId}/webhook`, 'keyclic-http-check'] });
		await waitUntil('the trigger to register its webhook', () => ours().length === 1, { timeoutMs: 60000 });
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (emu) await emu.close();
	});

	test('n8n offers the node, and its AI-tool variant, with no extra setting', async () => {
		const cookie = await n8n.login();
		const r = await fetch(`${n8n.baseUrl}/types/nodes.json`, { headers: { cookie, 'browser-id': 'keyclic-e2e' } });
		expect(r.status).toBe(200);
		const names = (await r.json()).map((t) => t.name);
		expect(names).toEqual(
			expect.arrayContaining(['n8n-nodes-keyclic.keyclic', 'n8n-nodes-keyclic.keyclicTrigger', 'n8n-nodes-keyclic.keyclicTool']),
		);
		expect(names).not.toContain('n8n-nodes-keyclic.keyclicTriggerTool');
	});

	test('a new report ends with exactly one assigned operation and the report accepted; the same notification again creates nothing', async () => {
		const report = await emu.createReport({ organization: ORG, description: 'Panne électrique escalier B' });
		await emu.waitForIdle();
		const [execution] = await n8n.waitForExecutions(TRIAGE.id, 1);
		expect(execution.status).toBe('success');

		const state = emu.state;
		const operations = state.operations.filter((o) => o.report === report.id);
		expect(operations).toHaveLength(1);
		expect(operations[0]).toMatchObject({ state: 'ASSIGNED', operator: emu.seed.technician.id, name: `Intervention ${report.reference}` });
		expect(state.reports.find((r) => r.id === report.id).state).toBe('ACCEPTED');
		// what each node output, as n8n recorded it
		expect(nodeOutput(execution, 'Create Operation')).toEqual([expect.objectContaining({ type: 'Operation', state: 'NEW' })]);
		expect(nodeOutput(execution, 'Assign to the Technician')).toEqual([
			expect.objectContaining({ id: operations[0].id, state: 'ASSIGNED' }),
		]);
		expect(nodeOutput(execution, 'Accept the Report')).toEqual([
			expect.objectContaining({
				resourceType: 'report',
				id: report.id,
				state: 'ACCEPTED',
				organizationId: ORG,
				payload: expect.objectContaining({ type: 'Report' }),
			}),
		]);

		// Keyclic delivers the same notification again (a retry, a replay): nothing more is created
		const delivery = emu.deliveries.find((d) => d.url.includes(webhookId) && d.body.payload.id === report.id);
		expect(delivery.status).toBe(200);
		const again = await n8n.post(delivery.url, delivery.body);
		expect(again.status).toBe(200);
		const executions = await n8n.waitForExecutions(TRIAGE.id, 2);
		const replay = executions.find((e) => e.id !== execution.id);
		expect(nodeOutput(replay, TRIGGER)).toHaveLength(1);
		expect(nodeOutput(replay, 'Remove Duplicates')).toEqual([]);
		expect(nodeOutput(replay, 'Create Operation')).toEqual([]);
		await sleep(500);
		expect(emu.state.operations.filter((o) => o.report === report.id)).toHaveLength(1);
		expect((await n8n.executions(TRIAGE.id, { includeData: false })).length).toBe(2);
	});

	test('the HTTP Request node calls the Keyclic API with the same credential (predefined credential type)', async () => {
		const res = await n8n.post(`${n8n.baseUrl}/webhook/keyclic-http-check`, {});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			total: 2,
			_embedded: { items: expect.arrayContaining([expect.objectContaining({ id: emu.seed.technician.membershipId })]) },
		});
	});
});
