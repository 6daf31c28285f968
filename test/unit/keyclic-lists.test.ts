// The searchable lists of the Keyclic node (places, categories, members, document types, target groups) in
// n8n-core's real load-options context against the in-process emulator, both eras: their results, the search
// text, the paging n8n asks for (paginationToken), and what they say where an API has no such list.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import { searchDocumentTypes, searchTargetGroups } from '../../nodes/Keyclic/methods/documentLists';
import { searchMembers } from '../../nodes/Keyclic/methods/listSearch';
import { searchCategories, searchPlaces } from '../../nodes/Keyclic/methods/organizationLists';
import { emulatorHttp, listSearchAgainst, runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { useBinaryDataMode } from './helpers/binaryData';
import type { BinaryStore } from './helpers/binaryData';
import { executeContext } from './helpers/n8n';
import { rejectionOf } from './helpers/bodies';
import type { NodeFailure } from './helpers/bodies';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const pad = (i: number) => String(i).padStart(3, '0');

/** The rejection of a list search (fails the test when it resolves). */
describe('Place and Category lists (legacy era: s18–s21 routes)', () => {
	let emu: Emulator;
	let org1: string;
	let org2: string;
	beforeAll(async () => {
		emu = await startEmulator();
		[org1, org2] = emu.seed.organizations.map((o) => o.id);
	});
	afterAll(async () => await emu.close());
	afterEach(async () => await emu.reset());

	const getManyPanel = (organization: unknown) => ({ resource: 'report', operation: 'getAll', organization, filters: {} });

	it('Report → Get Many: the places of the chosen organization only, without the organization in their names', async () => {
		const { context, sent } = listSearchAgainst(emu, getManyPanel(fromList(org2)));
		const place = emu.seed.places.find((p) => p.organizationId === org2);
		expect(await searchPlaces.call(context)).toEqual({ results: [{ name: place?.name, value: place?.id }] });
		expect(sent.map((r) => [r.path, r.query])).toEqual([[`/organizations/${org2}/places`, { page: '1', limit: '100' }]]);
	});

	it('the search text goes to Keyclic as `query` (s20+) and is also matched here', async () => {
		emu.addPlace({ organizationId: org1, name: 'Parking Nord' });
		const { context, sent } = listSearchAgainst(emu, getManyPanel(byId(org1)));
		const { results } = await searchPlaces.call(context, ' parking ');
		expect(results.map((r) => r.name)).toEqual(['Parking Nord']);
		expect(sent[0].query).toEqual({ query: 'parking', page: '1', limit: '100' });
	});

	it('paging: 100 entries per answer with a token for the next page, then the rest without one', async () => {
		for (let i = 0; i < 150; i++) emu.addPlace({ organizationId: org1, name: `Lot ${pad(i)}` });
		const { context, sent } = listSearchAgainst(emu, getManyPanel(byId(org1)));
		const first = await searchPlaces.call(context);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('0:2');
		const second = await searchPlaces.call(context, undefined, first.paginationToken);
		expect(second.results).toHaveLength(51);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(151);
		expect(sent.map((r) => r.query.page)).toEqual(['1', '2']);
	});

	it('paging across organizations (no organization in the operation): pages of every organization, each name says whose', async () => {
		for (let i = 0; i < 120; i++) emu.addPlace({ organizationId: org1, name: `Lot ${pad(i)}` });
		const { context, sent } = listSearchAgainst(emu, { resource: 'report', operation: 'create' });
		const first = await searchPlaces.call(context);
		expect(first.results).toHaveLength(100);
		expect(first.results[0].name).toMatch(/ \(Bailleur Démo Lyon\)$/);
		const second = await searchPlaces.call(context, undefined, first.paginationToken);
		expect(second.results.map((r) => r.name)).toContain(`${emu.seed.places[1].name} (Syndic Démo Villeurbanne)`);
		expect(second.results).toHaveLength(22);
		expect(second.paginationToken).toBeUndefined();
		expect(sent.map((r) => `${r.path}?page=${r.query.page ?? ''}`)).toEqual([
			'/organizations?page=1',
			`/organizations/${org1}/places?page=1`,
			'/organizations?page=1',
			`/organizations/${org1}/places?page=2`,
			`/organizations/${org2}/places?page=1`,
		]);
	});

	it('errors: no organization chosen yet (no call); an unknown organization (Keyclic’s 404)', async () => {
		const empty = listSearchAgainst(emu, getManyPanel(fromList('')));
		const missing = await rejectionOf<NodeFailure>(searchPlaces.call(empty.context));
		expect(missing).toBeInstanceOf(NodeOperationError);
		expect(missing.message).toBe('Choose the Organization first');
		expect(empty.sent).toEqual([]);
		const unknown = await rejectionOf<NodeFailure>(searchPlaces.call(listSearchAgainst(emu, getManyPanel(byId(UNKNOWN))).context));
		expect(unknown).toBeInstanceOf(NodeApiError);
		expect((unknown as NodeApiError).httpCode).toBe('404');
	});

	it('Categories of the chosen organization, filtered, paged', async () => {
		const { context } = listSearchAgainst(emu, getManyPanel(byId(org1)));
		expect((await searchCategories.call(context)).results.map((r) => r.name)).toEqual(['Plomberie', 'Électricité']);
		expect((await searchCategories.call(context, 'plomb')).results.map((r) => r.name)).toEqual(['Plomberie']);
		for (let i = 0; i < 100; i++) emu.addCategory({ organizationId: org1, name: `Catégorie ${pad(i)}` });
		const first = await searchCategories.call(context);
		expect([first.results.length, first.paginationToken]).toEqual([100, '0:2']);
		const second = await searchCategories.call(context, undefined, first.paginationToken);
		expect([second.results.length, second.paginationToken]).toEqual([2, undefined]);
	});

	it('Report → Create: the categories of the organization that manages the chosen place', async () => {
		const place = emu.seed.places.find((p) => p.organizationId === org2);
		const { context, sent } = listSearchAgainst(emu, { resource: 'report', operation: 'create', place: fromList(place?.id ?? '') });
		expect((await searchCategories.call(context)).results.map((r) => r.name)).toEqual(['Ascenseur']);
		expect(sent.map((r) => r.path)).toEqual([`/places/${place?.id}`, `/organizations/${org2}/categories`]);
		const noPlace = listSearchAgainst(emu, { resource: 'report', operation: 'create', place: fromList('={{ $json.place }}') });
		const error = await rejectionOf<NodeFailure>(searchCategories.call(noPlace.context));
		expect(error.message).toBe('Choose the Place first');
		expect(noPlace.sent).toEqual([]);
	});

	it("Assign's member list: the members of the operation's organization (GET /organizations/{id}/members)", async () => {
		const report = emu.createReport({ organization: org1, description: 'Panne' });
		const operation = emu.createOperation({ report: report.id, name: 'Réparer' });
		const { context, sent } = listSearchAgainst(emu, { resource: 'operation', operation: 'assign', operationId: operation.id });
		const { results } = await searchMembers.call(context);
		expect(results).toEqual(expect.arrayContaining([{ name: 'Sam Électricien (Électricien)', value: emu.seed.technician.membershipId }]));
		expect(sent.map((r) => r.path)).toEqual([`/operations/${operation.id}`, `/organizations/${org1}/members`]);
		expect((await searchMembers.call(context, 'sam')).results.map((r) => r.value)).toEqual([emu.seed.technician.membershipId]);
	});

	it('Target groups: those the report embeds; legacy operations embed none (By ID only, saying why)', async () => {
		const report = emu.createReport({ organization: org1, description: 'Fuite' });
		const panel = { resource: 'document', operation: 'upload', documentParent: 'report', parentId: report.id };
		const { results } = await searchTargetGroups.call(listSearchAgainst(emu, panel).context);
		expect(results.map((r) => r.name)).toEqual(['Gestionnaires', 'Prestataires plomberie']);
		expect((await searchTargetGroups.call(listSearchAgainst(emu, panel).context, 'PLOMB')).results).toHaveLength(1);
		const operation = emu.createOperation({ report: report.id, name: 'Réparer' });
		const onOperation = { ...panel, documentParent: 'operation', parentId: operation.id };
		const error = await rejectionOf<NodeFailure>(searchTargetGroups.call(listSearchAgainst(emu, onOperation).context));
		expect(error.message).toBe('Keyclic gave no target group list with this operation');
		expect(error.description).toMatch(/Choose "By ID"/);
	});
});

describe('Lists against the 2025 API (s25: no category or member list; operations embed document types and target groups)', () => {
	let emu: Emulator;
	let org1: string;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra: '2025' });
		org1 = emu.seed.organizations[0].id;
	});
	afterAll(async () => await emu.close());

	it('the Category list says the API has none and to use By ID (not a bare 404)', async () => {
		const { context } = listSearchAgainst(emu, { resource: 'report', operation: 'getAll', organization: byId(org1) });
		const error = await rejectionOf<NodeFailure>(searchCategories.call(context));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'The Category list is not in your Keyclic API: GET /organizations/{organization}/categories exists in Keyclic API 1.28 (2018) to 2.13 (2021) only, not in the 2025 API',
		);
		expect(error.description).toMatch(/choose "By ID" and enter the category's UUID/);
	});

	it("Assign's member list says the 2025 API has none and to choose By ID", async () => {
		const report = emu.createReport({ organization: org1, description: 'Panne' });
		const operation = emu.createOperation({ report: report.id, name: 'Réparer' });
		const { context } = listSearchAgainst(emu, { resource: 'operation', operation: 'assign', operationId: operation.id });
		const error = await rejectionOf<NodeFailure>(searchMembers.call(context));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			"Assign's member list is not in your Keyclic API: GET /organizations/{organization}/members exists in Keyclic API 1.28 (2018) to 2.13 (2021) only, not in the 2025 API",
		);
		expect(error.description).toMatch(/in Operation → Assign choose "By ID" and enter the member's UUID/);
	});

	it('the Place list works as in every version', async () => {
		const { context } = listSearchAgainst(emu, { resource: 'report', operation: 'getAll', organization: byId(org1) });
		expect((await searchPlaces.call(context)).results.map((r) => r.value)).toEqual([emu.seed.places[0].id]);
	});

	it('Document types: those the operation embeds, filtered by name or code; a report has none (no call)', async () => {
		const report = emu.createReport({ organization: org1, description: 'Fuite' });
		const operation = emu.createOperation({ report: report.id, name: 'Réparer' });
		const panel = { resource: 'document', operation: 'upload', documentParent: 'operation', parentId: operation.id };
		const { results } = await searchDocumentTypes.call(listSearchAgainst(emu, panel).context);
		expect(results).toEqual([
			{ name: "Rapport d'intervention", value: '68a28d38-8b85-40bc-8af4-8bd39d61c28f' },
			{ name: 'Devis', value: '7b39e049-9c96-4bd5-9b05-9ce4a7e72d90' },
			{ name: 'Facture', value: '8c4af15a-ad07-4ce6-ac16-adf5b8f83ea1' },
		]);
		expect((await searchDocumentTypes.call(listSearchAgainst(emu, panel).context, 'rapport_')).results).toHaveLength(1);
		const onReport = listSearchAgainst(emu, { ...panel, documentParent: 'report', parentId: report.id });
		const error = await rejectionOf<NodeFailure>(searchDocumentTypes.call(onReport.context));
		expect(error.message).toBe('Keyclic lists no document types with a report');
		expect(error.description).toMatch(/Only the operations of the Keyclic API 2025 embed their document types.*Choose "By ID"/);
		expect(onReport.sent).toEqual([]);
	});

	it('Target groups of a 2025 operation; no usable ID yet: an error asking for it, no call', async () => {
		const report = emu.createReport({ organization: org1, description: 'Fuite' });
		const operation = emu.createOperation({ report: report.id, name: 'Réparer' });
		const panel = { resource: 'document', operation: 'upload', documentParent: 'operation', parentId: operation.id };
		expect((await searchTargetGroups.call(listSearchAgainst(emu, panel).context)).results.map((r) => r.name)).toEqual([
			'Gestionnaires',
			'Prestataires plomberie',
		]);
		const noId = listSearchAgainst(emu, { ...panel, parentId: '' });
		expect((await rejectionOf<NodeFailure>(searchTargetGroups.call(noId.context))).message).toBe('Enter the Report or Operation ID first');
		expect(noId.sent).toEqual([]);
	});
});

