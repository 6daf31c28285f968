// The Keyclic node, operation by operation, against the Keyclic emulator: the request it sends and the items it outputs.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import { asResource } from '../../nodes/Keyclic/helpers/output';
import { bothEras, errorAgainst, keyclicGet, runAgainst } from './helpers/emulator';
import type { Emulator, SentRequest } from './helpers/emulator';
import { organizationLocator } from './helpers/hookContext';
import { executeContext } from './helpers/n8n';

const eras = bothEras({ resetEach: false });

const newReport = (on: Emulator = eras.emu, body: IDataObject = {}) =>
	on.createReport({ organization: on.seed.organizations[0].id, description: 'Fuite hall B', ...body });
const newOperation = (on: Emulator = eras.emu) => on.createOperation({ report: newReport(on).id, name: 'Réparer la fuite' });

/** Runs the node against the legacy emulator (or `on`): its output and the requests it sent. */
const run = async (params: Record<string, unknown>, on: Emulator = eras.emu) => await runAgainst(on, params);

describe('Keyclic node: reports', () => {
	it('Get: GET /reports/{id}, the report as Keyclic returns it, paired with its input', async () => {
		const { id } = newReport();
		const { sent, output } = await run({ resource: 'report', operation: 'get', reportId: id });
		expect(sent.map((r) => [r.method, r.url, r.credentialType])).toEqual([['GET', `${eras.emu.url}/reports/${id}`, 'keyclicApi']]);
		expect(output).toEqual([{ json: await keyclicGet(eras.emu, `/reports/${id}`), pairedItem: { item: 0 } }]);
	});

	it("Get with Simplify: the trigger's normalized fields, the raw report in payload (both payload eras)", async () => {
		for (const [on, organizationId] of [
			[eras.emu, '2cfb5108-682f-4648-85a1-0f15dbca0780'],
			[eras.modern, '50959713-c14e-4906-a96e-5f71704870ba'],
		] as const) {
			const { id } = on.createReport({ organization: organizationId, description: 'Fuite hall B' });
			const resource = await keyclicGet(on, `/reports/${id}`);
			const { output } = await run({ resource: 'report', operation: 'get', reportId: id, simplify: true }, on);
			expect(output[0].json).toMatchObject({
				resourceType: 'report',
				id,
				state: 'NEW',
				stateLabel: 'Nouvelle',
				createdAt: resource.createdAt,
				updatedAt: resource.updatedAt,
				organizationId,
				reportId: id,
				links: expect.objectContaining({ self: `/reports/${id}`, organization: `/organizations/${organizationId}` }),
				payload: resource,
			});
			expect(output[0].json).not.toHaveProperty('event');
		}
	});

	it('an answer that is not a report is an API error, not an item', async () => {
		// Keyclic answers GET /reports/{id} with a Report: the check every answer of Get goes through (asResource), given another shape
		const { context } = executeContext({ nodeType: new Keyclic() });
		let error: unknown;
		try {
			asResource(context, 'report', { type: 'Operation', id: newReport().id }, 'get the report');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('Could not get the report: unexpected answer from Keyclic');
	});

	it('Get Many: the organization from the list, the filters as Keyclic names them', async () => {
		const place = eras.emu.seed.places.find((p) => p.organizationId === eras.org)?.id ?? '';
		const categories = await keyclicGet(eras.emu, `/organizations/${eras.org}/categories`);
		const category = String(((categories._embedded as IDataObject).items as IDataObject[])[0].id);
		const report = newReport(eras.emu, { place, category, description: 'Une fuite au 3e' });
		newReport(eras.emu, { description: 'Une fuite ailleurs' });
		const { sent, output } = await run({
			resource: 'report',
			operation: 'getAll',
			organization: organizationLocator(eras.org),
			returnAll: false,
			limit: 5,
			filters: { state: 'NEW', place, category, query: ' fuite ', order: 'asc', after: '2025-01-01T00:00:00Z', before: '' },
		});
		expect(sent[0].qs).toEqual({
			state: 'NEW',
			place,
			category,
			query: 'fuite',
			order: 'asc',
			after: '2025-01-01T00:00:00.000Z',
			page: 1,
			limit: 5,
		});
		expect(output).toEqual([{ json: await keyclicGet(eras.emu, `/reports/${report.id}`), pairedItem: { item: 0 } }]);
	});

	it('Change State: POST /reports/{id}/workflow with the transition, comment and date', async () => {
		const report = newReport();
		const transitions = ((report._embedded as IDataObject).workflow as IDataObject).transitions as IDataObject[];
		const accept = String(transitions.find((t) => (t.to as IDataObject).key === 'ACCEPTED')?.id);
		const { sent, output } = await run({
			resource: 'report',
			operation: 'changeState',
			reportId: report.id,
			transition: { __rl: true, mode: 'list', value: accept },
			transitionOptions: { text: ' Pris en charge ', datetime: '2025-05-02T09:00:00+02:00' },
		});
		expect(sent[0].body).toEqual({
			transition: accept,
			text: 'Pris en charge',
			datetime: '2025-05-02T07:00:00.000Z',
		});
		expect(output[0].json.state).toBe('ACCEPTED');
	});

	it('Change State by ID sends exactly what was typed, and nothing optional when no option is set', async () => {
		const { sent } = await run({
			resource: 'report',
			operation: 'changeState',
			reportId: newReport().id,
			transition: { __rl: true, mode: 'id', value: 'accept' },
		});
		expect(sent[0].body).toEqual({ transition: 'accept' });
	});

	it('Update: PATCH /reports/{id}; an integer priority as a number, an id as a string, tags split, dueBy or dueAt', async () => {
		const base = { resource: 'report', operation: 'update', reportId: newReport().id };
		const { sent } = await run({
			...base,
			updateFields: {
				description: 'Fuite réparée',
				priority: '1',
				tags: 'plomberie, , urgent',
				dueDate: '2025-06-01T08:00:00Z',
				identificationNumber: 'X-1',
			},
		});
		expect(sent[0].body).toEqual({
			description: 'Fuite réparée',
			identificationNumber: 'X-1',
			priority: 1,
			tags: ['plomberie', 'urgent'],
			dueBy: '2025-06-01T08:00:00.000Z',
		});
		// a Priority id (s25's Priority objects; the emulator takes one in both eras)
		const priority = String((newReport(eras.modern).priority as IDataObject).id);
		const legacy = await run({ ...base, updateFields: { priority, dueDate: '2025-06-01T08:00:00Z', dueDateField: 'dueAt' } });
		expect(legacy.sent[0].body).toEqual({ priority, dueAt: '2025-06-01T08:00:00.000Z' });
	});
});

describe('Keyclic node: operations', () => {
	it('Create: POST /operations for the report, with the optional fields given', async () => {
		const REPORT = newReport().id;
		const { sent, output } = await run({
			resource: 'operation',
			operation: 'create',
			reportId: REPORT,
			name: ' Changer le disjoncteur ',
			additionalFields: { description: 'Tableau du hall', identificationNumber: '', scheduledAt: '2025-05-03T08:00:00Z' },
		});
		expect(sent[0].body).toEqual({
			report: REPORT,
			name: 'Changer le disjoncteur',
			description: 'Tableau du hall',
			scheduledAt: '2025-05-03T08:00:00.000Z',
		});
		expect(output).toEqual([{ json: await keyclicGet(eras.emu, `/operations/${String(output[0].json.id)}`), pairedItem: { item: 0 } }]);
	});

	it("Get and Simplify: reportId comes from the operation's report link", async () => {
		const report = newReport();
		const { id: OPERATION } = eras.emu.createOperation({ report: report.id, name: 'Réparer' });
		const { sent, output } = await run({ resource: 'operation', operation: 'get', operationId: OPERATION, simplify: true });
		expect(sent[0].path).toBe(`/operations/${OPERATION}`);
		const operation = await keyclicGet(eras.emu, `/operations/${OPERATION}`);
		expect(output[0].json).toMatchObject({ resourceType: 'operation', id: OPERATION, reportId: report.id, payload: operation });
		expect(output[0].json.reportId).not.toBe(OPERATION);
	});

	it('Get Many of a report and of an organization', async () => {
		const REPORT = newReport().id;
		const { id: OPERATION } = eras.emu.createOperation({ report: REPORT, name: 'Assignée' });
		eras.emu.createOperation({ report: REPORT, name: 'Nouvelle' });
		eras.emu.assignOperation(OPERATION, eras.emu.seed.technician.membershipId);
		const ofReport = await run({
			resource: 'operation',
			operation: 'getAll',
			listOf: 'report',
			reportId: REPORT,
			returnAll: true,
			filters: { state: 'ASSIGNED' },
		});
		expect(ofReport.sent[0].qs).toEqual({ state: 'ASSIGNED', page: 1, limit: 100 });
		expect(ofReport.output.map((o) => o.json.id)).toEqual([OPERATION]);
		const ofOrganization = await run({
			resource: 'operation',
			operation: 'getAll',
			listOf: 'organization',
			organization: { __rl: true, mode: 'id', value: eras.org },
			returnAll: true,
		});
		expect(ofOrganization.sent[0].path).toBe(`/organizations/${eras.org}/operations`);
		expect(ofOrganization.output.map((o) => o.json.id)).toContain(OPERATION);
	});

	it('Update: PATCH /operations/{id} with the fields given only', async () => {
		const { sent, output } = await run({
			resource: 'operation',
			operation: 'update',
			operationId: newOperation().id,
			updateFields: { name: 'Remplacer le joint', scheduledAt: '2025-05-02T09:00:00Z' },
		});
		expect(output[0].json.name).toBe('Remplacer le joint');
		expect(sent[0].body).toEqual({ name: 'Remplacer le joint', scheduledAt: '2025-05-02T09:00:00.000Z' });
	});

	it('Assign: POST /operations/{id}/assign {member}', async () => {
		const MEMBER = eras.emu.seed.technician.membershipId;
		const { sent, output } = await run({
			resource: 'operation',
			operation: 'assign',
			operationId: newOperation().id,
			member: { __rl: true, mode: 'list', value: MEMBER },
		});
		expect(sent[0].body).toEqual({ member: MEMBER });
		expect(output[0].json.state).toBe('ASSIGNED');
	});

	it('Change State: POST /operations/{id}/workflow', async () => {
		const { id } = newOperation();
		eras.emu.assignOperation(id);
		const { sent, output } = await run({
			resource: 'operation',
			operation: 'changeState',
			operationId: id,
			transition: { __rl: true, mode: 'id', value: 'progress' },
		});
		expect(sent[0].body).toEqual({ transition: 'progress' });
		expect(output[0].json.state).toBe('IN_PROGRESS');
	});

	it('Add Comment: POST /operations/{id}/comments {text} (type only when chosen); outputs the operation', async () => {
		const { id: OPERATION } = newOperation();
		const plain = await run({ resource: 'operation', operation: 'addComment', operationId: OPERATION, text: 'Passage lundi' });
		expect(plain.sent[0].body).toEqual({ text: 'Passage lundi' });
		expect(plain.output[0].json.id).toBe(OPERATION);
		const reminder = await run({
			resource: 'operation',
			operation: 'addComment',
			operationId: OPERATION,
			text: 'Relance',
			commentOptions: { type: 'Reminder' },
		});
		expect(reminder.sent[0].body).toEqual({ text: 'Relance', type: 'Reminder' });
	});

	it('Delete: DELETE /operations/{id}; outputs {id, deleted: true}', async () => {
		const { id: OPERATION } = newOperation();
		const { sent, output } = await run({ resource: 'operation', operation: 'delete', operationId: OPERATION });
		expect(sent.map((r) => [r.method, r.path])).toEqual([['DELETE', `/operations/${OPERATION}`]]);
		expect((await fetch(`${eras.emu.url}/operations/${OPERATION}`, { headers: eras.emu.authHeaders() })).status).toBe(404);
		expect(output).toEqual([{ json: { id: OPERATION, deleted: true }, pairedItem: { item: 0 } }]);
	});
});

describe('Keyclic node: organizations', () => {
	it('Get Many: GET /organizations, one item per organization', async () => {
		const listed = await keyclicGet(eras.emu, '/organizations?page=1&limit=100');
		const orgs = (listed._embedded as IDataObject).items as IDataObject[];
		expect(orgs.map((o) => o.id)).toEqual(eras.emu.seed.organizations.map((o) => o.id));
		const { sent, output } = await run({ resource: 'organization', operation: 'getAll', returnAll: true });
		expect(sent[0].qs).toEqual({ page: 1, limit: 100 });
		expect(output.map((o) => o.json)).toEqual(orgs);
	});
});

describe('Keyclic node: bad input is refused before any call, naming the parameter', () => {
	// well-formed ids (nothing is asked of Keyclic)
	const REPORT = '0f8d2c4e-6a1b-4c3d-9e5f-7a8b9c0d1e2f';
	const OPERATION = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
	const cases: Array<[string, Record<string, unknown>, RegExp]> = [
		['malformed report id', { resource: 'report', operation: 'get', reportId: 'abc' }, /"Report ID" parameter is not a Keyclic ID: "abc"/],
		['empty operation id', { resource: 'operation', operation: 'delete', operationId: '' }, /"Operation ID" parameter is empty/],
		[
			'blank comment',
			{ resource: 'operation', operation: 'addComment', operationId: OPERATION, text: '   ' },
			/"Comment" parameter is empty/,
		],
		['empty update', { resource: 'report', operation: 'update', reportId: REPORT, updateFields: {} }, /"Update Fields" parameter is empty/],
		[
			'no transition',
			{ resource: 'report', operation: 'changeState', reportId: REPORT, transition: { __rl: true, mode: 'list', value: '' } },
			/"Transition" parameter is empty/,
		],
		[
			'bad date',
			{ resource: 'operation', operation: 'create', reportId: REPORT, name: 'x', additionalFields: { scheduledAt: 'tomorrow' } },
			/"Scheduled Date" parameter is not a date/,
		],
		[
			'member not an id',
			{ resource: 'operation', operation: 'assign', operationId: OPERATION, member: { __rl: true, mode: 'id', value: 'Sam' } },
			/"Member" parameter is not a Keyclic ID/,
		],
		['no operation name', { resource: 'operation', operation: 'create', reportId: REPORT, name: '' }, /"Name" parameter is empty/],
		[
			'no organization',
			{ resource: 'report', operation: 'getAll', organization: { __rl: true, mode: 'list', value: '' }, returnAll: true },
			/"Organization" parameter is empty/,
		],
	];
	it.each(cases)('%s', async (_, params, message) => {
		const sent: SentRequest[] = [];
		const error = await errorAgainst(eras.emu, params, [{ input: 0 }, { input: 1 }], { sent });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(message);
		expect(error.description).toEqual(expect.any(String));
		expect(error.context?.itemIndex).toBe(0);
		expect(sent).toEqual([]);
	});
});
