// Member → Get Many and Category → Get Many (the s18–s21 organization routes), and what the node says
// where an API lacks them, in n8n-core's real contexts against the in-process emulator.
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

describe('Category → Get Many against the 2025 API (which has no organization category list)', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra: '2025' });
	});
	afterAll(async () => await emu.close());

	it('fails naming the operation and the versions that have it, not with a bare 404', async () => {
		const error = await errorAgainst(emu, {
			resource: 'category',
			operation: 'getAll',
			organization: byId(emu.seed.organizations[0].id),
			returnAll: true,
		});
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(
			/Category → Get Many \(GET \/organizations\/\{organization\}\/categories\) exists in Keyclic API 1\.28 \(2018\) to 2\.13 \(2021\) only/,
		);
	});
});
