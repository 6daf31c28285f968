// The Keyclic node, operation by operation: the request it sends and the items it outputs.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { API_BASE_URL, FakeKeyclicApi } from './helpers/keyclicApi';
import { ORG, nodeError, runNode } from './helpers/executeContext';
import { organizationLocator } from './helpers/hookContext';
import { examplePayload as readPayload } from '../support/examples';

const report = readPayload('report_created.json');
const report2025 = readPayload('report_created.v2025-shape.json');
const operation = readPayload('operation_created.json');
const REPORT = String(report.id);
const OPERATION = String(operation.id);
const MEMBER = '1e7c9a5b-2f3d-4b86-a0e4-7d9f1b2c3e5a';
const PLACE = '0c4a8e2d-7b91-4f3c-a5d6-e8f9a0b1c2d3';
const CATEGORY = '4a6c8e0f-1b3d-4f5a-9c7e-0d2f4a6c8e01';

/** A run whose API answers `method path` with `answer` (the request is recorded). */
async function run(params: Record<string, unknown>, method: string, path: string | RegExp, answer: unknown) {
	const api = new FakeKeyclicApi();
	api.intercept(method, path, () => JSON.parse(JSON.stringify(answer)) as unknown);
	return await runNode({ params, api });
}

describe('Keyclic node: reports', () => {
	it('Get: GET /reports/{id}, the report as Keyclic returns it, paired with its input', async () => {
		const { api, output } = await run({ resource: 'report', operation: 'get', reportId: REPORT }, 'GET', `/reports/${REPORT}`, report);
		expect(api.requests.map((r) => [r.method, r.url, r.credentialType])).toEqual([
			['GET', `${API_BASE_URL}/reports/${REPORT}`, 'keyclicApi'],
		]);
		expect(output).toEqual([{ json: report, pairedItem: { item: 0 } }]);
	});

	it("Get with Simplify: the trigger's normalized fields, the raw report in payload (both payload eras)", async () => {
		const eras: Array<[IDataObject, string]> = [
			[report, '2cfb5108-682f-4648-85a1-0f15dbca0780'],
			[report2025, '50959713-c14e-4906-a96e-5f71704870ba'],
		];
		for (const [resource, organizationId] of eras) {
			const id = String(resource.id);
			const { output } = await run(
				{ resource: 'report', operation: 'get', reportId: id, simplify: true },
				'GET',
				`/reports/${id}`,
				resource,
			);
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
		const error = await run({ resource: 'report', operation: 'get', reportId: REPORT }, 'GET', `/reports/${REPORT}`, {
			type: 'Operation',
			id: REPORT,
		}).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('Could not get the report: unexpected answer from Keyclic');
	});

	it('Get Many: the organization from the list, the filters as Keyclic names them (Place from its list, Category as a plain ID)', async () => {
		const { api, output } = await run(
			{
				resource: 'report',
				operation: 'getAll',
				organization: organizationLocator(ORG),
				returnAll: false,
				limit: 5,
				filters: {
					state: 'NEW',
					place: { __rl: true, mode: 'list', value: PLACE },
					category: ` ${CATEGORY} `,
					query: ' fuite ',
					order: 'asc',
					after: '2025-01-01T00:00:00Z',
					before: '',
				},
			},
			'GET',
			`/organizations/${ORG}/reports`,
			{ page: 1, pages: 1, _embedded: { items: [report] } },
		);
		expect(api.requests[0].qs).toEqual({
			state: 'NEW',
			place: PLACE,
			category: CATEGORY,
			query: 'fuite',
			order: 'asc',
			after: '2025-01-01T00:00:00.000Z',
			page: 1,
			limit: 5,
		});
		expect(output).toEqual([{ json: report, pairedItem: { item: 0 } }]);
	});

	it('Change State: POST /reports/{id}/workflow with the transition, comment and date', async () => {
		const { api, output } = await run(
			{
				resource: 'report',
				operation: 'changeState',
				reportId: REPORT,
				transition: { __rl: true, mode: 'list', value: '5b5800d6-3b29-4b2f-a60a-1c66c07af5ef' },
				transitionOptions: { text: ' Pris en charge ', datetime: '2025-05-02T09:00:00+02:00' },
			},
			'POST',
			`/reports/${REPORT}/workflow`,
			{ ...report, state: 'ACCEPTED' },
		);
		expect(api.requests[0].body).toEqual({
			transition: '5b5800d6-3b29-4b2f-a60a-1c66c07af5ef',
			text: 'Pris en charge',
			datetime: '2025-05-02T07:00:00.000Z',
		});
		expect(output[0].json.state).toBe('ACCEPTED');
	});

	it('Change State by ID sends exactly what was typed, and nothing optional when no option is set', async () => {
		const { api } = await run(
			{ resource: 'report', operation: 'changeState', reportId: REPORT, transition: { __rl: true, mode: 'id', value: 'accept' } },
			'POST',
			`/reports/${REPORT}/workflow`,
			report,
		);
		expect(api.requests[0].body).toEqual({ transition: 'accept' });
	});

	it('Update: PATCH /reports/{id}; an integer priority as a number, an id as a string, tags split, dueBy or dueAt', async () => {
		const base = { resource: 'report', operation: 'update', reportId: REPORT };
		const { api } = await run(
			{
				...base,
				updateFields: {
					description: 'Fuite réparée',
					priority: '1',
					tags: 'plomberie, , urgent',
					dueDate: '2025-06-01T08:00:00Z',
					identificationNumber: 'X-1',
				},
			},
			'PATCH',
			`/reports/${REPORT}`,
			report,
		);
		expect(api.requests[0].body).toEqual({
			description: 'Fuite réparée',
			identificationNumber: 'X-1',
			priority: 1,
			tags: ['plomberie', 'urgent'],
			dueBy: '2025-06-01T08:00:00.000Z',
		});
		const legacy = await run(
			{
				...base,
				updateFields: { priority: 'b4a3d2c1-0000-4000-8000-000000000001', dueDate: '2025-06-01T08:00:00Z', dueDateField: 'dueAt' },
			},
			'PATCH',
			`/reports/${REPORT}`,
			report,
		);
		expect(legacy.api.requests[0].body).toEqual({ priority: 'b4a3d2c1-0000-4000-8000-000000000001', dueAt: '2025-06-01T08:00:00.000Z' });
	});
});

describe('Keyclic node: operations', () => {
	it('Create: POST /operations for the report, with the optional fields given', async () => {
		const { api, output } = await run(
			{
				resource: 'operation',
				operation: 'create',
				reportId: REPORT,
				name: ' Changer le disjoncteur ',
				additionalFields: { description: 'Tableau du hall', identificationNumber: '', scheduledAt: '2025-05-03T08:00:00Z' },
			},
			'POST',
			'/operations',
			operation,
		);
		expect(api.requests[0].body).toEqual({
			report: REPORT,
			name: 'Changer le disjoncteur',
			description: 'Tableau du hall',
			scheduledAt: '2025-05-03T08:00:00.000Z',
		});
		expect(output).toEqual([{ json: operation, pairedItem: { item: 0 } }]);
	});

	it("Get and Simplify: reportId comes from the operation's report link", async () => {
		const { api, output } = await run(
			{ resource: 'operation', operation: 'get', operationId: OPERATION, simplify: true },
			'GET',
			`/operations/${OPERATION}`,
			operation,
		);
		expect(api.requests[0].path).toBe(`/operations/${OPERATION}`);
		expect(output[0].json).toMatchObject({ resourceType: 'operation', id: OPERATION, reportId: expect.any(String), payload: operation });
		expect(output[0].json.reportId).not.toBe(OPERATION);
	});

	it('Get Many of a report and of an organization', async () => {
		const page = { page: 1, pages: 1, _embedded: { items: [operation] } };
		const ofReport = await run(
			{ resource: 'operation', operation: 'getAll', listOf: 'report', reportId: REPORT, returnAll: true, filters: { state: 'ASSIGNED' } },
			'GET',
			`/reports/${REPORT}/operations`,
			page,
		);
		expect(ofReport.api.requests[0].qs).toEqual({ state: 'ASSIGNED', page: 1, limit: 100 });
		expect(ofReport.output.map((o) => o.json.id)).toEqual([OPERATION]);
		const ofOrganization = await run(
			{
				resource: 'operation',
				operation: 'getAll',
				listOf: 'organization',
				organization: { __rl: true, mode: 'id', value: ORG },
				returnAll: true,
			},
			'GET',
			`/organizations/${ORG}/operations`,
			page,
		);
		expect(ofOrganization.api.requests[0].path).toBe(`/organizations/${ORG}/operations`);
	});

	it('Update: PATCH /operations/{id} with the fields given only', async () => {
		const { api } = await run(
			{
				resource: 'operation',
				operation: 'update',
				operationId: OPERATION,
				updateFields: { name: 'Remplacer le joint', scheduledAt: '2025-05-02T09:00:00Z' },
			},
			'PATCH',
			`/operations/${OPERATION}`,
			operation,
		);
		expect(api.requests[0].body).toEqual({ name: 'Remplacer le joint', scheduledAt: '2025-05-02T09:00:00.000Z' });
	});

	it('Assign: POST /operations/{id}/assign {member}', async () => {
		const { api, output } = await run(
			{ resource: 'operation', operation: 'assign', operationId: OPERATION, member: { __rl: true, mode: 'list', value: MEMBER } },
			'POST',
			`/operations/${OPERATION}/assign`,
			{ ...operation, state: 'ASSIGNED' },
		);
		expect(api.requests[0].body).toEqual({ member: MEMBER });
		expect(output[0].json.state).toBe('ASSIGNED');
	});

	it('Change State: POST /operations/{id}/workflow', async () => {
		const { api } = await run(
			{
				resource: 'operation',
				operation: 'changeState',
				operationId: OPERATION,
				transition: { __rl: true, mode: 'id', value: 'progress' },
			},
			'POST',
			`/operations/${OPERATION}/workflow`,
			operation,
		);
		expect(api.requests[0].body).toEqual({ transition: 'progress' });
	});

	it('Add Comment: POST /operations/{id}/comments {text} (type only when chosen); outputs the operation', async () => {
		const plain = await run(
			{ resource: 'operation', operation: 'addComment', operationId: OPERATION, text: 'Passage lundi' },
			'POST',
			`/operations/${OPERATION}/comments`,
			operation,
		);
		expect(plain.api.requests[0].body).toEqual({ text: 'Passage lundi' });
		expect(plain.output[0].json.id).toBe(OPERATION);
		const reminder = await run(
			{ resource: 'operation', operation: 'addComment', operationId: OPERATION, text: 'Relance', commentOptions: { type: 'Reminder' } },
			'POST',
			`/operations/${OPERATION}/comments`,
			operation,
		);
		expect(reminder.api.requests[0].body).toEqual({ text: 'Relance', type: 'Reminder' });
	});

	it('Delete: DELETE /operations/{id}; outputs {id, deleted: true}', async () => {
		const { api, output } = await run(
			{ resource: 'operation', operation: 'delete', operationId: OPERATION },
			'DELETE',
			`/operations/${OPERATION}`,
			'',
		);
		expect(api.requests.map((r) => [r.method, r.path])).toEqual([['DELETE', `/operations/${OPERATION}`]]);
		expect(output).toEqual([{ json: { id: OPERATION, deleted: true }, pairedItem: { item: 0 } }]);
	});
});

describe('Keyclic node: organizations', () => {
	it('Get Many: GET /organizations, one item per organization', async () => {
		const orgs: IDataObject[] = [
			{ type: 'Organization', id: ORG, name: 'Bailleur Démo Lyon' },
			{ type: 'Organization', id: '50959713-c14e-4906-a96e-5f71704870ba', name: 'Syndic Démo' },
		];
		const { api, output } = await run({ resource: 'organization', operation: 'getAll', returnAll: true }, 'GET', '/organizations', {
			page: 1,
			pages: 1,
			_embedded: { items: orgs },
		});
		expect(api.requests[0].qs).toEqual({ page: 1, limit: 100 });
		expect(output.map((o) => o.json)).toEqual(orgs);
	});
});

describe('Keyclic node: bad input is refused before any call, naming the parameter', () => {
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
		const api = new FakeKeyclicApi();
		const error = await nodeError({ params, items: 2, api });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(message);
		expect(error.description).toEqual(expect.any(String));
		expect(error.context?.itemIndex).toBe(0);
		expect(api.requests).toEqual([]);
	});
});
