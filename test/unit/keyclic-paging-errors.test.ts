// The Keyclic node: HAL paging (Return All / Limit), pairedItem, both Keyclic error formats, Continue On Fail,
// and the list searches of the editor (transitions, members).
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { searchMembers, searchOperationTransitions, searchReportTransitions } from '../../nodes/Keyclic/methods/listSearch';
import { examplePayload } from '../support/examples';
import { ORG, createLoadOptionsContext, keyclicAnswer, nodeError, runNode } from './helpers/executeContext';
import { organizationLocator } from './helpers/hookContext';
import { FakeKeyclicApi, halPage } from './helpers/keyclicApi';

const report = examplePayload('report_created.json');
const operation = examplePayload('operation_created.json');
const REPORT = String(report.id);
const OPERATION = String(operation.id);

/** `count` distinct reports (ids are UUIDs, as the node's output schema wants). */
function reports(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ ...report, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
}

/** A Keyclic API whose organization has `count` reports, served page by page. */
function apiWithReports(count: number): FakeKeyclicApi {
	const api = new FakeKeyclicApi();
	const all = reports(count);
	api.intercept('GET', `/organizations/${ORG}/reports`, (request) => halPage(all, request.qs));
	return api;
}

const listReports = (extra: IDataObject) => ({ resource: 'report', operation: 'getAll', organization: organizationLocator(ORG), ...extra });

describe('Keyclic node: paging', () => {
	it('0 items: one request, no output item', async () => {
		const { api, output } = await runNode({ params: listReports({ returnAll: true }), api: apiWithReports(0) });
		expect(api.requests.map((r) => r.qs)).toEqual([{ page: 1, limit: 100 }]);
		expect(output).toEqual([]);
	});

	it('exactly one full page: Return All asks once', async () => {
		const { api, output } = await runNode({ params: listReports({ returnAll: true }), api: apiWithReports(100) });
		expect(api.requests.map((r) => r.qs)).toEqual([{ page: 1, limit: 100 }]);
		expect(output).toHaveLength(100);
	});

	it('Return All walks every page, 100 per page, in order', async () => {
		const { api, output } = await runNode({ params: listReports({ returnAll: true }), api: apiWithReports(250) });
		expect(api.requests.map((r) => r.qs)).toEqual([
			{ page: 1, limit: 100 },
			{ page: 2, limit: 100 },
			{ page: 3, limit: 100 },
		]);
		expect(output.map((o) => o.json.id)).toEqual(reports(250).map((r) => r.id));
	});

	it('a Limit below 100 asks for that many, once', async () => {
		const { api, output } = await runNode({ params: listReports({ returnAll: false, limit: 7 }), api: apiWithReports(250) });
		expect(api.requests.map((r) => r.qs)).toEqual([{ page: 1, limit: 7 }]);
		expect(output).toHaveLength(7);
	});

	it('a Limit in the middle of a page stops there (150 of 250: two pages, the second cut)', async () => {
		const { api, output } = await runNode({ params: listReports({ returnAll: false, limit: 150 }), api: apiWithReports(250) });
		expect(api.requests.map((r) => r.qs)).toEqual([
			{ page: 1, limit: 100 },
			{ page: 2, limit: 100 },
		]);
		expect(output.map((o) => o.json.id)).toEqual(reports(150).map((r) => r.id));
	});

	it('a Limit above the total returns what exists', async () => {
		const { output } = await runNode({ params: listReports({ returnAll: false, limit: 500 }), api: apiWithReports(3) });
		expect(output).toHaveLength(3);
	});

	it('each output item is paired with the input item it came from', async () => {
		const { output } = await runNode({ params: listReports({ returnAll: true }), api: apiWithReports(2), items: 3 });
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }, { item: 2 }, { item: 2 }]);
	});
});

const VND_400 = {
	message: 'Transition "close" is not allowed for this report in state NEW. Allowed transitions: accept, refuse.',
	total: 1,
	_embedded: {
		errors: [
			{
				message: 'Transition "close" is not allowed for this report in state NEW. Allowed transitions: accept, refuse.',
				path: 'transition',
			},
		],
	},
};

