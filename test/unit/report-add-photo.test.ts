// Report → Add Photo in n8n-core's real ExecuteContext against the emulator, both eras: the report's feedback tells the
// call (POST /feedbacks/{id}/images in s18–s21, /attachments in s25); one field, a comma list or * of the item's binary
// fields; every photo checked before any call; Keyclic's refusals explained, with what was added and what to retry.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { bothEras, runAgainst } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { JPEG, PNG, callsDuring, failure, itemWithFiles, jpeg, png, sha, useMemoryBinaryData } from './helpers/photoItems';

useMemoryBinaryData();
const eras = bothEras();
const newReport = (emu: Emulator) => emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Leak' });

const addPhoto = async (emu: Emulator, params: IDataObject, items: INodeExecutionData[]) =>
	(await runAgainst(emu, { resource: 'report', operation: 'addPhoto', ...params }, items)).output;

describe('Report → Add Photo', () => {
	test.each(['legacy', '2025'] as const)("%s: the photo goes to the feedback through its era's call; outputs the feedback", async (era) => {
		const emu = era === 'legacy' ? eras.emu : eras.modern;
		const report = newReport(emu);
		let output: INodeExecutionData[] = [];
		const calls = await callsDuring(emu, async () => {
			output = await addPhoto(emu, { reportId: report.id }, [await itemWithFiles({ data: png() })]);
		});
		const route = era === 'legacy' ? 'images' : 'attachments';
		expect(calls).toEqual([
			`GET /reports/${report.id}`,
			expect.stringMatching(/^GET \/feedbacks\//),
			expect.stringMatching(new RegExp(`^POST /feedbacks/[^/]+/${route}$`)),
		]);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ reportId: report.id, photoCount: 1, feedback: { type: 'Feedback' } });
		expect(((output[0].json.feedback as IDataObject)._links as IDataObject).images).toHaveLength(1);
		const [photo] = emu.photos('report', report.id);
		expect(photo).toMatchObject({ contentType: 'image/png', sha256: sha(PNG) });
		if (era === '2025') expect(photo.name).toBe('leak.png');
	});

	test.each(['legacy', '2025'] as const)('%s: a comma list and * send every named photo, in order', async (era) => {
		const emu = era === 'legacy' ? eras.emu : eras.modern;
		const first = newReport(emu);
		await addPhoto(emu, { reportId: first.id, binaryPropertyName: ' photo_1 , photo_0,photo_1' }, [
			await itemWithFiles({ photo_0: png(), photo_1: jpeg() }),
		]);
		expect(emu.photos('report', first.id).map((p) => p.sha256)).toEqual([sha(JPEG), sha(PNG)]);
		const second = newReport(emu);
		const [out] = await addPhoto(emu, { reportId: second.id, binaryPropertyName: '*' }, [await itemWithFiles({ a: png(), b: jpeg() })]);
		expect(out.json.photoCount).toBe(2);
		expect(emu.photos('report', second.id).map((p) => p.sha256)).toEqual([sha(PNG), sha(JPEG)]);
	});

	test('bad input is refused before any call: a type Keyclic refuses, a missing field, * on an item without files, an empty name', async () => {
		const emu = eras.emu;
		const report = newReport(emu);
		const calls = await callsDuring(emu, async () => {
			const gif = await itemWithFiles({ data: png(), b: { bytes: Buffer.from('GIF89a'), fileName: 'x.gif', mimeType: 'image/gif' } });
			const wrong = await failure(addPhoto(emu, { reportId: report.id, binaryPropertyName: 'data,b' }, [gif]));
			expect(wrong.message).toBe('Keyclic does not accept "image/gif" files as a report photo (binary field "b", item 0)');
			expect(wrong.description).toBe('Keyclic accepts: image/jpeg, image/jpg, image/png. Convert the file first, or fix its MIME type.');
			const missing = await failure(
				addPhoto(emu, { reportId: report.id, binaryPropertyName: 'photo' }, [await itemWithFiles({ data: png() })]),
			);
			expect(missing.message).toBe("The item has no binary field 'photo' [item 0]");
			const none = await failure(addPhoto(emu, { reportId: report.id, binaryPropertyName: '*' }, [{ json: {} }]));
			expect(none.message).toBe('Item 0 has no binary data, yet "Input Binary Field" is * (every binary field)');
			const empty = await failure(addPhoto(emu, { reportId: report.id, binaryPropertyName: ' ' }, [await itemWithFiles({ data: png() })]));
			expect(empty.message).toBe('The "Input Binary Field" parameter is empty');
		});
		expect(calls).toEqual([]);
		expect(emu.photos('report', report.id)).toEqual([]);
	});

	test("an unknown report: Keyclic's 404 through the error path, nothing sent", async () => {
		const error = await failure(
			addPhoto(eras.modern, { reportId: '00000000-0000-4000-8000-000000000002' }, [await itemWithFiles({ data: png() })]),
		);
		expect(error.message).toBe('Could not add the photo to the report: The resource you are requesting could not be found');
	});

	test.each(['legacy', '2025'] as const)(
		'%s: Keyclic refuses the second photo: the error says which, which were added, what to send again',
		async (era) => {
			const emu = era === 'legacy' ? eras.emu : eras.modern;
			const report = newReport(emu);
			await emu.setFault({ errorStatus: { status: 400, paths: ['/feedbacks/'], methods: ['POST'], after: 1, times: 1 } });
			const error = await failure(
				addPhoto(emu, { reportId: report.id, binaryPropertyName: 'a,b,c' }, [
					await itemWithFiles({ a: png(), b: png('b.png'), c: png('c.png') }),
				]),
			);
			expect(error.message).toMatch(/^Photo 2 of 3 \(binary field "b"\) could not be added: /);
			expect(error.httpCode).toBe('400');
			expect(error.description).toMatch(
				/The photos of "a" were added: do not send them again\. Then send "b", "c" with Report → Add Photo \(Report ID [0-9a-f-]{36}\)\.$/,
			);
			expect(emu.photos('report', report.id)).toHaveLength(1);
		},
	);
});
