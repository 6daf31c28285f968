// Report → Create with its photos and its location, in n8n-core's real ExecuteContext against the emulator, both eras:
// the photos go to the new feedback by the era's call; a photo that fails after the report was filed names the report and
// what to retry; bad locations are refused before any call (never null, never 0, 0); a missing location is left out in
// 2025 and explained on 2018–2021; an unknown place or category is Keyclic's answer, explained.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { bothEras, runAgainst } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { JPEG, PNG, callsDuring, failure, itemWithFiles, jpeg, png, sha, useMemoryBinaryData } from './helpers/photoItems';

useMemoryBinaryData();
const eras = bothEras();
const emuOf = (era: 'legacy' | '2025') => (era === 'legacy' ? eras.emu : eras.modern);
const GEO = { latitude: 45.7797, longitude: 4.8286 };
const reportCount = (emu: Emulator) => (emu.state as unknown as { reports: unknown[] }).reports.length;

const create = async (emu: Emulator, additionalFields: IDataObject, items: INodeExecutionData[] = [{ json: {} }], continueOnFail = false) =>
	await runAgainst(
		emu,
		{ resource: 'report', operation: 'create', place: emu.seed.places[0].id, description: 'Fuite au plafond', additionalFields },
		items,
		{ continueOnFail },
	);

