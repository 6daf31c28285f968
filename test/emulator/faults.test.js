'use strict';
const { start, client, login, request, useEmulator } = require('./helpers');

describe('emulator: fault switches', () => {
	const env = useEmulator({ login: true });

	test('down: API connections are destroyed, control routes still answer, clearing restores service', async () => {
		await env.emu.setFault({ down: true });
		await expect(env.api.get('/organizations', { token: env.token })).rejects.toThrow(/socket hang up|ECONNRESET/);
		await expect(env.api.post('/security/login', { body: {} })).rejects.toThrow();
		const faults = await env.api.get('/_emulator/faults', { appKey: null });
		expect(faults.body).toEqual({ down: 'reset', slowMs: 0, status500: false, errorStatus: null, dropConnection: null });
		await env.api.post('/_emulator/faults', { appKey: null, body: { down: false } });
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);
	});

	test("down: 'refuse' stops listening (ECONNREFUSED) and resumes on the same port", async () => {
		await env.emu.setFault({ down: 'refuse' });
		await expect(env.api.get('/organizations', { token: env.token })).rejects.toThrow(/ECONNREFUSED/);
		await env.emu.setFault({ down: false });
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);
		const overHttp = await env.api.post('/_emulator/faults', { appKey: null, body: { down: 'refuse' } });
		expect(overHttp.status).toBe(400);
	});

	test('slowMs delays API answers but not control routes', async () => {
		await env.emu.setFault({ slowMs: 400 });
		let t = Date.now();
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(390);
		t = Date.now();
		await env.api.get('/_emulator/state', { appKey: null });
		expect(Date.now() - t).toBeLessThan(300);
	});

	test('status500: every API call, or only a path prefix', async () => {
		await env.emu.setFault({ status500: true });
		const all = await env.api.get('/organizations', { token: env.token });
		expect(all.status).toBe(500);
		expect(all.body).toMatchObject({ total: 1, message: expect.stringMatching(/emulated/) });
		expect((await env.api.post('/security/login', { body: {} })).status).toBe(500);

		await env.api.post('/_emulator/faults', { appKey: null, body: { status500: '/webhooks' } });
		const org = env.emu.seed.organizations[0].id;
		expect(
			(
				await env.api.post('/webhooks', {
					token: env.token,
					body: { event: 'reportCreated', organization: org, payloadUrl: 'http://127.0.0.1/x' },
				})
			).status,
		).toBe(500);
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);

		await env.emu.setFault({ status500: ['/reports', '/operations'] });
		expect((await env.api.post('/reports', { token: env.token, body: { organization: org, description: 'x' } })).status).toBe(500);
		expect((await env.api.get(`/organizations/${org}/webhooks`, { token: env.token })).status).toBe(200);
	});

	test('errorStatus: a status with Retry-After, for some paths and methods, the next `times` calls', async () => {
		await env.emu.setFault({ errorStatus: { status: 429, retryAfter: 60, paths: '/organizations', methods: ['get'], times: 2 } });
		const first = await env.api.get('/organizations', { token: env.token });
		expect(first.status).toBe(429);
		expect(first.headers['retry-after']).toBe('60');
		expect((await env.api.get('/_emulator/faults', { appKey: null })).body.errorStatus).toMatchObject({ status: 429, times: 1 });
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(429);
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);
		expect(env.emu.faults.errorStatus).toBeNull();

		await env.emu.setFault({ errorStatus: { status: 503, paths: ['/reports'] } });
		const unavailable = await env.api.get('/reports/unknown', { token: env.token });
		expect(unavailable.status).toBe(503);
		expect(unavailable.headers['retry-after']).toBeUndefined();
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);
		await expect(env.emu.setFault({ errorStatus: { status: 418 } })).rejects.toThrow(/one of/);
		await expect(env.emu.setFault({ errorStatus: { status: 503, times: 0 } })).rejects.toThrow(/times/);
		expect(await env.emu.setFault({ errorStatus: null })).toMatchObject({ errorStatus: null });
	});

	test('errorStatus `after`: the first matching calls pass, then the status; any error status of the list', async () => {
		const org = env.emu.seed.organizations[0].id;
		await env.emu.setFault({ errorStatus: { status: 401, paths: `/organizations/${org}`, methods: ['GET'], after: 1, times: 1 } });
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);
		expect((await env.api.get(`/organizations/${org}`, { token: env.token })).status).toBe(200);
		const refused = await env.api.get(`/organizations/${org}`, { token: env.token });
		expect(refused.status).toBe(401);
		expect(refused.body).toMatchObject({ message: 'Emulated fault errorStatus: 401.' });
		expect((await env.api.get(`/organizations/${org}`, { token: env.token })).status).toBe(200);
		expect(env.emu.faults.errorStatus).toBeNull();
		await expect(env.emu.setFault({ errorStatus: { status: 503, after: -1 } })).rejects.toThrow(/after/);
	});

	test('dropConnection: matching calls lose their connection (after, times); others are answered', async () => {
		const org = env.emu.seed.organizations[0].id;
		await env.emu.setFault({ dropConnection: { paths: '/organizations', methods: ['GET'], after: 1, times: 2 } });
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);
		await expect(env.api.get('/organizations', { token: env.token })).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect((await env.api.post('/reports', { token: env.token, body: { organization: org, description: 'x' } })).status).toBe(201);
		await expect(env.api.get(`/organizations/${org}`, { token: env.token })).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);
		expect(env.emu.faults.dropConnection).toBeNull();
		await expect(env.emu.setFault({ dropConnection: { status: 500 } })).rejects.toThrow(/Unknown dropConnection/);
	});

	test('reset clears switches; unknown or malformed faults → 400', async () => {
		await env.emu.setFault({ down: true, slowMs: 10, status500: true });
		expect(await env.emu.setFault({ reset: true })).toEqual({
			down: false,
			slowMs: 0,
			status500: false,
			errorStatus: null,
			dropConnection: null,
		});
		expect((await env.api.post('/_emulator/faults', { appKey: null, body: { explode: true } })).status).toBe(400);
		expect((await env.api.post('/_emulator/faults', { appKey: null, body: { slowMs: -1 } })).status).toBe(400);
		await expect(env.emu.setFault({ status500: 'webhooks' })).rejects.toThrow(/prefix/);
	});

	test('expireTokens over HTTP, then re-login', async () => {
		const t = await login(env.emu);
		await env.api.post('/_emulator/faults', { appKey: null, body: { expireTokens: true } });
		expect((await env.api.get('/organizations', { token: t })).status).toBe(401);
		expect((await env.api.get('/organizations', { token: await login(env.emu) })).status).toBe(200);
		env.token = await login(env.emu);
	});

	test('GET /_emulator/state and POST /_emulator/reset', async () => {
		const org = env.emu.seed.organizations[0].id;
		const w = env.emu.createWebhook({ event: 'operationCreated', organization: org, payloadUrl: 'http://127.0.0.1:9/x' });
		const r = env.emu.createReport({ organization: org, description: 'x' });
		const op = env.emu.createOperation({ report: r.id, name: 'o' });
		const toggled = await env.api.patch(`/_emulator/webhooks/${w.id}`, { appKey: null, body: { enabled: false } });
		expect(toggled.body).toMatchObject({ id: w.id, enabled: false });
		const state = (await env.api.get('/_emulator/state', { appKey: null })).body;
		expect(state.webhooks).toEqual([expect.objectContaining({ id: w.id, organization: org, event: 'operationCreated', enabled: false })]);
		expect(state.reports).toEqual([expect.objectContaining({ id: r.id, state: 'NEW', operations: [op.id] })]);
		expect(state.operations).toEqual([expect.objectContaining({ id: op.id, report: r.id, state: 'NEW' })]);
		const info = (await env.api.get('/_emulator', { appKey: null })).body;
		expect(info.credentials).toEqual({ login: 'demo@keyclic.example', password: 'demo-password' });
		const reset = await request(env.emu.url, 'POST', '/_emulator/reset');
		expect(reset.body).toMatchObject({ webhooks: [], reports: [], operations: [] });
		// tokens survive a data reset
		expect((await env.api.get('/organizations', { token: env.token })).status).toBe(200);
	});
});

describe('emulator: sample data and close()', () => {
	test('seedSampleData adds reports/operations, restored by reset()', async () => {
		const emu = await start({ seedSampleData: true });
		try {
			expect(emu.state.reports.map((r) => r.state)).toEqual(['ACCEPTED', 'NEW']);
			expect(emu.state.operations).toHaveLength(1);
			emu.createReport({ organization: emu.seed.organizations[0].id, description: 'extra' });
			await emu.reset();
			expect(emu.state.reports).toHaveLength(2);
		} finally {
			await emu.close();
		}
	});

	test('close() ends slow in-flight requests and is idempotent', async () => {
		const emu = await start();
		await emu.setFault({ slowMs: 5000 });
		const pending = client(emu).get('/organizations', { token: emu.issueToken() });
		await new Promise((r) => setTimeout(r, 50));
		const t = Date.now();
		await emu.close();
		await emu.close();
		await expect(pending).rejects.toThrow();
		expect(Date.now() - t).toBeLessThan(1000);
	});
});
