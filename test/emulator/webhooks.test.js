'use strict';
const { start, client, useEmulator } = require('./helpers');

describe('emulator: webhooks API', () => {
	const env = useEmulator({ login: true });

	const create = (body) => env.api.post('/webhooks', { token: env.token, body });

	test('CRUD: create 201, get, patch, delete 204, then 404', async () => {
		const created = await create({ event: 'reportCreated', organization: env.org, payloadUrl: 'http://127.0.0.1:9/hook' });
		expect(created.status).toBe(201);
		const w = created.body;
		expect(w).toEqual({
			type: 'Webhook',
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			event: 'reportCreated',
			payloadUrl: 'http://127.0.0.1:9/hook',
			enabled: true,
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
			updatedAt: expect.any(String),
			_links: {
				self: { href: `/webhooks/${w.id}`, iriTemplate: { mapping: { webhook: w.id } } },
				organization: { href: `/organizations/${env.org}`, iriTemplate: { mapping: { organization: env.org } } },
			},
		});
		expect(created.headers.location).toBe(`/webhooks/${w.id}`);
		expect((await env.api.get(`/webhooks/${w.id}`, { token: env.token })).body).toEqual(w);

		const patched = await env.api.patch(`/webhooks/${w.id}`, {
			token: env.token,
			body: { event: 'operationRemoved', payloadUrl: 'https://example.com/x' },
		});
		expect(patched.status).toBe(200);
		expect(patched.body).toMatchObject({ id: w.id, event: 'operationRemoved', payloadUrl: 'https://example.com/x', enabled: true });

		expect((await env.api.delete(`/webhooks/${w.id}`, { token: env.token })).status).toBe(204);
		expect((await env.api.get(`/webhooks/${w.id}`, { token: env.token })).status).toBe(404);
		expect((await env.api.delete(`/webhooks/${w.id}`, { token: env.token })).status).toBe(404);
		expect((await env.api.patch(`/webhooks/${w.id}`, { token: env.token, body: { event: 'reportCreated' } })).status).toBe(404);
		expect(env.emu.state.webhooks).toEqual([]);
	});

	test('validation: camelCase events only, absolute http(s) URL, required fields, no extra fields', async () => {
		for (const event of ['report_created', 'taskCreated', '', undefined]) {
			const res = await create({ event, organization: env.org, payloadUrl: 'http://127.0.0.1/x' });
			expect(res.status).toBe(400);
			expect(res.body._embedded.errors[0].path).toBe('event');
		}
		for (const payloadUrl of ['/relative', 'ftp://127.0.0.1/x', 'not a url', 42]) {
			const res = await create({ event: 'reportCreated', organization: env.org, payloadUrl });
			expect(res.status).toBe(400);
			expect(res.body._embedded.errors).toEqual([{ message: expect.any(String), path: 'payloadUrl' }]);
		}
		const none = await create({});
		expect(none.status).toBe(400);
		expect(none.body.total).toBe(3);
		expect((await create({ event: 'reportCreated', organization: env.org, payloadUrl: 'http://127.0.0.1/x', enabled: false })).status).toBe(
			400,
		);
		expect((await env.api.patch('/webhooks/whatever', { token: env.token, body: {} })).status).toBe(404);
	});

	test('a non-loopback payloadUrl is accepted (the real API accepts it)', async () => {
		const res = await create({ event: 'reportCreated', organization: env.org, payloadUrl: 'https://n8n.example.com/webhook/abc' });
		expect(res.status).toBe(201);
	});

	test('foreign or unknown organization → 403; foreign webhook list → 403', async () => {
		const base = { event: 'reportCreated', payloadUrl: 'http://127.0.0.1/x' };
		expect((await create({ ...base, organization: env.emu.seed.foreignOrganization.id })).status).toBe(403);
		expect((await create({ ...base, organization: '00000000-0000-4000-8000-000000000000' })).status).toBe(403);
		expect((await env.api.get(`/organizations/${env.emu.seed.foreignOrganization.id}/webhooks`, { token: env.token })).status).toBe(403);
	});

	test('PATCH validates like POST and bumps updatedAt only', async () => {
		const w = env.emu.createWebhook({ event: 'reportCreated', organization: env.org, payloadUrl: 'http://127.0.0.1/x' });
		expect((await env.api.patch(`/webhooks/${w.id}`, { token: env.token, body: { event: 'report_created' } })).status).toBe(400);
		expect((await env.api.patch(`/webhooks/${w.id}`, { token: env.token, body: { payloadUrl: 'nope' } })).status).toBe(400);
		expect((await env.api.patch(`/webhooks/${w.id}`, { token: env.token, body: { enabled: false } })).status).toBe(400);
		const ok = await env.api.patch(`/webhooks/${w.id}`, { token: env.token, body: { payloadUrl: 'http://localhost/y' } });
		expect(ok.body).toMatchObject({ event: 'reportCreated', payloadUrl: 'http://localhost/y', createdAt: w.createdAt });
	});

	test('pagination across 25 webhooks: 3 pages, next/previous links, desc by default, asc on demand', async () => {
		const ids = [];
		for (let i = 0; i < 25; i++) {
			const res = await create({ event: 'reportCreated', organization: env.org, payloadUrl: `http://127.0.0.1/hook/${i}` });
			ids.push(res.body.id);
		}
		// one in the other organization, which must not be listed
		env.emu.createWebhook({ event: 'reportCreated', organization: env.emu.seed.organizations[1].id, payloadUrl: 'http://127.0.0.1/other' });
		const base = `/organizations/${env.org}/webhooks`;

		const p1 = (await env.api.get(base, { token: env.token })).body;
		expect(p1).toMatchObject({ page: 1, limit: 10, pages: 3, total: 25 });
		expect(p1._links).toEqual({
			self: { href: `${base}?page=1&limit=10` },
			first: { href: `${base}?page=1&limit=10` },
			last: { href: `${base}?page=3&limit=10` },
			next: { href: `${base}?page=2&limit=10` },
		});
		expect(p1._embedded.items.map((w) => w.id)).toEqual([...ids].reverse().slice(0, 10));

		const p2 = (await env.api.get(p1._links.next.href, { token: env.token })).body;
		expect(p2.page).toBe(2);
		expect(p2._links.previous.href).toBe(`${base}?page=1&limit=10`);
		expect(p2._links.next.href).toBe(`${base}?page=3&limit=10`);

		const p3 = (await env.api.get(p2._links.next.href, { token: env.token })).body;
		expect(p3._embedded.items).toHaveLength(5);
		expect(p3._links.next).toBeUndefined();
		expect(p3._links.previous.href).toBe(`${base}?page=2&limit=10`);

		const all = [...p1._embedded.items, ...p2._embedded.items, ...p3._embedded.items].map((w) => w.id);
		expect(new Set(all).size).toBe(25);

		const asc = (await env.api.get(`${base}?order=asc&limit=20&page=2`, { token: env.token })).body;
		expect(asc).toMatchObject({ page: 2, limit: 20, pages: 2, total: 25 });
		expect(asc._embedded.items.map((w) => w.id)).toEqual(ids.slice(20));
		expect(asc._links.self.href).toBe(`${base}?page=2&limit=20&order=asc`);

		const beyond = (await env.api.get(`${base}?page=9`, { token: env.token })).body;
		expect(beyond._embedded.items).toEqual([]);
		// the specs give `limit` no maximum: 101 is a valid page size
		expect((await env.api.get(`${base}?limit=101`, { token: env.token })).body).toMatchObject({ page: 1, limit: 101, pages: 1, total: 25 });
		expect((await env.api.get(`${base}?limit=0`, { token: env.token })).status).toBe(400);
		expect((await env.api.get(`${base}?order=sideways`, { token: env.token })).status).toBe(400);
	});

	test('after/before filter on createdAt (controlled clock)', async () => {
		let now = Date.parse('2025-03-01T10:00:00Z');
		const timed = await start({ clock: () => now });
		try {
			const t = timed.issueToken();
			const o = timed.seed.organizations[0].id;
			for (let i = 0; i < 3; i++) {
				timed.createWebhook({ event: 'reportCreated', organization: o, payloadUrl: `http://127.0.0.1/${i}` });
				now += 60000;
			}
			const res = await client(timed).get(`/organizations/${o}/webhooks?after=2025-03-01T10:00:30Z&before=2025-03-01T11:01:30%2B01:00`, {
				token: t,
			});
			expect(res.body.total).toBe(1);
			expect(res.body._embedded.items[0].payloadUrl).toBe('http://127.0.0.1/1');
		} finally {
			await timed.close();
		}
	});
});
