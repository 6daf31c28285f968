'use strict';
// The Tickets API ("v3", s25v3.json) of the 2025 era: routes, filters, ordering, paging, merge-patch, removal, the
// organization header, the same store as the v2 routes, the clock, and both readings of every switch (docs/emulator.md, "Tickets API (2025 era) and the movable clock"; docs/emulator-tickets.md).
const contract = require('../keyclic-emulator/contract');
const { request, login, useEmulator, start } = require('./helpers');

const HOUR = 3600 * 1000;
const T0 = Date.parse('2025-05-01T08:00:00Z');

/** A client of the Tickets API: X-Organization-Id of the first organization unless `org` says otherwise. */
function v3(env) {
	const call =
		(method) =>
		(path, { org = env.org, headers = {}, ...rest } = {}) =>
			request(env.emu.ticketsUrl, method, path, {
				token: env.token,
				...rest,
				headers: { ...(org ? { 'x-organization-id': org } : {}), ...headers },
			});
	return { get: call('GET'), patch: call('PATCH'), delete: call('DELETE'), post: call('POST') };
}

const mergePatch = { 'content-type': 'application/merge-patch+json' };
const ids = (res) => res.body._embedded.item.map((t) => t.id);

/** Reports (and operations) made one minute apart on the emulator's clock. */
function makeTickets(emu, n, org = emu.seed.organizations[0].id) {
	const made = [];
	for (let i = 0; i < n; i++) {
		made.push(emu.createReport({ organization: org, description: `Fuite ${i}` }));
		emu.advanceClock(60 * 1000);
	}
	return made;
}

