// Ticket (Get, Get Many, Update, Get Transitions) through Keyclic's Tickets API ("v3"), in n8n-core's real contexts
// against the in-process emulator: both eras (the legacy API has no /tickets), both readings of the token (the login's, or
// the one /auth/token gives for its idToken) and both readings of the host (the Base URL, or a Tickets API URL).
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { bothEras, errorAgainst, keyclicGet, runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator, SentRequest } from './helpers/emulator';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const eras = bothEras();

const ticketParams = (emu: Emulator, operation: string, extra: IDataObject = {}) => ({
	resource: 'ticket',
	operation,
	organization: byId(emu.seed.organizations[0].id),
	...extra,
});

/** The Tickets API calls among the requests sent (not the login or the exchange). */
const ticketCalls = (sent: SentRequest[]) => sent.filter((r) => r.path.startsWith('/tickets'));

describe('Ticket resource, 2025 API', () => {
	it('Get Many: the filters as the Tickets API names them, X-Organization-Id, every page with Return All', async () => {
		const emu = eras.modern;
		for (let i = 0; i < 60; i++) emu.createReport({ organization: eras.org, description: `Fuite ${i}` });
		const { output, sent } = await runAgainst(
			emu,
			ticketParams(emu, 'getAll', {
				returnAll: true,
				filters: { updatedAfter: '2025-05-01T07:00:00Z', createdBefore: '2025-05-01T09:00:00Z', archived: false, states: ' , ' },
				sort: 'updatedAt:asc',
			}),
		);
		expect(output).toHaveLength(60);
		expect(output[0].json).toMatchObject({ description: 'Fuite 0', _embedded: { state: { reference: 'NEW' } } });
		const calls = ticketCalls(sent);
		expect(calls.map((r) => r.query)).toEqual(
			[1, 2].map((page) => ({
				'updatedAt[after]': '2025-05-01T07:00:00.000Z',
				'createdAt[before]': '2025-05-01T09:00:00.000Z',
				archived: 'false',
				'order[updatedAt]': 'asc',
				page: String(page),
				limit: '50',
			})),
		);
		expect(calls[0].headers).toMatchObject({ 'X-Organization-Id': eras.org, Authorization: expect.stringMatching(/^Bearer /) });
	});

	it('Get Many: Limit stops early; state[] and phase[] are sent as lists and kept by Keyclic', async () => {
		const emu = eras.modern;
		const a = emu.createReport({ organization: eras.org, description: 'a' });
		emu.createReport({ organization: eras.org, description: 'b' });
		emu.transitionReport(a.id, 'accept');
		const accepted = String(
			(a._embedded as IDataObject & { workflow: { transitions: Array<{ to: { id: string } }> } }).workflow.transitions[0].to.id,
		);
		const { output, sent } = await runAgainst(emu, ticketParams(emu, 'getAll', { limit: 5, filters: { states: `${accepted}, other` } }));
		expect(output.map((item) => item.json.id)).toEqual([a.id]);
		expect(ticketCalls(sent)[0].search).toEqual([
			['state[]', accepted],
			['state[]', 'other'],
			['page', '1'],
			['limit', '5'],
		]);
	});

	it('Get, Update (merge-patch: the v2 routes see the change) and Get Transitions', async () => {
		const emu = eras.modern;
		const report = emu.createReport({ organization: eras.org, description: 'Fuite' });
		const got = await runAgainst(emu, ticketParams(emu, 'get', { ticketId: report.id }));
		expect(got.output).toEqual([{ json: expect.objectContaining({ id: report.id, description: 'Fuite' }), pairedItem: { item: 0 } }]);

		const category = emu.addCategory({ organizationId: eras.org, name: 'Toiture' }).id;
		const updated = await runAgainst(
			emu,
			ticketParams(emu, 'update', {
				ticketId: report.id,
				updateFields: { name: 'Fuite hall B', tags: 'eau, urgent', category, archived: true },
			}),
		);
		expect(updated.sent[0]).toMatchObject({
			method: 'PATCH',
			headers: expect.objectContaining({ 'Content-Type': 'application/merge-patch+json' }),
		});
		expect(updated.sent[0].body).toEqual({
			name: 'Fuite hall B',
			tags: ['eau', 'urgent'],
			category: `/categories/${category}`,
			archived: true,
		});
		expect(updated.output[0].json).toMatchObject({ name: 'Fuite hall B', archived: true, _embedded: { category: { id: category } } });
		expect(await keyclicGet(emu, `/reports/${report.id}`)).toMatchObject({ name: 'Fuite hall B', tags: ['eau', 'urgent'], archived: true });

		const transitions = await runAgainst(emu, ticketParams(emu, 'getTransitions', { ticketId: report.id }));
		expect(transitions.output.map((item) => (item.json._embedded as { to: { reference: string } }).to.reference)).toEqual([
			'ACCEPTED',
			'REFUSED',
		]);
	});

	it('Update with no field refuses before any call; an unknown ticket is a 404 that does not blame the API', async () => {
		const emu = eras.modern;
		const empty = await errorAgainst(
			emu,
			ticketParams(emu, 'update', { ticketId: '00000000-0000-4000-8000-000000000000', updateFields: {} }),
		);
		expect(empty.message).toMatch(/Update Fields/);
		const unknown = await errorAgainst(emu, ticketParams(emu, 'get', { ticketId: '00000000-0000-4000-8000-000000000000' }));
		expect(unknown).not.toBeInstanceOf(NodeOperationError);
		expect(unknown.httpCode).toBe('404');
	});
});

