'use strict';
// The calls the Keyclic (action) node makes: patch, workflow with comment, comments, members,
// collection filters, and both error formats.
const { start, client, login, useEmulator } = require('./helpers');
const { stableUuid } = require('../keyclic-emulator/time');

describe('emulator: the action node calls', () => {
	const session = useEmulator({ login: true });
	let emu;
	let api;
	let token;
	let org;
	beforeAll(() => ({ emu, api, token, org } = session));

	const newReport = async (body = {}) =>
		(await api.post('/reports', { token, body: { organization: org, description: 'Fuite', ...body } })).body;
	const newOperation = async (report, body = {}) => (await api.post('/operations', { token, body: { report, ...body } })).body;

	test('PATCH /reports/{id} changes only the fields sent; unknown fields and bad values are 400', async () => {
		const r = await newReport({ tags: ['a'], priority: 2 });
		const res = await api.patch(`/reports/${r.id}`, {
			token,
			body: {
				description: 'Fuite réparée ?',
				priority: 1,
				tags: ['plomberie'],
				dueAt: '2025-06-01T08:00:00+02:00',
				identificationNumber: 'X-1',
			},
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			id: r.id,
			description: 'Fuite réparée ?',
			priority: 1,
			tags: ['plomberie'],
			dueAt: '2025-06-01T06:00:00+00:00',
			identificationNumber: 'X-1',
			state: 'NEW',
		});
		expect((await api.get(`/reports/${r.id}`, { token })).body.description).toBe('Fuite réparée ?');
		const extra = await api.patch(`/reports/${r.id}`, { token, body: { state: 'CLOSED' } });
		expect(extra.status).toBe(400);
		expect(extra.body.message).toMatch(/extra fields: state/);
		const bad = await api.patch(`/reports/${r.id}`, { token, body: { description: '', priority: 7 } });
		expect(bad.status).toBe(400);
		expect(bad.body._embedded.errors.map((e) => e.path).sort()).toEqual(['description', 'priority']);
		expect((await api.patch('/reports/00000000-0000-4000-8000-000000000000', { token, body: {} })).status).toBe(404);
	});

	test('PATCH /operations/{id}: name, description, identification number, scheduled date', async () => {
		const r = await newReport();
		const op = await newOperation(r.id, { name: 'Réparer' });
		const res = await api.patch(`/operations/${op.id}`, {
			token,
			body: { name: 'Remplacer le joint', scheduledAt: '2025-05-02T09:00:00+00:00', description: 'Joint de la colonne' },
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			name: 'Remplacer le joint',
			scheduledAt: '2025-05-02T09:00:00+00:00',
			description: 'Joint de la colonne',
		});
		expect((await api.patch(`/operations/${op.id}`, { token, body: { scheduledAt: 'demain' } })).status).toBe(400);
	});

	test('workflow with text and datetime records a comment; extra fields are refused', async () => {
		const r = await newReport();
		const op = await newOperation(r.id);
		const res = await api.post(`/operations/${op.id}/workflow`, {
			token,
			body: { transition: 'assign', text: 'Confié à Sam', datetime: '2025-05-02T09:00:00+00:00' },
		});
		expect(res.status).toBe(200);
		expect(res.body.state).toBe('ASSIGNED');
		const comments = (await api.get(`/operations/${op.id}/comments`, { token })).body;
		expect(comments).toEqual({
			results: [expect.objectContaining({ verb: 'transition:assign', message: 'Confié à Sam', time: '2025-05-02T09:00:00+00:00' })],
		});
		expect((await api.post(`/reports/${r.id}/workflow`, { token, body: { transition: 'accept', note: 'x' } })).status).toBe(400);
		expect((await api.post(`/reports/${r.id}/workflow`, { token, body: { transition: 'accept', datetime: 'soon' } })).status).toBe(400);
		expect((await api.post(`/reports/${r.id}/workflow`, { token, body: { transition: 'accept', text: 'OK' } })).body.state).toBe(
			'ACCEPTED',
		);
	});

	test('POST /operations/{id}/comments answers the Operation; GET lists them newest first (ActivityPagination)', async () => {
		const op = await newOperation((await newReport()).id);
		const first = await api.post(`/operations/${op.id}/comments`, { token, body: { text: 'Passage prévu lundi' } });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ type: 'Operation', id: op.id });
		await api.post(`/operations/${op.id}/comments`, { token, body: { text: 'Rappel', type: 'Reminder' } });
		const list = (await api.get(`/operations/${op.id}/comments`, { token })).body;
		expect(list.results.map((c) => [c.message, c.title])).toEqual([
			['Rappel', 'Reminder'],
			['Passage prévu lundi', 'Comment'],
		]);
		const blank = await api.post(`/operations/${op.id}/comments`, { token, body: { text: '  ' } });
		expect(blank.status).toBe(400);
		expect(blank.body._embedded.errors[0].path).toBe('text');
		expect((await api.post(`/operations/${op.id}/comments`, { token, body: { text: 'x', type: 'Memo' } })).status).toBe(400);
	});

	test('members of an organization: the demo user and the technician; assign accepts the member id', async () => {
		const res = await api.get(`/organizations/${org}/members`, { token });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ page: 1, pages: 1, total: 2 });
		const tech = res.body._embedded.items.find((m) => m.id === emu.seed.technician.membershipId);
		expect(tech).toMatchObject({ type: 'Member', _embedded: { person: { id: emu.seed.technician.id, familyName: 'Électricien' } } });
		const op = await newOperation((await newReport()).id);
		const assigned = await api.post(`/operations/${op.id}/assign`, { token, body: { member: tech.id } });
		expect(assigned.body).toMatchObject({ state: 'ASSIGNED', _embedded: { operator: { id: emu.seed.technician.id } } });
		expect((await api.get(`/organizations/${emu.seed.organizations[1].id}/members`, { token })).body.total).toBe(1);
		expect((await api.get(`/organizations/${emu.seed.foreignOrganization.id}/members`, { token })).status).toBe(403);
		// the technician has no password: nobody logs in as them
		expect((await api.post('/security/login', { body: { login: emu.seed.technician.login, password: 'x' } })).status).toBe(401);
	});

	test('collection filters: state, place, category, query; links keep them', async () => {
		const a = await newReport({ description: 'Panne électrique escalier A', category: 'cat-elec', place: 'place-a' });
		const b = await newReport({ description: 'Fuite cave', category: 'cat-eau', place: 'place-a' });
		await api.post(`/reports/${b.id}/workflow`, { token, body: { transition: 'accept' } });
		const ids = async (qs) => (await api.get(`/organizations/${org}/reports?${qs}`, { token })).body._embedded.items.map((r) => r.id);
		expect(await ids('state=NEW')).toEqual([a.id]);
		expect(await ids('state=ACCEPTED,NEW&order=asc')).toEqual([a.id, b.id]);
		expect(await ids('category=cat-eau')).toEqual([b.id]);
		expect((await ids('place=place-a')).sort()).toEqual([a.id, b.id].sort());
		expect(await ids('query=%C3%A9lectrique')).toEqual([a.id]);
		expect(await ids('query=nothing-like-this')).toEqual([]);
		const page = (await api.get(`/organizations/${org}/reports?state=NEW&limit=1`, { token })).body;
		expect(page._links.self.href).toBe(`/organizations/${org}/reports?page=1&limit=1&state=NEW`);
		expect(a._links.category.href).toBe('/categories/cat-elec');
		const opA = await newOperation(a.id, { name: 'Changer le disjoncteur' });
		await newOperation(b.id, { name: 'Pomper la cave' });
		await api.post(`/operations/${opA.id}/assign`, { token, body: { member: emu.seed.technician.membershipId } });
		const ops = async (p, qs) => (await api.get(`${p}?${qs}`, { token })).body._embedded.items.map((o) => o.name);
		expect(await ops(`/organizations/${org}/operations`, 'state=ASSIGNED')).toEqual(['Changer le disjoncteur']);
		expect(await ops(`/organizations/${org}/operations`, 'query=cave')).toEqual(['Pomper la cave']);
		expect(await ops(`/reports/${a.id}/operations`, 'state=NEW')).toEqual([]);
	});

	test('DELETE /operations/{id} → 204, then 404', async () => {
		const op = await newOperation((await newReport()).id);
		expect((await api.delete(`/operations/${op.id}`, { token })).status).toBe(204);
		expect((await api.get(`/operations/${op.id}`, { token })).status).toBe(404);
	});

	test('errorFormat problem: RFC 7807-like bodies with the same field errors; reset goes back to vnd.error', async () => {
		emu.setErrorFormat('problem');
		const r = await newReport();
		const bad = await api.post(`/reports/${r.id}/workflow`, { token, body: { transition: 'close' } });
		expect(bad.status).toBe(400);
		expect(bad.headers['content-type']).toBe('application/problem+json;charset=UTF-8');
		expect(bad.body).toMatchObject({
			title: 'Bad Request',
			detail: expect.stringMatching(/Transition "close" is not allowed/),
			_embedded: { errors: [{ title: 'Bad Request', detail: expect.stringMatching(/not allowed/) }] },
		});
		// s25's Problem has neither `status` nor a field name on its errors: the field is named in `detail` only
		expect(bad.body.status).toBeUndefined();
		expect(bad.body._embedded.errors[0].path).toBeUndefined();
		expect(bad.body.message).toBeUndefined();
		expect((await api.get('/reports/nope', { token })).body).toMatchObject({ title: 'Not Found', detail: 'Report "nope" not found.' });
		await emu.reset();
		expect((await api.get('/reports/nope', { token })).body).toMatchObject({ message: 'Report "nope" not found.' });
		expect(() => emu.setErrorFormat('xml')).toThrow(/vnd/);
	});
});