describe('Tickets API (2025 era): reading', () => {
	let now = T0;
	const env = useEmulator({ login: true, options: { payloadEra: '2025', clock: () => now } });
	beforeEach(() => (now = T0));
	const api = v3(env);

	test('GET /tickets lists the reports and operations of the header organization as an API Platform HAL collection', async () => {
		const [report] = makeTickets(env.emu, 1);
		const op = env.emu.createOperation({ report: report.id, name: 'Réparer' });
		env.emu.createReport({ organization: env.emu.seed.organizations[1].id, description: 'ailleurs' });
		const res = await api.get('/tickets');
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/application\/hal\+json/);
		expect(ids(res)).toEqual([report.id, op.id]);
		expect(res.body).toMatchObject({ totalItems: 2, itemsPerPage: 10, _links: { self: { href: '/tickets?page=1' } } });
		expect(res.body._links.item).toEqual([{ href: `/tickets/${report.id}` }, { href: `/tickets/${op.id}` }]);
		const [r, o] = res.body._embedded.item;
		// a ticket is the report or operation under another serialization: the same id, dates, state
		expect(r).toMatchObject({ id: report.id, description: 'Fuite 0', createdAt: report.createdAt, updatedAt: report.updatedAt });
		expect(r._embedded.state).toMatchObject({ reference: 'NEW', id: report._embedded.workflow.state.id });
		expect(r._embedded.phase.reference).toBe('NEW');
		expect(r._links.children).toEqual([{ href: `/tickets/${op.id}` }]);
		expect(o._links.parent).toEqual({ href: `/tickets/${report.id}` });
		expect(o._embedded.phase).toBeUndefined();
		expect(o.name).toBe('Réparer');
	});

	test('GET /tickets/{id} and the v2 routes read and write the same data', async () => {
		const report = env.emu.createReport({ organization: env.org, description: 'Fuite' });
		const t = await api.get(`/tickets/${report.id}`);
		expect(t.status).toBe(200);
		now += HOUR;
		const patched = await api.patch(`/tickets/${report.id}`, {
			headers: mergePatch,
			body: { description: 'Fuite hall B', archived: true },
		});
		expect(patched.status).toBe(200);
		const v2 = await request(env.emu.url, 'GET', `/reports/${report.id}`, { token: env.token });
		expect(v2.body).toMatchObject({ description: 'Fuite hall B', archived: true, updatedAt: '2025-05-01T09:00:00+00:00' });
		env.emu.transitionReport(report.id, 'accept');
		expect((await api.get(`/tickets/${report.id}`)).body._embedded.state.reference).toBe('ACCEPTED');
	});

	test('unknown id, or a ticket of another organization → 404; X-Organization-Id missing → 400, foreign → 403', async () => {
		const other = env.emu.createReport({ organization: env.emu.seed.organizations[1].id, description: 'x' });
		expect((await api.get(`/tickets/${other.id}`)).status).toBe(404);
		expect((await api.get('/tickets/0b5e6c7d-0000-4000-8000-000000000000')).status).toBe(404);
		const missing = await api.get('/tickets', { org: null });
		expect(missing.status).toBe(400);
		expect(missing.body.detail).toMatch(/X-Organization-Id/);
		expect((await api.get('/tickets', { org: 'nope' })).status).toBe(400);
		expect((await api.get('/tickets', { org: env.emu.seed.foreignOrganization.id })).status).toBe(403);
		expect((await api.get('/tickets', { token: undefined })).status).toBe(401);
	});

	test('updatedAt and createdAt bounds: after/before include the instant, strictly_* exclude it (second precision)', async () => {
		const made = makeTickets(env.emu, 4); // created 08:00, 08:01, 08:02, 08:03
		const at = (m) => `2025-05-01T08:0${m}:00Z`;
		const q = async (qs) => ids(await api.get(`/tickets?${qs}`));
		expect(await q(`updatedAt[after]=${at(1)}`)).toEqual(made.slice(1).map((r) => r.id));
		expect(await q(`updatedAt[strictly_after]=${at(1)}`)).toEqual(made.slice(2).map((r) => r.id));
		expect(await q(`updatedAt[before]=${at(1)}`)).toEqual(made.slice(0, 2).map((r) => r.id));
		expect(await q(`updatedAt[strictly_before]=${at(1)}`)).toEqual([made[0].id]);
		expect(await q(`createdAt[after]=${at(1)}&createdAt[strictly_before]=${at(3)}`)).toEqual([made[1].id, made[2].id]);
		// a change moves updatedAt, not createdAt; an offset date is read as such
		now += HOUR;
		env.emu.transitionReport(made[0].id, 'accept');
		expect(await q(`updatedAt[strictly_after]=${encodeURIComponent('2025-05-01T10:30:00+02:00')}`)).toEqual([made[0].id]);
		expect(await q(`createdAt[strictly_after]=${at(2)}`)).toEqual([made[3].id]);
	});

	test('order[updatedAt] and order[createdAt] (asc, desc); without one, creation order', async () => {
		const made = makeTickets(env.emu, 3);
		now += HOUR;
		env.emu.transitionReport(made[0].id, 'accept');
		const q = async (qs) => ids(await api.get(`/tickets?${qs}`));
		expect(await q('')).toEqual(made.map((r) => r.id));
		expect(await q('order[updatedAt]=asc')).toEqual([made[1].id, made[2].id, made[0].id]);
		expect(await q('order[updatedAt]=desc')).toEqual([made[0].id, made[2].id, made[1].id]);
		expect(await q('order[createdAt]=desc')).toEqual([made[2].id, made[1].id, made[0].id]);
	});

	test('state[], phase[], place, category, priority, assignments.member, parent, archived, completed (ids or IRIs)', async () => {
		const place = env.emu.seed.places[0].id;
		const category = env.emu.addCategory({ organizationId: env.org, name: 'Toiture' }).id;
		const a = env.emu.createReport({ organization: env.org, description: 'a', place, category, priority: 1 });
		const b = env.emu.createReport({ organization: env.org, description: 'b' });
		env.emu.transitionReport(a.id, 'accept');
		const op = env.emu.createOperation({ report: a.id, name: 'op' });
		env.emu.assignOperation(op.id, env.emu.seed.technician.id);
		const all = (await api.get('/tickets')).body._embedded.item;
		const byId = Object.fromEntries(all.map((t) => [t.id, t]));
		const accepted = byId[a.id]._embedded.state.id;
		const q = async (qs) => ids(await api.get(`/tickets?${qs}`));
		expect(await q(`state[]=${accepted}`)).toEqual([a.id]);
		expect(await q(`state[]=${accepted}&state[]=${byId[b.id]._embedded.state.id}`)).toEqual([a.id, b.id]);
		expect(await q(`state=/workflow-states/${byId[op.id]._embedded.state.id}`)).toEqual([op.id]);
		expect(await q(`phase[]=${byId[b.id]._embedded.phase.id}`)).toEqual([b.id]);
		expect(await q(`place=/places/${place}`)).toEqual([a.id, op.id]);
		expect(await q(`category[]=${category}`)).toEqual([a.id]);
		expect(await q(`priority=${byId[a.id]._embedded.priority.id}`)).toEqual([a.id]);
		expect(await q(`assignments.member=/members/${env.emu.seed.technician.membershipId}`)).toEqual([op.id]);
		expect(await q(`parent=${a.id}`)).toEqual([op.id]);
		await api.patch(`/tickets/${b.id}`, { headers: mergePatch, body: { archived: true, completed: true } });
		expect(await q('archived=true')).toEqual([b.id]);
		expect(await q('completed=false')).toEqual([a.id, op.id]);
	});

	test('paging: limit (default 10), page, _links.next until the last page; pagination=false lists all', async () => {
		const made = makeTickets(env.emu, 12);
		const first = await api.get('/tickets?order[createdAt]=asc');
		expect(ids(first)).toEqual(made.slice(0, 10).map((r) => r.id));
		expect(first.body._links.next.href).toBe('/tickets?order%5BcreatedAt%5D=asc&page=2');
		const second = await api.get(first.body._links.next.href);
		expect(ids(second)).toEqual(made.slice(10).map((r) => r.id));
		expect(second.body._links.next).toBeUndefined();
		expect(second.body._links.previous.href).toBe('/tickets?order%5BcreatedAt%5D=asc&page=1');
		expect(ids(await api.get('/tickets?limit=5&page=3'))).toEqual(made.slice(10).map((r) => r.id));
		expect(ids(await api.get('/tickets?limit=5&page=4'))).toEqual([]);
		const all = await api.get('/tickets?pagination=false');
		expect(ids(all)).toHaveLength(12);
		expect(all.body._links.next).toBeUndefined();
		expect((await api.get('/tickets?page=0')).status).toBe(400);
		expect((await api.get('/tickets?limit=-1')).status).toBe(400);
	});

	test('a limit over 50 gives 50 (ticketsLimitOver50 "clamp"); an unknown filter or unreadable value is ignored', async () => {
		makeTickets(env.emu, 51);
		const res = await api.get('/tickets?limit=80');
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ itemsPerPage: 50, totalItems: 51 });
		expect(ids(res)).toHaveLength(50);
		expect((await api.get('/tickets?colour=red&updatedAt[after]=yesterday&limit=1')).body.totalItems).toBe(51);
	});

	test('a filter the spec declares but the emulator does not apply is refused, so that no test passes on it', async () => {
		const res = await api.get('/tickets?search=fuite');
		expect(res.status).toBe(400);
		expect(res.body.detail).toMatch(/does not apply the filter "search"/);
	});

	test('GET /tickets/{id}/workflow-transitions: the transitions from the current state, with from/to states', async () => {
		const report = env.emu.createReport({ organization: env.org, description: 'x' });
		const res = await api.get(`/tickets/${report.id}/workflow-transitions`);
		expect(res.status).toBe(200);
		const items = res.body._embedded.item;
		expect(items.map((t) => t._embedded.to.reference)).toEqual(['ACCEPTED', 'REFUSED']);
		expect(items[0]._embedded.from.reference).toBe('NEW');
		expect(res.body.totalItems).toBe(2);
		// the transition id works on the v2 route that applies it
		const applied = await request(env.emu.url, 'POST', `/reports/${report.id}/workflow`, {
			token: env.token,
			body: { transition: items[0].id },
		});
		expect(applied.status).toBe(200);
	});
});