describe('the values picked from the lists reach Keyclic (legacy era)', () => {
	let emu: Emulator;
	let org1: string;
	beforeAll(async () => {
		emu = await startEmulator();
		org1 = emu.seed.organizations[0].id;
	});
	afterAll(async () => await emu.close());

	it('Report → Get Many: the Place and Category filters from their lists (or by ID) filter the reports', async () => {
		const place = emu.seed.places[0].id;
		const plumbing = '4a6c8e0f-1b3d-4f5a-9c7e-0d2f4a6c8e01';
		const wanted = emu.createReport({ organization: org1, description: 'Fuite', place, category: plumbing });
		emu.createReport({ organization: org1, description: 'Ampoule', place });
		const { output, sent } = await runAgainst(emu, {
			resource: 'report',
			operation: 'getAll',
			organization: byId(org1),
			returnAll: true,
			filters: { place: fromList(place), category: byId(plumbing) },
		});
		expect(sent[0].query).toMatchObject({ place, category: plumbing });
		expect(output.map((item) => item.json.id)).toEqual([wanted.id]);
	});

	it('a filter that is not an ID is refused before any call, naming it', async () => {
		const calls: string[] = [];
		const listener = (r: { path: string }) => calls.push(r.path);
		emu.events.on('request', listener);
		const sent = await runAgainst(emu, {
			resource: 'report',
			operation: 'getAll',
			organization: byId(org1),
			filters: { category: byId('plomberie') },
		}).then(
			() => null,
			(e: unknown) => e,
		);
		emu.events.off('request', listener);
		expect((sent as Error).message).toBe('The "Category" parameter is not a Keyclic ID: "plomberie"');
		expect(calls).toEqual([]);
	});

	it('Report → Create: the Category from its list goes into the feedback, and the report has it', async () => {
		const place = emu.seed.places[0].id;
		const electricity = '4a6c8e0f-1b3d-4f5a-9c7e-0d2f4a6c8e02';
		const { output, sent } = await runAgainst(emu, {
			resource: 'report',
			operation: 'create',
			place: fromList(place),
			description: 'Plus de courant',
			additionalFields: { category: fromList(electricity), latitude: 45.7, longitude: 4.8 },
		});
		expect(sent[0]).toMatchObject({
			method: 'POST',
			path: '/feedbacks/issues',
			body: expect.objectContaining({ place, category: electricity }),
		});
		expect(output[0].json).toMatchObject({ _links: { category: { href: `/categories/${electricity}` } } });
	});
});