describe('emulator: errorFormat option and 2025 payload era', () => {
	test('option errorFormat: problem; 2025 priority id accepted by PATCH', async () => {
		const emu = await start({ errorFormat: 'problem', payloadEra: '2025' });
		try {
			const api = client(emu);
			const token = await login(emu);
			const unauthorized = await api.get('/organizations');
			expect(unauthorized.status).toBe(401);
			expect(unauthorized.body).toMatchObject({ title: 'Unauthorized', detail: 'JWT Token not found' });
			const r = (await api.post('/reports', { token, body: { organization: emu.seed.organizations[0].id, description: 'x' } })).body;
			expect(r.priority.position).toBe(2);
			const urgentId = stableUuid('priority:1');
			const high = await api.patch(`/reports/${r.id}`, { token, body: { priority: urgentId } });
			expect(high.body.priority).toMatchObject({ id: urgentId, position: 1 });
			expect((await api.patch(`/reports/${r.id}`, { token, body: { priority: 'urgent' } })).status).toBe(400);
			const res = await api.patch(`/reports/${r.id}`, { token, body: { archived: true, dueBy: '2025-07-01T00:00:00+00:00' } });
			expect(res.body).toMatchObject({ archived: true, dueBy: '2025-07-01T00:00:00+00:00' });
		} finally {
			await emu.close();
		}
	});
});