describe('Tickets API (2025 era): writing', () => {
	let now = T0;
	const env = useEmulator({ login: true, options: { payloadEra: '2025', clock: () => now } });
	const api = v3(env);

	test('PATCH takes application/merge-patch+json only (415 otherwise); fields change, null clears, updatedAt moves', async () => {
		const op = env.emu.createOperation({
			report: env.emu.createReport({ organization: env.org, description: 'r' }).id,
			name: 'op',
			scheduledAt: '2025-06-01T10:00:00Z',
		});
		expect((await api.patch(`/tickets/${op.id}`, { body: { name: 'x' } })).status).toBe(415);
		now += HOUR;
		const priority = (await api.get(`/tickets/${op.id}`)).body._embedded.priority;
		const res = await api.patch(`/tickets/${op.id}`, {
			headers: mergePatch,
			body: {
				name: 'Changer le joint',
				tags: ['plomberie'],
				completed: true,
				scheduledAt: null,
				priority: `/ticket-priorities/${priority.id}`,
			},
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ name: 'Changer le joint', tags: ['plomberie'], completed: true });
		expect(res.body.scheduledAt).toBeUndefined();
		expect(res.body.updatedAt).toBe('2025-05-01T09:00:00+00:00');
		expect((await api.patch(`/tickets/${op.id}`, { headers: mergePatch, body: { description: null } })).status).toBe(422);
		expect((await api.patch(`/tickets/${op.id}`, { headers: mergePatch, body: { completed: 'yes' } })).status).toBe(400);
		// an unknown field is ignored (ticketsUnknownInput "ignore")
		expect((await api.patch(`/tickets/${op.id}`, { headers: mergePatch, body: { colour: 'red', name: 'y' } })).body.name).toBe('y');
	});

	test('DELETE removes an operation as DELETE /operations/{id} does (operationRemoved), a report with its operations', async () => {
		const report = env.emu.createReport({ organization: env.org, description: 'r' });
		const op = env.emu.createOperation({ report: report.id, name: 'op' });
		const events = [];
		env.emu.events.on('notification', (n) => events.push(n.event));
		expect((await api.delete(`/tickets/${op.id}`)).status).toBe(204);
		expect(events).toEqual(['operationRemoved']);
		expect((await request(env.emu.url, 'GET', `/operations/${op.id}`, { token: env.token })).status).toBe(404);
		const op2 = env.emu.createOperation({ report: report.id, name: 'op2' });
		expect((await api.delete(`/tickets/${report.id}`)).status).toBe(204);
		expect((await api.get(`/tickets/${op2.id}`)).status).toBe(404);
		expect((await request(env.emu.url, 'GET', `/reports/${report.id}`, { token: env.token })).status).toBe(404);
	});
});