describe('Report → Create with photos', () => {
	test.each(['legacy', '2025'] as const)(
		"%s: files the report, then each photo to its feedback by the era's call; outputs the report",
		async (era) => {
			const emu = emuOf(era);
			let output: INodeExecutionData[] = [];
			const calls = await callsDuring(emu, async () => {
				({ output } = await create(emu, { ...GEO, photos: '*' }, [await itemWithFiles({ photo_0: png(), photo_1: jpeg() })]));
			});
			const route = era === 'legacy' ? 'images' : 'attachments';
			expect(calls).toEqual([
				'POST /feedbacks/issues',
				expect.stringMatching(new RegExp(`^POST /feedbacks/[^/]+/${route}$`)),
				expect.stringMatching(new RegExp(`^POST /feedbacks/[^/]+/${route}$`)),
				expect.stringMatching(/^GET \/reports\//),
			]);
			const reportId = String(output[0].json.id);
			expect(output[0].json).toMatchObject({ type: 'Report', description: 'Fuite au plafond' });
			expect(emu.photos('report', reportId).map((p) => p.sha256)).toEqual([sha(PNG), sha(JPEG)]);
		},
	);

	test('named fields only; * on an item without files files the report without photos', async () => {
		const emu = eras.modern;
		const { output } = await create(emu, { photos: 'b' }, [await itemWithFiles({ a: png(), b: jpeg() })]);
		expect(emu.photos('report', String(output[0].json.id)).map((p) => p.sha256)).toEqual([sha(JPEG)]);
		const calls = await callsDuring(emu, async () => await create(emu, { photos: '*' }));
		expect(calls).toEqual(['POST /feedbacks/issues', expect.stringMatching(/^GET \/reports\//)]);
	});

	test('a photo Keyclic does not take, or a missing field, is refused before the report is filed', async () => {
		const emu = eras.emu;
		const before = reportCount(emu);
		const calls = await callsDuring(emu, async () => {
			const gif = await itemWithFiles({ data: { bytes: Buffer.from('GIF89a'), fileName: 'x.gif', mimeType: 'image/gif' } });
			const wrong = await failure(create(emu, { ...GEO, photos: 'data' }, [gif]));
			expect(wrong.message).toBe('Keyclic does not accept "image/gif" files as a report photo (binary field "data", item 0)');
			const missing = await failure(create(emu, { ...GEO, photos: 'photo' }, [await itemWithFiles({ data: png() })]));
			expect(missing.message).toBe("The item has no binary field 'photo' [item 0]");
		});
		expect(calls).toEqual([]);
		expect(reportCount(emu)).toBe(before);
	});

	test.each(['legacy', '2025'] as const)(
		'%s: a photo refused after the report was filed: the error names the report and what to retry',
		async (era) => {
			const emu = emuOf(era);
			const before = reportCount(emu);
			// POST /feedbacks/issues goes through; the next POST under /feedbacks (the second photo's) is refused
			await emu.setFault({ errorStatus: { status: 400, paths: ['/feedbacks/'], methods: ['POST'], after: 2, times: 1 } });
			const error = await failure(create(emu, { ...GEO, photos: 'a, b' }, [await itemWithFiles({ a: png(), b: png('b.png') })]));
			expect(reportCount(emu)).toBe(before + 1);
			const reportId = String(error.context?.reportId);
			expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
			expect(emu.photos('report', reportId)).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('400');
			expect(error.message).toBe(
				`The report ${reportId} was created, but photo 2 of 2 (binary field "b") could not be added: Bad request - please check your parameters`,
			);
			expect(error.description).toMatch(
				new RegExp(
					`The photos of "a" were added: do not send them again\\. Then send "b" with Report → Add Photo \\(Report ID ${reportId}\\), not Create again: that would file a second report\\.$`,
				),
			);
		},
	);

	test('with Continue On Fail, the error item carries the report ID', async () => {
		const emu = eras.modern;
		await emu.setFault({ errorStatus: { status: 400, paths: ['/feedbacks/'], methods: ['POST'], after: 1, times: 1 } });
		const { output } = await create(emu, { photos: 'data' }, [await itemWithFiles({ data: png() })], true);
		expect(output[0].json.error).toMatch(
			/^The report [0-9a-f-]{36} was created, but the photo \(binary field "data"\) could not be added: /,
		);
		expect(output[0].json.reportId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
		expect(output[0].json.httpCode).toBe('400');
	});
});

describe('Report → Create: the location', () => {
	test('2025: no location (absent or blank fields) sends no geo and files the report', async () => {
		const emu = eras.modern;
		for (const fields of [{}, { latitude: '', longitude: ' ' }, { latitude: null, longitude: undefined }]) {
			const { output, sent } = await create(emu, fields);
			expect(sent[0].body).not.toHaveProperty('geo');
			expect(output[0].json).toMatchObject({ type: 'Report' });
		}
	});

	test('2018–2021: no location is a NodeOperationError naming the fields, and nothing is filed', async () => {
		const emu = eras.emu;
		const before = reportCount(emu);
		const error = await failure(create(emu, {}));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Your Keyclic API requires a location: the "Latitude" and "Longitude" fields are empty');
		expect(error.description).toMatch(/add Latitude and Longitude \(decimal degrees, WGS 84, for example 48\.8566 and 2\.3522\)/);
		expect(reportCount(emu)).toBe(before);
	});

	test.each([
		[{ latitude: Number.NaN, longitude: 2.35 }, 'The "Latitude" field is not a number: NaN'],
		[{ latitude: 48.85, longitude: '2,35' }, 'The "Longitude" field is not a number: "2,35"'],
		[{ latitude: 48.85, longitude: '' }, 'The "Longitude" field is empty but Latitude is set'],
		[{ longitude: 2.35 }, 'The "Latitude" field is empty but Longitude is set'],
		[{ latitude: 95, longitude: 2.35 }, 'The "Latitude" field is out of range: 95'],
		[{ latitude: 48.85, longitude: -181 }, 'The "Longitude" field is out of range: -181'],
		[{ latitude: 0, longitude: 0 }, 'The "Latitude" and "Longitude" fields are both 0'],
		[{ latitude: '0', longitude: ' 0 ' }, 'The "Latitude" and "Longitude" fields are both 0'],
	])('%j is refused before any call: %s', async (fields, message) => {
		for (const emu of [eras.emu, eras.modern]) {
			const calls = await callsDuring(emu, async () => {
				const error = await failure(create(emu, fields));
				expect(error).toBeInstanceOf(NodeOperationError);
				expect(error.message).toBe(message);
			});
			expect(calls).toEqual([]);
		}
	});

	test('numbers given as text (an expression of a form field) are sent as numbers', async () => {
		const { sent } = await create(eras.emu, { latitude: ' 48.8566', longitude: '2.3522 ' });
		expect(sent[0].body).toMatchObject({ geo: { point: { latitude: 48.8566, longitude: 2.3522 } } });
	});
});

describe('Report → Create: an unknown place or category', () => {
	test.each(['legacy', '2025'] as const)("%s: Keyclic's 400, explained: which ID and where to pick a good one", async (era) => {
		const emu = emuOf(era);
		const place = await failure(
			runAgainst(emu, { resource: 'report', operation: 'create', place: '00000000-0000-4000-8000-000000000000', additionalFields: GEO }),
		);
		expect(place).toBeInstanceOf(NodeApiError);
		expect(place.description).toMatch(/Keyclic does not know the place 00000000-0000-4000-8000-000000000000, .*Place → From List/);
		const unknown = '00000000-0000-4000-8000-00000000000c';
		const category = await failure(create(emu, { ...GEO, category: { __rl: true, mode: 'id', value: unknown } }));
		expect(category).toBeInstanceOf(NodeApiError);
		expect(category.description).toMatch(
			new RegExp(`Keyclic does not take the category ${unknown} for this place: pick it in Category → From List`),
		);
		expect(category.description).not.toMatch(/does not know the place/);
	});
});
