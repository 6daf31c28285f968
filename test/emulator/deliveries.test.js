'use strict';
const { client, login, startReceiver, useEmulator } = require('./helpers');

const EVENTS = ['reportCreated', 'reportStateChanged', 'operationCreated', 'operationStateChanged', 'operationRemoved'];
const SNAKE = ['report_created', 'report_state_changed', 'operation_created', 'operation_state_changed', 'operation_removed'];

/** Subscribes one webhook per event (path = event) and drives a report/operation through all 5 events over HTTP. */
async function driveAllEvents(emu, receiver) {
	const api = client(emu);
	const token = await login(emu);
	const organization = emu.seed.organizations[0].id;
	for (const event of EVENTS) {
		const res = await api.post('/webhooks', { token, body: { event, organization, payloadUrl: `${receiver.url}/${event}` } });
		expect(res.status).toBe(201);
	}
	const report = (await api.post('/reports', { token, body: { organization, description: 'Fuite hall B' } })).body;
	await api.post(`/reports/${report.id}/workflow`, { token, body: { transition: 'accept' } });
	const op = (await api.post('/operations', { token, body: { report: report.id, name: 'Réparer', description: 'Colonne EC' } })).body;
	await api.post(`/operations/${op.id}/assign`, { token, body: { member: emu.seed.user.id } });
	expect((await api.delete(`/operations/${op.id}`, { token })).status).toBe(204);
	return { report, op };
}

describe.each([
	['camelCase (default)', {}, EVENTS],
	['snake_case (eventNames: snake)', { eventNames: 'snake' }, SNAKE],
])('emulator deliveries, %s', (_label, options, names) => {
	const env = useEmulator({ options, each: true });
	let receiver;
	beforeEach(async () => {
		receiver = await startReceiver();
	});
	afterEach(async () => {
		await receiver.close();
	});

	test('all 5 events are POSTed as {event, payload} JSON to their webhook', async () => {
		const { report, op } = await driveAllEvents(env.emu, receiver);
		const deliveries = await env.emu.waitForDeliveries(5, 3000);
		expect(deliveries.map((d) => d.event)).toEqual(names);
		expect(deliveries.every((d) => d.status === 200 && d.ok && !d.error && !d.skipped)).toBe(true);
		expect(receiver.received).toHaveLength(5);

		const byPath = Object.fromEntries(receiver.received.map((r) => [r.url.slice(1), r]));
		for (const [i, event] of EVENTS.entries()) {
			const r = byPath[event];
			expect(r.method).toBe('POST');
			expect(r.headers['content-type']).toBe('application/json');
			expect(Object.keys(r.body)).toEqual(['event', 'payload']);
			expect(r.body.event).toBe(names[i]);
		}
		const created = byPath.reportCreated.body.payload;
		expect(created).toMatchObject({ type: 'Report', id: report.id, state: 'NEW', _embedded: { stateTransitions: ['accept', 'refuse'] } });
		expect(created._links.organization.iriTemplate.mapping.organization).toBe(env.emu.seed.organizations[0].id);
		expect(byPath.reportStateChanged.body.payload).toMatchObject({ type: 'Report', id: report.id, state: 'ACCEPTED' });
		expect(byPath.reportStateChanged.body.payload._embedded.workflow.state).toMatchObject({
			key: 'ACCEPTED',
			name: 'Acceptée',
		});
		// s20's WorkflowState has `key`; `reference` came later (s21+)
		expect(byPath.reportStateChanged.body.payload._embedded.workflow.state.reference).toBeUndefined();
		expect(byPath.operationCreated.body.payload).toMatchObject({ type: 'Operation', id: op.id, state: 'NEW', name: 'Réparer' });
		expect(byPath.operationCreated.body.payload._links.report.iriTemplate.mapping.report).toBe(report.id);
		expect(byPath.operationStateChanged.body.payload).toMatchObject({
			id: op.id,
			state: 'ASSIGNED',
			_embedded: { stateTransitions: ['progress'] },
		});
		expect(byPath.operationStateChanged.body.payload._links.operator.href).toBe(`/people/${env.emu.seed.user.id}`);
		// removal: the last serialization of the deleted operation
		expect(byPath.operationRemoved.body.payload).toEqual(byPath.operationStateChanged.body.payload);

		const listed = await client(env.emu).get('/_emulator/deliveries', { appKey: null });
		expect(listed.body.map((d) => d.event)).toEqual(names);
		expect(listed.body[0]).toMatchObject({ url: `${receiver.url}/reportCreated`, status: 200, error: null, time: expect.any(String) });
	});
});

