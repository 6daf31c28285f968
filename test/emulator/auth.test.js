'use strict';
const { start, client, login, LOGIN, useEmulator } = require('./helpers');

describe('emulator: authentication and headers', () => {
	const env = useEmulator();

	test('login returns a bearer JWT with credentials and a 24 h lifetime', async () => {
		const res = await env.api.post('/security/login', { body: LOGIN });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
			tokenType: 'Bearer',
			credentials: { id: env.emu.seed.user.id, login: 'demo@keyclic.example' },
		});
		const [head, claims] = res.body.accessToken
			.split('.')
			.slice(0, 2)
			.map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
		expect(head).toEqual({ typ: 'JWT', alg: 'HS256' });
		expect(claims.exp - claims.iat).toBe(86400);
		expect(claims.sub).toBe(env.emu.seed.user.id);
	});

	test('login works without X-Keyclic-App, but an unknown key is refused', async () => {
		expect((await env.api.post('/security/login', { body: LOGIN, appKey: null })).status).toBe(200);
		expect((await env.api.post('/security/login', { body: LOGIN, appKey: 'com.other.app' })).status).toBe(403);
	});

	test('wrong password → 401 vnd.error', async () => {
		const res = await env.api.post('/security/login', { body: { ...LOGIN, password: 'nope' } });
		expect(res.status).toBe(401);
		expect(res.headers['content-type']).toMatch(/json/);
		expect(res.body).toEqual({ message: 'Invalid credentials.', total: 1, _embedded: { errors: [{ message: 'Invalid credentials.' }] } });
	});

	test('missing login fields → 400 with paths; non-JSON body → 415', async () => {
		const res = await env.api.post('/security/login', { body: {} });
		expect(res.status).toBe(400);
		expect(res.body._embedded.errors.map((e) => e.path)).toEqual(['login', 'password']);
		const form = await env.api.post('/security/login', {
			body: 'login=x',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(form.status).toBe(415);
	});

	test('missing X-Keyclic-App → 400, unknown → 403, both with clear messages', async () => {
		const token = await login(env.emu);
		const missing = await env.api.get('/organizations', { token, appKey: null });
		expect(missing.status).toBe(400);
		expect(missing.body.message).toMatch(/X-Keyclic-App/);
		const unknown = await env.api.get('/organizations', { token, appKey: 'com.evil.app' });
		expect(unknown.status).toBe(403);
		expect(unknown.body.message).toMatch(/Unknown application key "com.evil.app"/);
	});

	test('missing, malformed or forged bearer → 401', async () => {
		expect((await env.api.get('/organizations')).body.message).toBe('JWT Token not found');
		expect((await env.api.get('/organizations', { token: 'abc' })).status).toBe(401);
		const token = await login(env.emu);
		const forged = `${token.split('.').slice(0, 2).join('.')}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
		const res = await env.api.get('/organizations', { token: forged });
		expect(res.status).toBe(401);
		expect(res.body.message).toBe('Invalid JWT Token');
		expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
	});

	test('a token from another emulator instance is rejected', async () => {
		const other = await start();
		try {
			const res = await env.api.get('/organizations', { token: other.issueToken() });
			expect(res.status).toBe(401);
		} finally {
			await other.close();
		}
	});

	test('expireTokens: current tokens answer 401 "Expired JWT Token", a fresh login works', async () => {
		const token = await login(env.emu);
		expect((await env.api.get('/organizations', { token })).status).toBe(200);
		await env.emu.setFault({ expireTokens: true });
		const res = await env.api.get('/organizations', { token });
		expect(res.status).toBe(401);
		expect(res.body.message).toBe('Expired JWT Token');
		const fresh = await login(env.emu);
		expect((await env.api.get('/organizations', { token: fresh })).status).toBe(200);
		expect((await env.api.get('/organizations', { token })).status).toBe(401);
	});

	test('tokens expire after tokenLifetimeSeconds (controlled clock)', async () => {
		let now = Date.parse('2025-01-01T00:00:00Z');
		const timed = await start({ tokenLifetimeSeconds: 60, clock: () => now });
		try {
			const token = await login(timed);
			expect((await client(timed).get('/organizations', { token })).status).toBe(200);
			now += 61000;
			const res = await client(timed).get('/organizations', { token });
			expect(res.status).toBe(401);
			expect(res.body.message).toBe('Expired JWT Token');
		} finally {
			await timed.close();
		}
	});
});

describe('emulator: organizations', () => {
	const env = useEmulator({ login: true, reset: false });

	test('GET /organizations lists the two member organizations as a HAL collection', async () => {
		const res = await env.api.get('/organizations', { token: env.token });
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/hal+json;charset=UTF-8');
		expect(res.body).toMatchObject({ page: 1, limit: 10, pages: 1, total: 2 });
		expect(res.body._links.next).toBeUndefined();
		expect(res.body._embedded.items.map((o) => o.id)).toEqual(env.emu.seed.organizations.map((o) => o.id));
		expect(res.body._embedded.items[0]._links.self).toEqual({
			href: `/organizations/${env.emu.seed.organizations[0].id}`,
			iriTemplate: { mapping: { organization: env.emu.seed.organizations[0].id } },
		});
		const paged = await env.api.get('/organizations?page=2&limit=1', { token: env.token });
		expect(paged.body).toMatchObject({ page: 2, limit: 1, pages: 2, total: 2 });
		expect(paged.body._links.previous.href).toBe('/organizations?page=1&limit=1');
	});

	test('GET /organizations/{id}: member 200, foreign 403, unknown 404, bad page 400', async () => {
		const org = env.emu.seed.organizations[1];
		expect((await env.api.get(`/organizations/${org.id}`, { token: env.token })).body).toMatchObject({
			type: 'Organization',
			id: org.id,
			name: org.name,
		});
		expect((await env.api.get(`/organizations/${env.emu.seed.foreignOrganization.id}`, { token: env.token })).status).toBe(403);
		expect((await env.api.get('/organizations/00000000-0000-4000-8000-000000000000', { token: env.token })).status).toBe(404);
		expect((await env.api.get('/organizations?page=0', { token: env.token })).status).toBe(400);
		expect((await env.api.get('/nothing-here', { token: env.token })).status).toBe(404);
		expect((await env.api.delete('/organizations', { token: env.token })).status).toBe(405);
	});
});
