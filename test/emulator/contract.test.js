'use strict';
// The contract check itself (test/keyclic-emulator/contract): it is on in this project (jest-setup.js), it turns an
// answer outside the era's Swagger spec red, and the routes follow the era.
const contract = require('../keyclic-emulator/contract');
const { ALLOWANCES } = require('../keyclic-emulator/contract/allowances');
const { keyclicFixtures } = require('../support/fixtures');
const { useEmulator } = require('./helpers');

const WEBHOOK = (org) => ({ event: 'reportCreated', organization: org, payloadUrl: 'http://127.0.0.1:9/hook' });

describe('emulator contract check (legacy era, s20)', () => {
	const env = useEmulator({ login: true });

	test('is on in the emulator and unit projects', () => {
		expect(contract.enabled()).toBe(true);
	});

	test('a real answer matches; one extra field, or one required field removed, each is a violation', async () => {
		const created = await env.api.post('/webhooks', { token: env.token, body: WEBHOOK(env.org) });
		expect(created.status).toBe(201);
		const check = (body) => contract.checkResponse({ era: 'legacy', method: 'GET', pattern: '/webhooks/:webhook', status: 200, body });
		const webhook = (await env.api.get(`/webhooks/${created.body.id}`, { token: env.token })).body;
		expect(check(webhook)).toBeNull();

		expect(check({ ...webhook, secret: 'x' })).toMatch(/not a s20 Webhook: \(root\) has "secret", which the spec does not define/);
		const { event, ...withoutEvent } = webhook;
		expect(event).toBe('reportCreated');
		expect(check(withoutEvent)).toMatch(/not a s20 Webhook: \(root\) lacks required "event"/);
		// nested objects are closed too
		const links = { ...webhook._links, self: { ...webhook._links.self, rel: 'self' } };
		expect(check({ ...webhook, _links: links })).toMatch(/\/_links\/self has "rel"/);
	});

	test('end to end: an answer lacking a required field becomes a 500 naming the violation, and the test hook fails', async () => {
		const created = (await env.api.post('/webhooks', { token: env.token, body: WEBHOOK(env.org) })).body;
		env.emu.store.webhooks.get(created.id).event = undefined; // the serialization now lacks a required field
		const missing = await env.api.get(`/webhooks/${created.id}`, { token: env.token });
		expect(missing.status).toBe(500);
		expect(missing.body.message).toMatch(/^Contract violation: GET \/webhooks\/:webhook → 200 \(era legacy\).*lacks required "event"/);

		expect(() => contract.assertNoViolations()).toThrow(/answered outside its Swagger spec[\s\S]*lacks required "event"/);
		expect(contract.takeViolations()).toEqual([]);
	});

	test('error bodies are held to the spec too (vnd.error = s20 Error, with the documented `path`)', async () => {
		const bad = await env.api.post('/webhooks', { token: env.token, body: { ...WEBHOOK(env.org), event: 'nope' } });
		expect(bad.status).toBe(400);
		expect(bad.body._embedded.errors[0]).toMatchObject({ path: 'event' });
		const check = (body) => contract.checkResponse({ era: 'legacy', method: 'POST', pattern: '/webhooks', status: 400, body });
		expect(check(bad.body)).toBeNull();
		expect(check({ ...bad.body, code: 400 })).toMatch(/has "code"/);
	});

	test('a route the era does not have is a violation, not a pass', () => {
		const violation = contract.checkResponse({ era: '2025', method: 'POST', pattern: '/webhooks', status: 201, body: {} });
		expect(violation).toMatch(/POST \/webhooks is not a route of s25/);
	});

	test('every allowance beyond the spec names its source', () => {
		const source = require('node:fs').readFileSync(require.resolve('../keyclic-emulator/contract/allowances.js'), 'utf8');
		expect(ALLOWANCES.length).toBeGreaterThan(0);
		for (const a of ALLOWANCES) expect(source).toContain(`at: '${a.at}'`);
		expect(source).toMatch(/docs-en technical\.rst/);
	});
});

describe('the repository notification samples match the spec of their era', () => {
	test.each(keyclicFixtures().map((f) => [f.file, f.body]))('%s', (file, body) => {
		expect(contract.checkPayload(file.includes('v2025') ? '2025' : 'legacy', body.payload)).toBeNull();
	});
});

describe('routes follow the era: the 2025 API (s25) has no webhook management and no member list', () => {
	const env = useEmulator({ login: true, options: { payloadEra: '2025' } });

	test.each([
		['POST', '/webhooks'],
		['GET', '/organizations/:org/webhooks'],
		['GET', '/organizations/:org/members'],
		['GET', '/webhooks/2f1c0b7e-0000-4000-8000-000000000000'],
	])('%s %s → 404 (as Keyclic answers a route it does not have)', async (method, path) => {
		const url = path.replace(':org', env.org);
		const res = await env.api[method.toLowerCase()](url, { token: env.token, body: method === 'POST' ? WEBHOOK(env.org) : undefined });
		expect(res.status).toBe(404);
		expect(res.headers['content-type']).toBe('application/problem+json;charset=UTF-8');
		expect(res.body).toMatchObject({ title: 'Not Found', detail: expect.stringMatching(/No route found/) });
	});

	test('Keyclic can still create a webhook on request (emu.createWebhook), and it is notified', async () => {
		const hook = env.emu.createWebhook(WEBHOOK(env.org));
		expect(hook).toMatchObject({ type: 'Webhook', event: 'reportCreated' });
		env.emu.createReport({ organization: env.org, description: 'Fuite' });
		const [delivery] = await env.emu.waitForDeliveries(1);
		expect(delivery).toMatchObject({ event: 'reportCreated', webhook: hook.id });
	});

	test('the legacy era still has them', async () => {
		const { createEmulator } = require('../keyclic-emulator');
		const legacy = await createEmulator({ port: 0 });
		try {
			const headers = legacy.authHeaders();
			const res = await fetch(`${legacy.url}/organizations/${env.org}/members`, { headers });
			expect(res.status).toBe(200);
			expect((await res.json())._embedded.items.length).toBeGreaterThan(0);
		} finally {
			await legacy.close();
		}
	});
});