/** Document → Upload of one file, in n8n-core's real ExecuteContext, sent over real HTTP to the emulator. */
async function upload(emu: Emulator, params: IDataObject, file: { bytes: Buffer; name: string; mimeType: string }) {
	const credentials = {
		keyclicApi: {
			baseUrl: emu.url,
			login: 'demo@keyclic.example',
			password: 'demo-password',
			applicationKey: emu.seed.appKey,
			language: 'en-US',
			accessToken: '',
		},
	};
	const binary = await executeContext({ nodeType: new Keyclic() }).context.helpers.prepareBinaryData(file.bytes, file.name, file.mimeType);
	const { context } = executeContext({
		nodeType: new Keyclic(),
		parameters: { resource: 'document', operation: 'upload', ...params } as never,
		credentials,
		items: [{ json: {}, binary: { data: binary } }],
		http: emulatorHttp(),
	});
	return await new Keyclic().execute.call(context).then(
		([output]) => output,
		(e: unknown) => e as Error & { description?: string },
	);
}

describe.each(['legacy', '2025'])('Document → Upload: Type and Target Group from their lists, MIME types of the era (%s)', (payloadEra) => {
	let emu: Emulator;
	let org1: string;
	let store: BinaryStore;
	beforeAll(async () => {
		store = await useBinaryDataMode('default');
		emu = await startEmulator({ payloadEra });
		org1 = emu.seed.organizations[0].id;
	});
	afterAll(async () => {
		await emu.close();
		store.cleanUp();
	});

	const PDF = { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'devis.pdf', mimeType: 'application/pdf' };
	const GIF = { bytes: Buffer.from('GIF89a'), name: 'a.gif', mimeType: 'image/gif' };
	const JSON_FILE = { bytes: Buffer.from('{"a":1}'), name: 'a.json', mimeType: 'application/json' };

	it('a report: the target group picked from its list is the permission Keyclic records', async () => {
		const report = emu.createReport({ organization: org1, description: 'Fuite' });
		const panel = { documentParent: 'report', parentId: report.id };
		const [group] = (await searchTargetGroups.call(listSearchAgainst(emu, { resource: 'document', operation: 'upload', ...panel }).context))
			.results;
		const output = await upload(
			emu,
			{ ...panel, documentFields: { container: 'report', type: byId('quote'), targetGroup: fromList(String(group.value)) } },
			PDF,
		);
		expect(output).toEqual([expect.objectContaining({ json: expect.objectContaining({ permission: { targetGroup: group.value } }) })]);
	});

	it('a MIME type no Keyclic API takes is refused before any call, listing the accepted ones and what older APIs refuse', async () => {
		const report = emu.createReport({ organization: org1, description: 'Fuite' });
		const error = await upload(emu, { documentParent: 'report', parentId: report.id }, GIF);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('Keyclic does not accept "image/gif" files as a document (binary field "data", item 0)');
		expect((error as Error & { description: string }).description).toBe(
			'Keyclic accepts: text/csv, application/msword, application/vnd.openxmlformats-officedocument.wordprocessingml.document, image/jpeg, image/jpg, application/json, application/octet-stream, application/pdf, image/png, text/plain, application/vnd.ms-excel, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/zip. The Keyclic APIs of 2020 and 2021 also refuse application/json and application/octet-stream (they take documents of reports only). Convert the file first, or fix its MIME type.',
		);
		expect(emu.documents('report', report.id)).toEqual([]);
	});

	it(
		payloadEra === '2025' ? 'application/json: the 2025 API takes it' : 'application/json: the 2020–2021 API refuses it, as the note says',
		async () => {
			const report = emu.createReport({ organization: org1, description: 'Fuite' });
			const result = await upload(
				emu,
				{ documentParent: 'report', parentId: report.id, documentFields: { container: 'report', type: byId('quote') } },
				JSON_FILE,
			);
			if (payloadEra === '2025') expect(emu.documents('report', report.id).map((d) => d.contentType)).toEqual(['application/json']);
			else {
				expect(result).toBeInstanceOf(NodeApiError);
				expect((result as NodeApiError).httpCode).toBe('400');
			}
		},
	);
});

