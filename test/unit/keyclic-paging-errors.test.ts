// The Keyclic node against the Keyclic emulator: HAL paging (Return All / Limit), pairedItem, both Keyclic error
// formats, Continue On Fail, and the list searches of the editor (transitions, members).
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { KeyclicApiError, keyclicApiError } from '../../nodes/common/transport';
import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import { transitionChoices } from '../../nodes/Keyclic/helpers/transitions';
import { searchMembers, searchOperationTransitions, searchReportTransitions } from '../../nodes/Keyclic/methods/listSearch';
import { examplePayload } from '../support/examples';
import { bothEras, errorAgainst, keyclicGet, listSearchAgainst, runAgainst } from './helpers/emulator';
import type { SentRequest } from './helpers/emulator';
import { organizationLocator } from './helpers/hookContext';
import { executeContext } from './helpers/n8n';

const eras = bothEras();

/** `count` reports in the organization; their ids in the order made. */
const reports = (count: number): string[] =>
	Array.from({ length: count }, (_, i) => eras.emu.createReport({ organization: eras.org, description: `Fuite ${i + 1}` }).id);

const listReports = (extra: IDataObject) => ({
	resource: 'report',
	operation: 'getAll',
	organization: organizationLocator(eras.org),
	...extra,
});

describe('Keyclic node: paging', () => {
	it('0 items: one request, no output item', async () => {
		const { sent, output } = await runAgainst(eras.emu, listReports({ returnAll: true }));
		expect(sent.map((r) => r.qs)).toEqual([{ page: 1, limit: 100 }]);
		expect(output).toEqual([]);
	});

	it('exactly one full page: Return All asks once', async () => {
		reports(100);
		const { sent, output } = await runAgainst(eras.emu, listReports({ returnAll: true }));
		expect(sent.map((r) => r.qs)).toEqual([{ page: 1, limit: 100 }]);
		expect(output).toHaveLength(100);
	});

	it('Return All walks every page, 100 per page, in order', async () => {
		const ids = reports(250).reverse(); // Keyclic lists the newest first
		const { sent, output } = await runAgainst(eras.emu, listReports({ returnAll: true }));
		expect(sent.map((r) => r.qs)).toEqual([
			{ page: 1, limit: 100 },
			{ page: 2, limit: 100 },
			{ page: 3, limit: 100 },
		]);
		expect(output.map((o) => o.json.id)).toEqual(ids);
	});

	it('a Limit below 100 asks for that many, once', async () => {
		reports(250);
		const { sent, output } = await runAgainst(eras.emu, listReports({ returnAll: false, limit: 7 }));
		expect(sent.map((r) => r.qs)).toEqual([{ page: 1, limit: 7 }]);
		expect(output).toHaveLength(7);
	});

	it('a Limit in the middle of a page stops there (150 of 250: two pages, the second cut)', async () => {
		const ids = reports(250).reverse(); // Keyclic lists the newest first
		const { sent, output } = await runAgainst(eras.emu, listReports({ returnAll: false, limit: 150 }));
		expect(sent.map((r) => r.qs)).toEqual([
			{ page: 1, limit: 100 },
			{ page: 2, limit: 100 },
		]);
		expect(output.map((o) => o.json.id)).toEqual(ids.slice(0, 150));
	});

	it('a Limit above the total returns what exists', async () => {
		reports(3);
		const { output } = await runAgainst(eras.emu, listReports({ returnAll: false, limit: 500 }));
		expect(output).toHaveLength(3);
	});

	it('each output item is paired with the input item it came from', async () => {
		reports(2);
		const { output } = await runAgainst(eras.emu, listReports({ returnAll: true }), [{ input: 0 }, { input: 1 }, { input: 2 }]);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }, { item: 2 }, { item: 2 }]);
	});
});