describe('Tickets API switches, both readings', () => {
	test('stateChangeTouchesUpdatedAt: on, a state change moves updatedAt; off, it does not (other changes still do)', async () => {
		for (const touches of [true, false]) {
			let now = T0;
			const emu = await start({ payloadEra: '2025', clock: () => now, stateChangeTouchesUpdatedAt: touches });
			try {
				const r = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'r' });
				now += HOUR;
				expect(emu.transitionReport(r.id, 'accept').updatedAt).toBe(touches ? '2025-05-01T09:00:00+00:00' : r.updatedAt);
				const op = emu.createOperation({ report: r.id });
				now += HOUR;
				expect(emu.transitionOperation(op.id, 'assign').updatedAt).toBe(touches ? '2025-05-01T10:00:00+00:00' : op.updatedAt);
				now += HOUR;
				expect(emu.commentOperation(op.id, 'ok').updatedAt).toBe('2025-05-01T11:00:00+00:00');
			} finally {
				await emu.close();
			}
		}
	});

	test('ticketsUnknownInput "reject" and ticketsLimitOver50 "reject": 400 problems naming the parameter', async () => {
		const emu = await start({ payloadEra: '2025', ticketsUnknownInput: 'reject', ticketsLimitOver50: 'reject' });
		try {
			const env = { emu, org: emu.seed.organizations[0].id, token: await login(emu) };
			const api = v3(env);
			const r = emu.createReport({ organization: env.org, description: 'r' });
			for (const qs of ['colour=red', 'updatedAt[after]=yesterday', 'order[updatedAt]=up', 'archived=maybe', 'limit=51']) {
				const res = await api.get(`/tickets?${qs}`);
				expect(res.status).toBe(400);
				expect(res.body.detail).toContain(qs.split('=')[0]);
			}
			expect((await api.get('/tickets?limit=50')).status).toBe(200);
			expect((await api.patch(`/tickets/${r.id}`, { headers: mergePatch, body: { colour: 'red' } })).status).toBe(400);
		} finally {
			await emu.close();
		}
	});

	test('ticketsToken "login": the login token is a v3 bearer and /auth/token refuses the login idToken (401 Invalid token)', async () => {
		const emu = await start({ payloadEra: '2025' });
		try {
			const logged = await request(emu.url, 'POST', '/security/login', {
				body: { login: emu.seed.user.login, password: emu.seed.user.password },
			});
			expect(Object.keys(logged.body).sort()).toEqual(['accessToken', 'idToken', 'tokenType']);
			const env = { emu, org: emu.seed.organizations[0].id, token: logged.body.accessToken };
			expect((await v3(env).get('/tickets')).status).toBe(200);
			const exchange = await request(emu.url, 'POST', '/auth/token', {
				body: { grantType: 'external_auth', idToken: logged.body.idToken },
			});
			expect(exchange.status).toBe(401);
			// an idToken is no bearer
			expect((await v3({ ...env, token: logged.body.idToken }).get('/tickets')).status).toBe(401);
		} finally {
			await emu.close();
		}
	});

	test('ticketsToken "exchange": v3 refuses the login token, takes the one /auth/token gives for its idToken', async () => {
		const emu = await start({ payloadEra: '2025', ticketsToken: 'exchange' });
		try {
			const logged = (
				await request(emu.url, 'POST', '/security/login', { body: { login: emu.seed.user.login, password: emu.seed.user.password } })
			).body;
			const env = { emu, org: emu.seed.organizations[0].id, token: logged.accessToken };
			expect((await v3(env).get('/tickets')).status).toBe(401);
			expect(
				(await request(emu.url, 'POST', '/auth/token', { appKey: null, body: { grantType: 'external_auth', idToken: logged.idToken } }))
					.status,
			).toBe(400);
			expect((await request(emu.url, 'POST', '/auth/token', { body: { grantType: 'password', idToken: logged.idToken } })).status).toBe(
				400,
			);
			expect(
				(await request(emu.url, 'POST', '/auth/token', { body: { grantType: 'external_auth', idToken: logged.accessToken } })).status,
			).toBe(401);
			const exchange = await request(emu.url, 'POST', '/auth/token', { body: { grantType: 'external_auth', idToken: logged.idToken } });
			expect(exchange.status).toBe(200);
			expect(exchange.body).toEqual({ accessToken: expect.any(String), idToken: logged.idToken, tokenType: 'Bearer' });
			expect((await v3({ ...env, token: exchange.body.accessToken }).get('/tickets')).status).toBe(200);
			// the v2 routes take either token
			for (const token of [logged.accessToken, exchange.body.accessToken]) {
				expect((await request(emu.url, 'GET', '/organizations', { token })).status).toBe(200);
			}
		} finally {
			await emu.close();
		}
	});

	test('ticketsHost "same": one base URL; "separate": the Tickets API on its own host, the base URL answers it 404', async () => {
		const same = await start({ payloadEra: '2025' });
		const separate = await start({ payloadEra: '2025', ticketsHost: 'separate' });
		try {
			expect(same.ticketsUrl).toBe(same.url);
			expect(separate.ticketsUrl).not.toBe(separate.url);
			const token = await login(separate);
			const headers = { 'x-organization-id': separate.seed.organizations[0].id };
			expect((await request(separate.ticketsUrl, 'GET', '/tickets', { token, headers })).status).toBe(200);
			expect((await request(separate.url, 'GET', '/tickets', { token, headers })).status).toBe(404);
			expect((await request(separate.url, 'GET', '/organizations', { token })).status).toBe(200);
			expect((await request(separate.ticketsUrl, 'GET', '/organizations', { token })).status).toBe(404);
		} finally {
			await same.close();
			await separate.close();
		}
	});
});