describe('emulator deliveries: routing, ordering and failures', () => {
	const env = useEmulator({ each: true });
	let receiver;
	afterEach(async () => {
		if (receiver) await receiver.close();
		receiver = undefined;
	});

	test('ordered per webhook even when the receiver answers the first one slowly', async () => {
		receiver = await startReceiver({ delayMs: (i) => (i === 0 ? 150 : 0) });
		env.emu.createWebhook({ event: 'reportStateChanged', organization: env.org, payloadUrl: receiver.url });
		const r = env.emu.createReport({ organization: env.org, description: 'x' });
		for (const t of ['accept', 'hold', 'progress']) env.emu.transitionReport(r.id, t);
		await env.emu.waitForDeliveries(3, 3000);
		expect(receiver.received.map((x) => x.body.payload.state)).toEqual(['ACCEPTED', 'ON_HOLD', 'IN_PROGRESS']);
	});

	test('only enabled webhooks of the resource organization subscribed to the event receive it', async () => {
		receiver = await startReceiver();
		const on = env.emu.createWebhook({ event: 'reportCreated', organization: env.org, payloadUrl: `${receiver.url}/on` });
		const off = env.emu.createWebhook({ event: 'reportCreated', organization: env.org, payloadUrl: `${receiver.url}/off` });
		env.emu.setWebhookEnabled(off.id, false);
		env.emu.createWebhook({ event: 'reportStateChanged', organization: env.org, payloadUrl: `${receiver.url}/other-event` });
		env.emu.createWebhook({
			event: 'reportCreated',
			organization: env.emu.seed.organizations[1].id,
			payloadUrl: `${receiver.url}/other-org`,
		});
		env.emu.createReport({ organization: env.org, description: 'x' });
		await env.emu.waitForIdle(3000);
		expect(receiver.received.map((x) => x.url)).toEqual(['/on']);
		expect(env.emu.deliveries).toHaveLength(1);
		expect(env.emu.deliveries[0].webhook).toBe(on.id);
	});

	test('non-loopback payloadUrl: accepted but delivery recorded as skipped', async () => {
		env.emu.createWebhook({ event: 'reportCreated', organization: env.org, payloadUrl: 'https://n8n.example.com/webhook/x' });
		env.emu.createReport({ organization: env.org, description: 'x' });
		const [d] = await env.emu.waitForDeliveries(1, 2000);
		expect(d).toMatchObject({ skipped: true, status: null, ok: false, url: 'https://n8n.example.com/webhook/x' });
		expect(d.error).toMatch(/loopback/);
	});

	test('unreachable receiver and non-2xx answers are recorded once (no retries)', async () => {
		const dead = await startReceiver();
		await dead.close();
		receiver = await startReceiver({ status: 503 });
		env.emu.createWebhook({ event: 'reportCreated', organization: env.org, payloadUrl: `${dead.url}/gone` });
		env.emu.createWebhook({ event: 'reportCreated', organization: env.org, payloadUrl: `${receiver.url}/busy` });
		env.emu.createReport({ organization: env.org, description: 'x' });
		const list = await env.emu.waitForDeliveries(2, 3000);
		await env.emu.waitForIdle(1000);
		const gone = list.find((d) => d.url.endsWith('/gone'));
		const busy = list.find((d) => d.url.endsWith('/busy'));
		expect(gone).toMatchObject({ status: null, ok: false, skipped: false, error: expect.stringMatching(/ECONNREFUSED/) });
		expect(busy).toMatchObject({ status: 503, ok: false, error: null });
		expect(env.emu.deliveries).toHaveLength(2);
		expect(receiver.received).toHaveLength(1);
	});

	test('waitForDeliveries rejects on timeout; reset clears deliveries', async () => {
		await expect(env.emu.waitForDeliveries(1, 50)).rejects.toThrow(/expected 1 deliveries, got 0/);
		env.emu.createWebhook({ event: 'reportCreated', organization: env.org, payloadUrl: 'https://remote.example/x' });
		env.emu.createReport({ organization: env.org, description: 'x' });
		await env.emu.waitForDeliveries(1, 1000);
		await env.emu.reset();
		expect(env.emu.deliveries).toHaveLength(0);
		expect(env.emu.state).toMatchObject({ webhooks: [], reports: [], operations: [] });
	});
});