describe('Document → Upload to a 2025 operation: its document type from the list, the 2025 MIME types', () => {
	let emu: Emulator;
	let store: BinaryStore;
	beforeAll(async () => {
		store = await useBinaryDataMode('default');
		emu = await startEmulator({ payloadEra: '2025' });
	});
	afterAll(async () => {
		await emu.close();
		store.cleanUp();
	});

	it('the type picked from the list is sent as DocumentData.type; a GIF is refused listing the 2025 types only', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Fuite' });
		const operation = emu.createOperation({ report: report.id, name: 'Réparer' });
		const panel = { documentParent: 'operation', parentId: operation.id };
		const invoice = (
			await searchDocumentTypes.call(listSearchAgainst(emu, { resource: 'document', operation: 'upload', ...panel }).context, 'facture')
		).results[0];
		const output = await upload(emu, { ...panel, documentFields: { type: fromList(String(invoice.value)) } }, PDF_FILE);
		expect(output).toEqual([expect.objectContaining({ json: expect.objectContaining({ type: 'Document' }) })]);
		expect([...emu.store.files.values()].filter((f) => f.owner.id === operation.id).map((f) => f.documentType)).toEqual([invoice.value]);
		const error = await upload(emu, panel, { bytes: Buffer.from('GIF89a'), name: 'a.gif', mimeType: 'image/gif' });
		expect((error as Error & { description: string }).description).toBe(
			'Keyclic accepts: text/csv, application/msword, application/vnd.openxmlformats-officedocument.wordprocessingml.document, image/jpeg, image/jpg, application/json, application/octet-stream, application/pdf, image/png, text/plain, application/vnd.ms-excel, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/zip. Convert the file first, or fix its MIME type.',
		);
	});
});

const PDF_FILE = { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'facture.pdf', mimeType: 'application/pdf' };