describe('the clock tests can move', () => {
	const env = useEmulator({ login: true, options: { payloadEra: '2025', clock: () => T0 } });

	test('advanceClock (and POST /_emulator/clock) move every later date; reset() puts it back', async () => {
		const before = env.emu.createReport({ organization: env.org, description: 'a' });
		expect(env.emu.advanceClock(HOUR)).toBe(T0 + HOUR);
		const after = env.emu.createReport({ organization: env.org, description: 'b' });
		expect([before.createdAt, after.createdAt]).toEqual(['2025-05-01T08:00:00+00:00', '2025-05-01T09:00:00+00:00']);
		const moved = await request(env.emu.url, 'POST', '/_emulator/clock', { body: { advanceMs: HOUR } });
		expect(moved.body).toEqual({ now: '2025-05-01T10:00:00+00:00', nowMs: T0 + 2 * HOUR, offsetMs: 2 * HOUR });
		expect((await request(env.emu.url, 'POST', '/_emulator/clock', { body: {} })).status).toBe(400);
		expect((await request(env.emu.url, 'GET', '/_emulator/clock')).body.offsetMs).toBe(2 * HOUR);
		await env.emu.reset();
		expect(env.emu.now()).toBe(T0);
	});
});

describe('the legacy era has no Tickets API', () => {
	const env = useEmulator({ login: true });
	test.each([
		['GET', '/tickets'],
		['GET', '/tickets/0b5e6c7d-0000-4000-8000-000000000000'],
		['POST', '/auth/token'],
	])('%s %s → 404', async (method, path) => {
		const res = await request(env.emu.url, method, path, {
			token: env.token,
			headers: { 'x-organization-id': env.org },
			body: method === 'POST' ? {} : undefined,
		});
		expect(res.status).toBe(404);
	});
});

describe('the contract holds the Tickets API to s25v3', () => {
	const env = useEmulator({ login: true, options: { payloadEra: '2025' } });
	const check = (body, pattern = '/tickets/:identifier') =>
		contract.checkResponse({ era: '2025', method: 'GET', pattern, status: 200, body });

	test('a real ticket matches; an extra field, or a wrong type, is a violation; a route v3 lacks is one too', async () => {
		const r = env.emu.createReport({ organization: env.org, description: 'x' });
		const ticket = (await v3(env).get(`/tickets/${r.id}`)).body;
		expect(check(ticket)).toBeNull();
		expect(check({ ...ticket, type: 'Ticket' })).toMatch(/not a s25v3 Ticket\.jsonhal-Read: \(root\) has "type"/);
		expect(check({ ...ticket, completed: 'no' })).toMatch(/\/completed must be boolean/);
		expect(check({ _links: {}, _embedded: { items: [] } }, '/tickets')).toMatch(/_embedded has "items"/);
		expect(contract.checkResponse({ era: '2025', method: 'PUT', pattern: '/tickets/:identifier', status: 200, body: ticket })).toMatch(
			/PUT \/tickets\/\{identifier\} is not a route of s25/,
		);
	});
});