const PROBLEM_400 = {
	type: 'https://tools.ietf.org/html/rfc2616#section-10',
	title: 'Bad Request',
	status: 400,
	detail: 'name: This value should not be blank. description: This value is too long.',
	_embedded: {
		errors: [
			{ title: 'Bad Request', detail: 'This value should not be blank.', path: 'name' },
			{ title: 'Bad Request', detail: 'This value is too long.', path: 'description' },
		],
	},
};

const changeStateParams = {
	resource: 'report',
	operation: 'changeState',
	reportId: REPORT,
	transition: { __rl: true, mode: 'id', value: 'close' },
};

function failing(method: string, path: string, error: Error): FakeKeyclicApi {
	const api = new FakeKeyclicApi();
	api.intercept(method, path, () => {
		throw error;
	});
	return api;
}

describe('Keyclic node: Keyclic errors', () => {
	it("vnd.error: NodeApiError with the item index, the HTTP status and Keyclic's words", async () => {
		const api = failing('POST', `/reports/${REPORT}/workflow`, keyclicAnswer(400, VND_400));
		const error = await nodeError({ params: changeStateParams, api });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Could not change the state of the report: Bad request - please check your parameters');
		expect(error.httpCode).toBe('400');
		expect(error.context?.itemIndex).toBe(0);
		expect(error.description).toBe(
			'Keyclic says: Transition "close" is not allowed for this report in state NEW. Allowed transitions: accept, refuse. Correct what Keyclic names and try again.',
		);
	});

	it('problem format: the detail and every field error', async () => {
		const api = failing('PATCH', `/operations/${OPERATION}`, keyclicAnswer(400, PROBLEM_400));
		const error = await nodeError({
			params: { resource: 'operation', operation: 'update', operationId: OPERATION, updateFields: { name: 'x' } },
			api,
			items: 3,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('name: This value should not be blank.');
		expect(error.description).toContain('description: This value is too long.');
		expect(error.context?.itemIndex).toBe(0);
	});

	it('field errors the top-level message does not repeat are listed after it', async () => {
		const body = { title: 'Validation Failed', _embedded: { errors: [{ detail: 'This value should not be blank.', path: 'text' }] } };
		const api = failing('POST', `/operations/${OPERATION}/comments`, keyclicAnswer(400, body));
		const error = await nodeError({ params: { resource: 'operation', operation: 'addComment', operationId: OPERATION, text: 'x' }, api });
		expect(error.description).toMatch(/^Keyclic says: Validation Failed · text: This value should not be blank\./);
	});

	it("404 in the problem format: the resource is unknown, and Keyclic's words are kept", async () => {
		const api = failing(
			'GET',
			`/operations/${OPERATION}`,
			keyclicAnswer(404, { title: 'Not Found', status: 404, detail: `Operation "${OPERATION}" not found.` }),
		);
		const error = await nodeError({ params: { resource: 'operation', operation: 'get', operationId: OPERATION }, api });
		expect(error.message).toBe('Could not get the operation: The resource you are requesting could not be found');
		expect(error.httpCode).toBe('404');
		expect(error.description).toBe(`Keyclic says: Operation "${OPERATION}" not found. Check the organization and the IDs.`);
	});

	it('the failing item is the one named (second of three)', async () => {
		const api = new FakeKeyclicApi();
		let calls = 0;
		api.intercept('GET', `/reports/${REPORT}`, () => {
			calls += 1;
			if (calls === 2) throw keyclicAnswer(403, { message: 'Access denied to this report.' });
			return report;
		});
		const error = await nodeError({ params: { resource: 'report', operation: 'get', reportId: REPORT }, api, items: 3 });
		expect(error.httpCode).toBe('403');
		expect(error.context?.itemIndex).toBe(1);
	});
});

describe('Keyclic node: Continue On Fail', () => {
	it('a failed item becomes an error item paired with its input; the others go on', async () => {
		const api = new FakeKeyclicApi();
		const other = '11111111-1111-4111-8111-111111111111';
		api.intercept('GET', `/reports/${other}`, () => {
			throw keyclicAnswer(404, VND_400);
		});
		api.intercept('GET', `/reports/${REPORT}`, () => report);
		const { output } = await runNode({
			params: { resource: 'report', operation: 'get', reportId: '={{ $json.reportId }}' },
			items: [{ reportId: REPORT }, { reportId: other }, { reportId: REPORT }],
			continueOnFail: true,
			api,
		});
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.id).toBe(REPORT);
		expect(output[1].json).toEqual({
			error: 'Could not get the report: The resource you are requesting could not be found',
			description: expect.stringContaining('Keyclic says: Transition "close"'),
			httpCode: '404',
		});
		expect(output[2].json.id).toBe(REPORT);
	});

	it('bad input too: an error item naming the parameter, no call', async () => {
		const api = new FakeKeyclicApi();
		const { output } = await runNode({ params: { resource: 'report', operation: 'get', reportId: 'nope' }, continueOnFail: true, api });
		expect(output).toEqual([
			{
				json: { error: 'The "Report ID" parameter is not a Keyclic ID: "nope"', description: expect.any(String) },
				pairedItem: { item: 0 },
			},
		]);
		expect(api.requests).toEqual([]);
	});
});

describe('Keyclic node: list searches', () => {
	it('report transitions: the workflow transitions the report lists (id as value, "label → state")', async () => {
		const { context, api } = createLoadOptionsContext({ resource: 'report', operation: 'changeState', reportId: REPORT });
		api.intercept('GET', `/reports/${REPORT}`, () => report);
		const result = await searchReportTransitions.call(context);
		expect(result.results).toEqual([
			{ name: 'Accepter → Acceptée', value: '5b5800d6-3b29-4b2f-a60a-1c66c07af5ef' },
			{ name: 'Refuser → Refusée', value: 'c3d5f439-7cd3-4a83-bab0-0373f70a2216' },
		]);
	});

	it('legacy resources without workflow transitions: the stateTransitions names', async () => {
		const legacy = { ...operation, _embedded: { stateTransitions: ['assign'] } };
		const { context, api } = createLoadOptionsContext({ resource: 'operation', operation: 'changeState', operationId: OPERATION });
		api.intercept('GET', `/operations/${OPERATION}`, () => legacy);
		expect((await searchOperationTransitions.call(context)).results).toEqual([{ name: 'assign', value: 'assign' }]);
	});

	it('no usable ID yet: an error asking for it, no call', async () => {
		const { context, api } = createLoadOptionsContext({ resource: 'report', operation: 'changeState', reportId: '={{ $json.id }}' });
		await expect(searchReportTransitions.call(context)).rejects.toThrow(NodeOperationError);
		await expect(searchReportTransitions.call(context)).rejects.toThrow('Enter the Report ID first');
		expect(api.requests).toEqual([]);
	});

	it("members: the operation's organization members, filtered by name", async () => {
		const { context, api } = createLoadOptionsContext({ resource: 'operation', operation: 'assign', operationId: OPERATION });
		api.intercept('GET', `/operations/${OPERATION}`, () => operation);
		const members = [
			{ type: 'Member', id: 'm-1', _embedded: { person: { givenName: 'Sam', familyName: 'Électricien', jobTitle: 'Électricien' } } },
			{ type: 'Member', id: 'm-2', _embedded: { person: { givenName: 'Camille', familyName: 'Démo' } } },
		];
		api.intercept('GET', `/organizations/${ORG}/members`, (request) => halPage(members, request.qs));
		expect((await searchMembers.call(context)).results).toEqual([
			{ name: 'Sam Électricien (Électricien)', value: 'm-1' },
			{ name: 'Camille Démo', value: 'm-2' },
		]);
		expect((await searchMembers.call(context, 'cam')).results).toEqual([{ name: 'Camille Démo', value: 'm-2' }]);
	});
});
