'use strict';
// A report filed from a web form, in a REAL n8n against the local Keyclic emulator:
// examples/keyclic-report-from-form.json (stock Webhook node receiving a form post → Keyclic: Report →
// Create) files the report through POST /feedbacks/issues; Keyclic notifies reportCreated and the triage
// example (examples/keyclic-triage.json, as it is) picks it up through its trigger: one operation,
// assigned, the report accepted.
const path = require('node:path');
const { createEmulator } = require('../keyclic-emulator');
const { N8n, nodeOutput, waitUntil } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { ROOT } = require('../harness/package');
const { emulatorApiCredential } = require('../harness/credentials');

jest.setTimeout(20 * 60 * 1000);

const FORM = require(path.join(ROOT, 'examples', 'keyclic-report-from-form.json'));
const TRIAGE = require(path.join(ROOT, 'examples', 'keyclic-triage.json'));
const TRIGGER = TRIAGE.nodes.find((n) => n.type === 'n8n-nodes-keyclic.keyclicTrigger');
const CREDENTIAL = TRIAGE.nodes.find((n) => n.credentials && n.credentials.keyclicApi).credentials.keyclicApi;
const FORM_PATH = FORM.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;

describe.each(versionsUnderTest())('n8n %s: a report filed from a form post, then triaged', (version) => {
	let emu;
	let n8n;
	const ours = () => emu.state.webhooks.filter((h) => h.payloadUrl.includes(TRIGGER.webhookId));

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		n8n = await N8n.create({ version, name: `report-form-${version}` });
		n8n.importCredentials([emulatorApiCredential(CREDENTIAL, emu.url)]);
		n8n.importWorkflows([TRIAGE, FORM]);
		n8n.activate(TRIAGE.id, FORM.id);
		await n8n.start({ waitFor: [`${TRIGGER.webhookId}/webhook`, FORM_PATH] });
		await waitUntil('the trigger to register its webhook', () => ours().length === 1, { timeoutMs: 60000 });
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (emu) await emu.close();
	});

	test('the form post creates the report in Keyclic; the triage workflow creates, assigns and accepts it', async () => {
		const place = emu.seed.places[0];
		const form = new URLSearchParams({
			place: place.id,
			description: 'Fuite sous l’évier, cuisine du 2e',
			latitude: String(place.latitude),
			longitude: String(place.longitude),
		});
		const res = await n8n.post(`${n8n.baseUrl}/webhook/${FORM_PATH}`, form.toString(), {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			raw: true,
		});
		expect(res.status).toBe(200);
		// the form's answer is the new report (Simplify: the trigger's fields)
		expect(res.body).toMatchObject({ resourceType: 'report', organizationId: place.organizationId, state: 'NEW' });
		const reportId = res.body.id;
		const [formRun] = await n8n.waitForExecutions(FORM.id, 1);
		expect(formRun.status).toBe('success');
		expect(nodeOutput(formRun, 'Create Report')).toEqual([
			expect.objectContaining({ id: reportId, payload: expect.objectContaining({ description: 'Fuite sous l’évier, cuisine du 2e' }) }),
		]);

		// Keyclic notifies reportCreated; the triage example handles it
		await emu.waitForIdle();
		const [triage] = await n8n.waitForExecutions(TRIAGE.id, 1);
		expect(triage.status).toBe('success');
		expect(nodeOutput(triage, TRIGGER.name)).toEqual([expect.objectContaining({ id: reportId })]);
		const state = emu.state;
		const operations = state.operations.filter((o) => o.report === reportId);
		expect(operations).toHaveLength(1);
		expect(operations[0]).toMatchObject({ state: 'ASSIGNED', operator: emu.seed.technician.id });
		expect(state.reports.find((r) => r.id === reportId).state).toBe('ACCEPTED');
	});
});
