// Place → Get / Get Many and the Place list of Report → Create, in n8n-core's real contexts against the
// in-process emulator (both eras).
import { searchPlaces } from '../../nodes/Keyclic/methods/organizationLists';
import { errorAgainst, listSearchAgainst, runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';

describe.each(['legacy', '2025'])('Places against the emulator (%s era)', (payloadEra) => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra });
	});
	afterAll(async () => await emu.close());

	it('Get: GET /places/{id}, the place as Keyclic returns it', async () => {
		const place = emu.seed.places[0];
		const { output, sent } = await runAgainst(emu, {
			resource: 'place',
			operation: 'get',
			placeId: { __rl: true, mode: 'id', value: place.id },
		});
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /places/${place.id}`]);
		expect(output).toEqual([{ json: expect.objectContaining({ type: 'Place', id: place.id, name: place.name }), pairedItem: { item: 0 } }]);
	});

	it('Get Many: the places of an organization, page after page', async () => {
		const org = emu.seed.organizations[1].id;
		const { output, sent } = await runAgainst(emu, {
			resource: 'place',
			operation: 'getAll',
			organization: { __rl: true, mode: 'id', value: org },
			returnAll: true,
		});
		expect(sent.map((r) => [r.path, r.query])).toEqual([[`/organizations/${org}/places`, { page: '1', limit: '100' }]]);
		expect(output.map((item) => item.json.id)).toEqual(emu.seed.places.filter((p) => p.organizationId === org).map((p) => p.id));
	});

	it('an unknown place: the 404 names Place → Get and the versions that have it', async () => {
		const error = await errorAgainst(emu, {
			resource: 'place',
			operation: 'get',
			placeId: { __rl: true, mode: 'id', value: '00000000-0000-4000-8000-000000000000' },
		});
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/Place → Get \(GET \/places\/\{place\}\) exists in Keyclic API 1\.28 \(2018\) to 2\.75 \(2025\)/);
	});

	it('the Place list: the places of every organization of the account, filtered by name', async () => {
		const { context } = listSearchAgainst(emu, { resource: 'report', operation: 'create' });
		const all = await searchPlaces.call(context);
		expect(all.results).toEqual(
			emu.seed.places.map((p) => ({
				name: `${p.name} (${emu.seed.organizations.find((o) => o.id === p.organizationId)?.name})`,
				value: p.id,
			})),
		);
		const some = await searchPlaces.call(listSearchAgainst(emu).context, 'tour a');
		expect(some.results.map((r) => r.value)).toEqual([emu.seed.places[1].id]);
	});
});