describe('Ticket resource, legacy API (no /tickets)', () => {
	it.each([
		['getAll', 'Get Many', 'GET /tickets', {}],
		['get', 'Get', 'GET /tickets/{identifier}', { ticketId: '00000000-0000-4000-8000-000000000000' }],
		['update', 'Update', 'PATCH /tickets/{identifier}', { ticketId: '00000000-0000-4000-8000-000000000000', updateFields: { name: 'x' } }],
		[
			'getTransitions',
			'Get Transitions',
			'GET /tickets/{identifier}/workflow-transitions',
			{ ticketId: '00000000-0000-4000-8000-000000000000' },
		],
	])('%s: a NodeOperationError naming the route and the API versions that have it', async (operation, label, route, extra) => {
		const error = await errorAgainst(eras.emu, ticketParams(eras.emu, operation, { returnAll: true, ...extra }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			`Ticket → ${label} is not in your Keyclic API: ${route} exists in the 2025 OpenAPI 3 ("v3") Tickets API only (Keyclic API 2.75 of 2025), not in Keyclic API 1.28 (2018) to 2.13 (2021)`,
		);
		expect(error.description).toMatch(/Use the Report and Operation resources/);
	});
});

describe('the two token readings and the two host readings', () => {
	let exchange: Emulator;
	let separate: Emulator;
	beforeAll(async () => {
		exchange = await startEmulator({ payloadEra: '2025', ticketsToken: 'exchange' });
		separate = await startEmulator({ payloadEra: '2025', ticketsHost: 'separate' });
	});
	afterAll(async () => {
		await exchange.close();
		await separate.close();
	});

	it('login token accepted: n8n logs in, the exchange is refused, the login token goes to /tickets', async () => {
		const emu = eras.modern;
		emu.createReport({ organization: eras.org, description: 'x' });
		const { output, sent } = await runAgainst(emu, ticketParams(emu, 'getAll', { returnAll: true }), [{}], {
			credential: { accessToken: '' },
		});
		expect(output).toHaveLength(1);
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /security/login', 'POST /auth/token', 'GET /tickets']);
		expect(sent[2].headers.Authorization).toBe(`Bearer ${String((sent[0].answer as IDataObject).accessToken)}`);
	});

	it('exchange needed: the credential exchanges the idToken at /auth/token and sends that token', async () => {
		const org = exchange.seed.organizations[0].id;
		exchange.createReport({ organization: org, description: 'x' });
		const { output, sent } = await runAgainst(exchange, ticketParams(exchange, 'getAll', { returnAll: true }), [{}], {
			credential: { accessToken: '' },
		});
		expect(output).toHaveLength(1);
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /security/login', 'POST /auth/token', 'GET /tickets']);
		const login = sent[0].answer as IDataObject;
		expect(sent[1].body).toEqual({ grantType: 'external_auth', idToken: login.idToken });
		expect(sent[2].headers.Authorization).toBe(`Bearer ${String((sent[1].answer as IDataObject).accessToken)}`);
	});

	it('exchange needed, with a login token kept from before: the 401 makes n8n log in again, which exchanges, then the call succeeds', async () => {
		const { output, sent } = await runAgainst(exchange, ticketParams(exchange, 'getAll', { limit: 1 }));
		expect(output.length).toBeGreaterThanOrEqual(0);
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /tickets', 'POST /security/login', 'POST /auth/token', 'GET /tickets']);
	});

	it("Tickets API on its own host: the credential's Tickets API URL is used; without it, the error names the Tickets API", async () => {
		const org = separate.seed.organizations[0].id;
		separate.createReport({ organization: org, description: 'x' });
		const { output, sent } = await runAgainst(separate, ticketParams(separate, 'getAll', { returnAll: true }), [{}], {
			credential: { ticketsBaseUrl: `${separate.ticketsUrl}/` },
		});
		expect(output).toHaveLength(1);
		expect(sent[0].url).toBe(`${separate.ticketsUrl}/tickets`);
		const error = await errorAgainst(separate, ticketParams(separate, 'getAll', { returnAll: true }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toMatch(/Tickets API URL/);
	});
});
