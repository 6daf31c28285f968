'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { start, useEmulator } = require('./helpers');

// the project's copy of the shared Keyclic fixtures (examples/events), always present in a clone
const FIXTURES = path.resolve(__dirname, '..', '..', 'examples', 'events');
const fixture = (f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')).payload;
const withFixtures = test;

describe('emulator: reports, operations and transitions (legacy shape)', () => {
	const env = useEmulator({ login: true });

	const newReport = async (body = {}) =>
		(await env.api.post('/reports', { token: env.token, body: { organization: env.org, description: 'Fuite', ...body } })).body;
	const reportStep = (id, transition) => env.api.post(`/reports/${id}/workflow`, { token: env.token, body: { transition } });
	const opStep = (id, transition) => env.api.post(`/operations/${id}/workflow`, { token: env.token, body: { transition } });

	test('report: valid transitions follow the state machine', async () => {
		const r = await newReport({ tags: ['plomberie'], priority: 1, dueAt: '2025-03-16T18:00:00+01:00' });
		expect(r).toMatchObject({ type: 'Report', state: 'NEW', priority: 1, tags: ['plomberie'], dueAt: '2025-03-16T17:00:00+00:00' });
		expect(r.identificationNumber).toMatch(/^DEM-\d{4}-000001$/);
		const steps = [
			['accept', 'ACCEPTED', ['refuse', 'hold', 'progress']],
			['hold', 'ON_HOLD', ['progress']],
			['progress', 'IN_PROGRESS', ['close']],
			['close', 'CLOSED', []],
		];
		for (const [t, state, next] of steps) {
			const res = await reportStep(r.id, t);
			expect(res.status).toBe(200);
			expect(res.body.state).toBe(state);
			expect(res.body._embedded.stateTransitions).toEqual(next);
		}
		const final = (await env.api.get(`/reports/${r.id}`, { token: env.token })).body;
		expect(final._embedded.workflow.state).toMatchObject({ key: 'CLOSED', end: true });
		expect(final._embedded.tracking.checkpoints.map((c) => c.state[0])).toEqual(['NEW', 'ACCEPTED', 'ON_HOLD', 'IN_PROGRESS', 'CLOSED']);
		expect((await env.api.get(`/reports/${r.id}/tracking`, { token: env.token })).body.state).toBe('CLOSED');
	});

	test('report: invalid transition → 400 listing the allowed ones; unknown name; final state', async () => {
		const r = await newReport();
		const bad = await reportStep(r.id, 'close');
		expect(bad.status).toBe(400);
		expect(bad.body.message).toBe('Transition "close" is not allowed for this report in state NEW. Allowed transitions: accept, refuse.');
		expect(bad.body._embedded.errors[0].path).toBe('transition');
		expect((await reportStep(r.id, 'teleport')).status).toBe(400);
		expect((await env.api.post(`/reports/${r.id}/workflow`, { token: env.token, body: {} })).status).toBe(400);
		await reportStep(r.id, 'refuse');
		expect((await reportStep(r.id, 'accept')).body.message).toMatch(/Allowed transitions: none \(final state\)/);
	});

	test('report: a WorkflowTransition id is accepted as transition', async () => {
		const r = await newReport();
		const refuse = r._embedded.workflow.transitions.find((t) => t.to.key === 'REFUSED');
		expect((await reportStep(r.id, refuse.id)).body.state).toBe('REFUSED');
	});

	test('report close requires every operation resolved', async () => {
		const r = await newReport();
		await reportStep(r.id, 'accept');
		await reportStep(r.id, 'progress');
		const op = (await env.api.post('/operations', { token: env.token, body: { report: r.id, name: 'Réparer' } })).body;
		const blocked = await reportStep(r.id, 'close');
		expect(blocked.status).toBe(400);
		expect(blocked.body.message).toMatch(/cannot be closed: 1 operation\(s\) are not resolved or refused/);
		for (const t of ['assign', 'progress', 'resolve']) expect((await opStep(op.id, t)).status).toBe(200);
		expect((await reportStep(r.id, 'close')).body.state).toBe('CLOSED');
		const add = await env.api.post('/operations', { token: env.token, body: { report: r.id } });
		expect(add.status).toBe(400);
		expect(add.body.message).toMatch(/state CLOSED/);
	});

	test('operations: create, get, list, transitions valid/invalid, assign, delete', async () => {
		const r = await newReport();
		const created = await env.api.post('/operations', {
			token: env.token,
			body: { report: r.id, name: 'Réparer', description: 'Colonne' },
		});
		expect(created.status).toBe(201);
		const op = created.body;
		expect(op).toMatchObject({
			type: 'Operation',
			name: 'Réparer',
			description: 'Colonne',
			state: 'NEW',
			_embedded: { stateTransitions: ['assign'] },
		});
		expect(op._links.report).toEqual({ href: `/reports/${r.id}`, iriTemplate: { mapping: { report: r.id } } });
		expect(op._links.self.iriTemplate.mapping.operation).toBe(op.id);
		expect((await env.api.get(`/operations/${op.id}`, { token: env.token })).body.id).toBe(op.id);

		const list = (await env.api.get(`/reports/${r.id}/operations`, { token: env.token })).body;
		expect(list).toMatchObject({ total: 1, pages: 1 });
		expect((await env.api.get(`/organizations/${env.org}/operations`, { token: env.token })).body.total).toBe(1);
		expect(
			(await env.api.get(`/organizations/${env.org}/reports`, { token: env.token })).body._embedded.items[0]._embedded.tracking.progression,
		).toEqual({ resolved: 0, total: 1 });

		const bad = await opStep(op.id, 'resolve');
		expect(bad.status).toBe(400);
		expect(bad.body.message).toBe('Transition "resolve" is not allowed for this operation in state NEW. Allowed transitions: assign.');

		expect((await env.api.post(`/operations/${op.id}/assign`, { token: env.token, body: {} })).status).toBe(400);
		expect((await env.api.post(`/operations/${op.id}/assign`, { token: env.token, body: { member: 'nobody' } })).status).toBe(400);
		const assigned = await env.api.post(`/operations/${op.id}/assign`, {
			token: env.token,
			body: { member: env.emu.seed.organizations[0].membershipId },
		});
		expect(assigned.status).toBe(200);
		expect(assigned.body.state).toBe('ASSIGNED');
		expect(assigned.body._embedded.operator).toMatchObject({ type: 'Person', id: env.emu.seed.user.id });
		// re-assigning an assigned operation keeps its state
		expect(
			(await env.api.post(`/operations/${op.id}/assign`, { token: env.token, body: { member: env.emu.seed.user.id } })).body.state,
		).toBe('ASSIGNED');

		expect((await env.api.delete(`/operations/${op.id}`, { token: env.token })).status).toBe(204);
		expect((await env.api.get(`/operations/${op.id}`, { token: env.token })).status).toBe(404);
		expect((await env.api.delete(`/operations/${op.id}`, { token: env.token })).status).toBe(404);
	});

	test('validation and access: bad report body, unknown report, foreign organization', async () => {
		expect((await env.api.post('/reports', { token: env.token, body: { organization: env.org } })).status).toBe(400);
		expect(
			(await env.api.post('/reports', { token: env.token, body: { organization: env.emu.seed.foreignOrganization.id, description: 'x' } }))
				.status,
		).toBe(403);
		expect(
			(await env.api.post('/reports', { token: env.token, body: { organization: env.org, description: 'x', priority: 7 } })).status,
		).toBe(400);
		expect((await env.api.post('/operations', { token: env.token, body: { name: 'x' } })).status).toBe(400);
		expect((await env.api.post('/operations', { token: env.token, body: { report: '00000000-0000-4000-8000-000000000000' } })).status).toBe(
			404,
		);
		expect((await env.api.get('/reports/nope', { token: env.token })).status).toBe(404);
		expect((await env.api.get(`/organizations/${env.emu.seed.foreignOrganization.id}/reports`, { token: env.token })).status).toBe(403);
	});

	withFixtures('legacy serialization uses only properties of the legacy fixtures', async () => {
		const r = await newReport({ dueAt: '2025-01-01T00:00:00Z' });
		const op = (
			await env.api.post('/operations', { token: env.token, body: { report: r.id, name: 'x', scheduledAt: '2025-01-02T08:00:00+01:00' } })
		).body;
		const fr = fixture('report_created.json');
		const fo = fixture('operation_created.json');
		const subset = (ours, theirs) => expect(Object.keys(ours).filter((k) => !(k in theirs))).toEqual([]);
		subset(r, fr);
		subset(r._links, fr._links);
		subset(r._embedded, fr._embedded);
		subset(op, fo);
		subset(op._links, fo._links);
		subset(op._embedded, fo._embedded);
		subset(r._embedded.tracking, fr._embedded.tracking);
		subset(r._embedded.workflow.transitions[0], fr._embedded.workflow.transitions[0]);
		expect(r.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
	});
});

describe('emulator: 2025 payload shape and options', () => {
	const env = useEmulator({ options: { payloadEra: '2025', utcOffsetMinutes: 120 }, login: true, reset: false });

	test('no top-level state; workflow.state.reference and phase on reports; children operations', async () => {
		const org = env.emu.seed.organizations[1].id;
		const r = (await env.api.post('/reports', { token: env.token, body: { organization: org, description: 'Ascenseur', name: 'Panne' } }))
			.body;
		expect(r.state).toBeUndefined();
		expect(r._embedded.stateTransitions).toBeUndefined();
		expect(r.phase).toMatchObject({ type: 'WorkflowState', reference: 'NEW', name: 'Nouvelle' });
		expect(r._embedded.workflow.state.reference).toBe('NEW');
		expect(r._embedded.workflow.state.key).toBeUndefined();
		expect(r.priority).toMatchObject({ type: 'Priority', position: 2 });
		expect(r.createdAt).toMatch(/\+02:00$/);
		const op = (await env.api.post('/operations', { token: env.token, body: { report: r.id, name: 'Débloquer' } })).body;
		expect(op.state).toBeUndefined();
		expect(op._embedded.workflow.state.reference).toBe('NEW');
		expect(op._embedded.workflow.transitions.map((t) => t.description)).toEqual(['Transition « assign » de NEW vers ASSIGNED']);
		const after = (await env.api.post(`/reports/${r.id}/workflow`, { token: env.token, body: { transition: 'accept' } })).body;
		expect(after.phase.reference).toBe('ACCEPTED');
		expect(after._embedded.children.map((c) => c.id)).toEqual([op.id]);
		if (FIXTURES) {
			const fr = fixture('report_created.v2025-shape.json');
			expect(Object.keys(after).filter((k) => !(k in fr))).toEqual([]);
			const fo = fixture('operation_created.v2025-shape.json');
			expect(Object.keys(op).filter((k) => !(k in fo))).toEqual([]);
			expect(Object.keys(op._embedded).filter((k) => !(k in fo._embedded))).toEqual([]);
		}
	});

	test('custom state machines: an operation refuse transition lets the report close', async () => {
		const custom = await start({
			stateMachines: {
				operation: {
					initialState: 'NEW',
					states: ['NEW', 'REFUSED'],
					finalStates: ['REFUSED'],
					transitions: [{ name: 'refuse', from: 'NEW', to: 'REFUSED' }],
				},
			},
		});
		try {
			const org = custom.seed.organizations[0].id;
			const r = custom.createReport({ organization: org, description: 'x' });
			const op = custom.createOperation({ report: r.id });
			for (const t of ['accept', 'progress']) custom.transitionReport(r.id, t);
			expect(() => custom.transitionReport(r.id, 'close')).toThrow(/cannot be closed/);
			expect(custom.transitionOperation(op.id, 'refuse').state).toBe('REFUSED');
			expect(custom.transitionReport(r.id, 'close').state).toBe('CLOSED');
		} finally {
			await custom.close();
		}
	});

	test('unknown options are rejected', async () => {
		await expect(start({ eventName: 'snake' })).rejects.toThrow(/unknown option/);
		await expect(start({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
	});
});