describe('Keyclic node: Keyclic errors', () => {
	it("vnd.error: NodeApiError with the item index, the HTTP status and Keyclic's words", async () => {
		const { id } = eras.emu.createReport({ organization: eras.org, description: 'Fuite' });
		const error = await errorAgainst(eras.emu, {
			resource: 'report',
			operation: 'changeState',
			reportId: id,
			transition: { __rl: true, mode: 'id', value: 'close' },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Could not change the state of the report: Bad request - please check your parameters');
		expect(error.httpCode).toBe('400');
		expect(error.context?.itemIndex).toBe(0);
		expect(error.description).toBe(
			'Keyclic says: Transition "close" is not allowed for this report in state NEW. Allowed transitions: accept, refuse. Correct what Keyclic names and try again.',
		);
	});

	it('problem format: the detail and every field error', async () => {
		const report = eras.modern.createReport({ organization: eras.modern.seed.organizations[0].id, description: 'Fuite' });
		const { id } = eras.modern.createOperation({ report: report.id, name: 'Réparer' });
		const error = await errorAgainst(
			eras.modern,
			{ resource: 'operation', operation: 'update', operationId: id, updateFields: { priority: '7', description: 'x'.repeat(10001) } },
			[{ input: 0 }, { input: 1 }, { input: 2 }],
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('priority: This value is not a valid priority');
		expect(error.description).toMatch(/description: This value should have between 1 and 10000 characters/);
		expect(error.context?.itemIndex).toBe(0);
		// Keyclic's code and words, as fields
		expect(error).toBeInstanceOf(KeyclicApiError);
		expect(error).toMatchObject({ status: 400, method: 'PATCH', path: `/operations/${id}`, retries: 0 });
		expect((error as KeyclicApiError).keyclicCode).toMatch(/^https:\/\//);
		expect((error as KeyclicApiError).fieldErrors).toEqual(
			expect.arrayContaining([expect.stringMatching(/This value is not a valid priority/)]),
		);
	});

	it('field errors the top-level message does not repeat are listed after it', () => {
		// the emulator's errors repeat their field errors in the top-level message; a body that does not, as n8n's client throws it
		const body = { title: 'Validation Failed', _embedded: { errors: [{ detail: 'This value should not be blank.', path: 'text' }] } };
		const answer = Object.assign(new Error('Request failed with status code 400'), { response: { status: 400, data: body } });
		const { context } = executeContext({ nodeType: new Keyclic() });
		const error = keyclicApiError(context, answer, 'comment the operation', eras.emu.url);
		expect(error.description).toMatch(/^Keyclic says: Validation Failed · text: This value should not be blank\./);
	});

	it("404 in the problem format: the resource is unknown, and Keyclic's words are kept", async () => {
		const OPERATION = '0d3c2b1a-9f8e-4d7c-a6b5-4c3d2e1f0a9b';
		const error = await errorAgainst(eras.modern, { resource: 'operation', operation: 'get', operationId: OPERATION });
		expect(error.message).toBe('Could not get the operation: The resource you are requesting could not be found');
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(new RegExp(`^Keyclic says: .*${OPERATION}.* Check the organization and the IDs\\.$`));
	});

	it.each(['report', 'operation'])(
		'Change State where the API lacks POST /%ss/{id}/workflow (the 2018 and v3 APIs): the error names the call and the versions with it',
		async (kind) => {
			const report = eras.emu.createReport({ organization: eras.org, description: 'Fuite' });
			const id = kind === 'report' ? report.id : eras.emu.createOperation({ report: report.id, name: 'Réparer' }).id;
			const name = kind === 'report' ? 'Report' : 'Operation';
			await eras.emu.setFault({ errorStatus: { status: 404, paths: `/${kind}s/${id}/workflow`, methods: ['POST'] } });
			const error = await errorAgainst(eras.emu, {
				resource: kind,
				operation: 'changeState',
				[`${kind}Id`]: id,
				transition: { __rl: true, mode: 'id', value: 'accept' },
			});
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(
				`${name} → Change State is not in your Keyclic API: POST /${kind}s/{${kind}}/workflow exists in Keyclic API 2.4 (2020) to 2.75 (2025) only (1.28 of 2018 has POST /${kind}s/{${kind}}/workflow/transition instead), not in the 2025 OpenAPI 3 ("v3") API`,
			);
			expect(error.description).toMatch(/although the IDs are right: your Keyclic API does not have this call/);
		},
	);

	it('Change State of an unknown report: the 404 says to check the ID, and which versions have the call', async () => {
		const error = await errorAgainst(eras.emu, {
			resource: 'report',
			operation: 'changeState',
			reportId: '00000000-0000-4000-8000-000000000000',
			transition: { __rl: true, mode: 'id', value: 'accept' },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(
			/If the IDs are right, your Keyclic API may not have this call: Report → Change State \(POST \/reports\/\{report\}\/workflow\) exists in Keyclic API 2\.4 \(2020\)/,
		);
	});

	it('the failing item is the one named (second of three)', async () => {
		const { id } = eras.emu.createReport({ organization: eras.org, description: 'Fuite' });
		await eras.emu.setFault({ errorStatus: { status: 403, paths: `/reports/${id}`, methods: ['GET'], after: 1, times: 1 } });
		const error = await errorAgainst(eras.emu, { resource: 'report', operation: 'get', reportId: id }, [
			{ input: 0 },
			{ input: 1 },
			{ input: 2 },
		]);
		expect(error.httpCode).toBe('403');
		expect(error.context?.itemIndex).toBe(1);
	});
});

describe('Keyclic node: Continue On Fail', () => {
	it('a failed item becomes an error item paired with its input; the others go on', async () => {
		const { id: REPORT } = eras.emu.createReport({ organization: eras.org, description: 'Fuite' });
		const other = '11111111-1111-4111-8111-111111111111';
		const { output } = await runAgainst(
			eras.emu,
			{ resource: 'report', operation: 'get', reportId: '={{ $json.reportId }}' },
			[{ reportId: REPORT }, { reportId: other }, { reportId: REPORT }],
			{ continueOnFail: true },
		);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.id).toBe(REPORT);
		expect(output[1].json).toEqual({
			error: 'Could not get the report: The resource you are requesting could not be found',
			description: expect.stringMatching(new RegExp(`^Keyclic says: .*${other}`)),
			httpCode: '404',
		});
		expect(output[2].json.id).toBe(REPORT);
		// the error on the item itself: what n8n's "Continue (using error output)" routes to the error output
		expect(output.map((o) => o.error)).toEqual([undefined, expect.any(NodeApiError), undefined]);
	});

	it('bad input too: an error item naming the parameter, no call', async () => {
		const sent: SentRequest[] = [];
		const { output } = await runAgainst(eras.emu, { resource: 'report', operation: 'get', reportId: 'nope' }, [{}], {
			continueOnFail: true,
			sent,
		});
		expect(output).toEqual([
			{
				json: { error: 'The "Report ID" parameter is not a Keyclic ID: "nope"', description: expect.any(String) },
				error: expect.any(NodeOperationError),
				pairedItem: { item: 0 },
			},
		]);
		expect(sent).toEqual([]);
	});
});

describe('Keyclic node: list searches', () => {
	it('report transitions: the workflow transitions the report lists (id as value, "label → state")', async () => {
		const report = eras.modern.createReport({ organization: eras.modern.seed.organizations[0].id, description: 'Fuite' });
		const transitions = ((report._embedded as IDataObject).workflow as IDataObject).transitions as IDataObject[];
		expect(transitions.length).toBeGreaterThan(1);
		const { context } = listSearchAgainst(eras.modern, { resource: 'report', operation: 'changeState', reportId: report.id });
		const result = await searchReportTransitions.call(context);
		expect(result.results).toEqual(
			transitions.map((t) => ({ name: `${String(t.name)} → ${String((t.to as IDataObject).name)}`, value: t.id })),
		);
	});

	it('legacy resources without workflow transitions: the stateTransitions names', async () => {
		// the emulator's legacy resources carry a workflow too; Keyclic's earliest ones (examples/events) have only stateTransitions
		const operation = examplePayload('operation_created.json');
		expect(transitionChoices({ ...operation, _embedded: { stateTransitions: ['assign'] } })).toEqual([{ name: 'assign', value: 'assign' }]);
		// and through the list search, a legacy operation of the emulator lists its transitions
		const report = eras.emu.createReport({ organization: eras.org, description: 'Fuite' });
		const { id } = eras.emu.createOperation({ report: report.id, name: 'Réparer' });
		const { context } = listSearchAgainst(eras.emu, { resource: 'operation', operation: 'changeState', operationId: id });
		expect((await searchOperationTransitions.call(context)).results.map((r) => r.name)).toEqual([expect.stringMatching(/→/)]);
	});

	it('no usable ID yet: an error asking for it, no call', async () => {
		const { context, sent } = listSearchAgainst(eras.emu, { resource: 'report', operation: 'changeState', reportId: '={{ $json.id }}' });
		await expect(searchReportTransitions.call(context)).rejects.toThrow(NodeOperationError);
		await expect(searchReportTransitions.call(context)).rejects.toThrow('Enter the Report ID first');
		expect(sent).toEqual([]);
	});

	it("members: the operation's organization members, filtered by name", async () => {
		const report = eras.emu.createReport({ organization: eras.org, description: 'Fuite' });
		const { id } = eras.emu.createOperation({ report: report.id, name: 'Réparer' });
		const members = (await keyclicGet(eras.emu, `/organizations/${eras.org}/members`))._embedded as IDataObject;
		expect(members.items).toHaveLength(2);
		const { context } = listSearchAgainst(eras.emu, { resource: 'operation', operation: 'assign', operationId: id });
		const all = (await searchMembers.call(context)).results;
		expect(all).toEqual(
			expect.arrayContaining([{ name: expect.stringMatching(/^Sam Électricien/), value: eras.emu.seed.technician.membershipId }]),
		);
		expect(all).toHaveLength(2);
		expect((await searchMembers.call(context, 'sam')).results).toEqual([
			{ name: expect.stringMatching(/^Sam Électricien/), value: eras.emu.seed.technician.membershipId },
		]);
	});
});
