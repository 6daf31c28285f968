// Member → Get Many and Category → Get Many (the s18–s21 organization routes), and what the node says
// where an API lacks them, in n8n-core's real contexts against the in-process emulator.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorAgainst, runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Member and Category lists (legacy era)', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator();
	});
	afterAll(async () => await emu.close());

	it('Member → Get Many: GET /organizations/{id}/members, one item per member', async () => {
		const org = emu.seed.organizations[0].id;
		const { output, sent } = await runAgainst(emu, { resource: 'member', operation: 'getAll', organization: byId(org), returnAll: true });
		expect(sent.map((r) => [r.path, r.query])).toEqual([[`/organizations/${org}/members`, { page: '1', limit: '100' }]]);
		expect(output.map((item) => item.json.id)).toEqual(expect.arrayContaining([emu.seed.technician.membershipId]));
		expect(output[0].json).toMatchObject({ type: 'Member' });
	});

	it('Member → Get Many: a 404 names the call, the versions that have it, and what to do with the 2025 API', async () => {
		const error = await errorAgainst(emu, { resource: 'member', operation: 'getAll', organization: byId(UNKNOWN), returnAll: true });
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(
			/Member → Get Many \(GET \/organizations\/\{organization\}\/members\) exists in Keyclic API 1\.28 \(2018\) to 2\.13 \(2021\)/,
		);
		expect(error.description).toMatch(/choose "By ID"/);
	});

	it('Category → Get Many: GET /organizations/{id}/categories, with Limit', async () => {
		const org = emu.seed.organizations[0].id;
		const { output, sent } = await runAgainst(emu, { resource: 'category', operation: 'getAll', organization: byId(org), limit: 1 });
		expect(sent.map((r) => [r.path, r.query])).toEqual([[`/organizations/${org}/categories`, { page: '1', limit: '1' }]]);
		expect(output).toEqual([{ json: expect.objectContaining({ type: 'Category', name: 'Plomberie' }), pairedItem: { item: 0 } }]);
	});
});

describe('Member and Category → Get Many against the 2025 API (which has neither organization list)', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra: '2025' });
	});
	afterAll(async () => await emu.close());

	const getAll = (resource: string, organization: string) => ({
		resource,
		operation: 'getAll',
		organization: byId(organization),
		returnAll: true,
	});

	it('Category → Get Many: a NodeOperationError naming the operation and the versions that have it, not a bare 404', async () => {
		const error = await errorAgainst(emu, getAll('category', emu.seed.organizations[0].id));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'Category → Get Many is not in your Keyclic API: GET /organizations/{organization}/categories exists in Keyclic API 1.28 (2018) to 2.13 (2021) only, not in the 2025 API',
		);
		expect(error.description).toMatch(
			/^Keyclic answered 404 to GET \/organizations\/\{organization\}\/categories although the IDs are right/,
		);
	});

	it('Member → Get Many: the same, with what to do instead (members by ID)', async () => {
		const error = await errorAgainst(emu, getAll('member', emu.seed.organizations[0].id));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'Member → Get Many is not in your Keyclic API: GET /organizations/{organization}/members exists in Keyclic API 1.28 (2018) to 2.13 (2021) only, not in the 2025 API',
		);
		expect(error.description).toMatch(/With the 2025 API, give members by ID: in Operation → Assign choose "By ID"/);
	});

	it("an unknown organization stays Keyclic's 404, with the versions as a possible cause", async () => {
		const error = await errorAgainst(emu, getAll('member', UNKNOWN));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/If the IDs are right, your Keyclic API may not have this call: Member → Get Many/);
	});
});
