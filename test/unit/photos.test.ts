// Report → Get Photos and Operation → Get Photos in n8n-core's real ExecuteContext against the in-process
// Keyclic emulator (and its file host), with n8n's real HTTP client: binary output in n8n's store, both
// layouts, both API eras, and the rule that credentials go only to Keyclic.
import { createHash } from 'node:crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import { fileTarget, dispositionFileName } from '../../nodes/common/transport/files';
import { photoLinksOf } from '../../nodes/Keyclic/helpers/photos';
import { useBinaryDataMode } from './helpers/binaryData';
import type { BinaryMode, BinaryStore } from './helpers/binaryData';
import { runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { executeContext } from './helpers/n8n';
import { rejectionOf } from './helpers/bodies';
import type { NodeFailure } from './helpers/bodies';

const PNG_A = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGOQqzghV3GCAUIBACOuBXkP+H/6AAAAAElFTkSuQmCC', 'base64');
const JPEG_B = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('second photo')]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Runs the node against `emu`, n8n logging in first (the credential has no token yet). */
async function run(emu: Emulator, params: IDataObject, items: IDataObject[] = [{}]): Promise<INodeExecutionData[]> {
	return (await runAgainst(emu, params, items, { credential: { accessToken: '' } })).output;
}

/** The bytes of a binary field of an output item, read back through n8n's own helper. */
async function bytesOf(item: INodeExecutionData, field: string): Promise<Buffer> {
	const { context } = executeContext({ nodeType: new Keyclic(), items: [item] });
	return await context.helpers.getBinaryDataBuffer(0, field);
}

const CREDENTIAL_HEADERS = ['authorization', 'x-keyclic-app', 'accept-language', 'cookie'];

let binaryStore: BinaryStore;
beforeAll(async () => (binaryStore = await useBinaryDataMode('default')));
afterAll(() => binaryStore.cleanUp());

describe.each<BinaryMode>(['default', 'filesystem'])('Get Photos (legacy era, s18–s21), binary data mode %s', (mode) => {
	let emu: Emulator;
	let org: string;
	let store: BinaryStore;
	beforeAll(async () => {
		store = await useBinaryDataMode(mode);
		emu = await startEmulator();
		org = emu.seed.organizations[0].id;
	});
	afterAll(async () => {
		await emu.close();
		store.cleanUp();
		binaryStore = await useBinaryDataMode('default');
	});
	afterEach(async () => await emu.reset());

	const reportWithPhotos = () => {
		const report = emu.createReport({ organization: org, description: 'Leak under the sink' });
		const a = emu.addPhoto('report', report.id, { name: 'leak.png', contentType: 'image/png', bytes: PNG_A });
		const b = emu.addPhoto('report', report.id, { name: 'ceiling stain.jpg', contentType: 'image/jpeg', bytes: JPEG_B });
		return { report, photos: [a, b] };
	};

	test('Report → Get Photos: one item per photo, the file as binary in "data", its id, name, MIME type and size', async () => {
		const { report, photos } = reportWithPhotos();
		const output = await run(emu, { resource: 'report', operation: 'getPhotos', reportId: report.id });
		expect(output).toHaveLength(2);
		for (const [i, item] of output.entries()) {
			expect(item.json).toEqual({
				photoId: photos[i].id,
				fileName: photos[i].name,
				mimeType: photos[i].contentType,
				fileSize: photos[i].size,
				href: photos[i].href,
				resource: 'report',
				resourceId: report.id,
			});
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.binary?.data).toMatchObject({ mimeType: photos[i].contentType, fileName: photos[i].name });
			expect(sha(await bytesOf(item, 'data'))).toBe(photos[i].sha256);
			// in filesystem mode the bytes are in n8n's store on disk, not in the item
			if (mode === 'filesystem')
				expect(item.binary?.data).toMatchObject({ data: 'filesystem-v2', id: expect.stringMatching(/^filesystem-v2:/) });
			else expect(item.binary?.data.id).toBeUndefined();
		}
		if (mode === 'filesystem') expect(store.files().length).toBeGreaterThanOrEqual(2);
		expect(JSON.stringify(output.map((i) => i.json))).not.toContain(PNG_A.toString('base64'));
	});

	test('the file host received no credential: no JWT, no app key, no language header', async () => {
		const { report } = reportWithPhotos();
		await run(emu, { resource: 'report', operation: 'getPhotos', reportId: report.id });
		const received = emu.fileHost.requests;
		expect(received).toHaveLength(2);
		for (const request of received) {
			for (const name of CREDENTIAL_HEADERS) expect(request.headers[name]).toBeUndefined();
			expect(JSON.stringify(request.headers)).not.toContain('Bearer');
		}
	});

	test('All Photos on One Item: photo_0, photo_1 on one item per input item, with their descriptions', async () => {
		const first = reportWithPhotos();
		const second = emu.createReport({ organization: org, description: 'No photo' });
		const output = await run(
			emu,
			{ resource: 'report', operation: 'getPhotos', reportId: '={{ $json.id }}', photoOutput: 'allOnOneItem' },
			[{ id: first.report.id }, { id: second.id }],
		);
		expect(output).toHaveLength(2);
		const [withPhotos, without] = output;
		expect(Object.keys(withPhotos.binary ?? {})).toEqual(['photo_0', 'photo_1']);
		expect(withPhotos.json).toMatchObject({ resource: 'report', resourceId: first.report.id, photoCount: 2 });
		expect((withPhotos.json.photos as IDataObject[]).map((p) => [p.binaryField, p.fileName])).toEqual([
			['photo_0', 'leak.png'],
			['photo_1', 'ceiling stain.jpg'],
		]);
		expect(sha(await bytesOf(withPhotos, 'photo_1'))).toBe(first.photos[1].sha256);
		expect(withPhotos.pairedItem).toEqual({ item: 0 });
		expect(without).toEqual({ json: { resource: 'report', resourceId: second.id, photoCount: 0, photos: [] }, pairedItem: { item: 1 } });
	});

	test('a custom field name and prefix are used; a report without photos gives no item per photo', async () => {
		const { report } = reportWithPhotos();
		const custom = await run(emu, { resource: 'report', operation: 'getPhotos', reportId: report.id, binaryPropertyName: 'leak' });
		expect(custom.map((i) => Object.keys(i.binary ?? {}))).toEqual([['leak'], ['leak']]);
		const prefixed = await run(emu, {
			resource: 'report',
			operation: 'getPhotos',
			reportId: report.id,
			photoOutput: 'allOnOneItem',
			binaryPrefix: 'attachment_',
		});
		expect(Object.keys(prefixed[0].binary ?? {})).toEqual(['attachment_0', 'attachment_1']);
		const empty = emu.createReport({ organization: org, description: 'Nothing' });
		expect(await run(emu, { resource: 'report', operation: 'getPhotos', reportId: empty.id })).toEqual([]);
	});

	test('Operation → Get Photos: the photos uploaded on the operation', async () => {
		const report = emu.createReport({ organization: org, description: 'Leak' });
		const op = emu.createOperation({ report: report.id, name: 'Fix the leak' });
		const photo = emu.addPhoto('operation', op.id, { name: 'after.png', contentType: 'image/png', bytes: PNG_A });
		const output = await run(emu, { resource: 'operation', operation: 'getPhotos', operationId: op.id });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ photoId: photo.id, resource: 'operation', resourceId: op.id, mimeType: 'image/png' });
		expect(sha(await bytesOf(output[0], 'data'))).toBe(sha(PNG_A));
	});

	test('bad input is refused before any call: malformed ID, empty field name, empty prefix', async () => {
		const { report } = reportWithPhotos();
		const calls: string[] = [];
		const listener = (r: { path: string }) => calls.push(r.path);
		emu.events.on('request', listener);
		try {
			const badId = await rejectionOf<NodeFailure>(run(emu, { resource: 'report', operation: 'getPhotos', reportId: 'nope' }));
			expect(badId.message).toBe('The "Report ID" parameter is not a Keyclic ID: "nope"');
			const noField = await rejectionOf<NodeFailure>(
				run(emu, { resource: 'report', operation: 'getPhotos', reportId: report.id, binaryPropertyName: ' ' }),
			);
			expect(noField.message).toBe('The "Put Output File in Field" parameter is empty');
			const noPrefix = await rejectionOf<NodeFailure>(
				run(emu, { resource: 'report', operation: 'getPhotos', reportId: report.id, photoOutput: 'allOnOneItem', binaryPrefix: '' }),
			);
			expect(noPrefix.message).toBe('The "Field Prefix" parameter is empty');
			expect(calls).toEqual([]);
			expect(emu.fileHost.requests).toEqual([]);
		} finally {
			emu.events.off('request', listener);
		}
	});

	test('an absolute href on another host gets no credential and its errors name that host; one on the Base URL origin gets the login', async () => {
		// another host: the file host of a second emulator (it records what it receives and answers 404 for unknown files)
		const cdn = await startEmulator();
		try {
			const held = cdn.addPhoto('report', cdn.createReport({ organization: org, description: 'Held' }).id, {
				name: 'cdn.png',
				contentType: 'image/png',
				bytes: PNG_A,
			});
			const report = emu.createReport({ organization: org, description: 'Leak' });
			emu.addPhoto('report', report.id, { name: 'cdn.png', contentType: 'image/png', bytes: PNG_A, href: held.href });
			const output = await run(emu, { resource: 'report', operation: 'getPhotos', reportId: report.id });
			expect(output[0].json).toMatchObject({
				fileName: 'cdn.png',
				mimeType: 'image/png',
				fileSize: PNG_A.length,
				photoId: expect.any(String),
			});
			expect(sha(await bytesOf(output[0], 'data'))).toBe(sha(PNG_A));
			expect(cdn.fileHost.requests).toHaveLength(1);
			for (const name of CREDENTIAL_HEADERS) expect(cdn.fileHost.requests[0].headers[name]).toBeUndefined();

			const missing = emu.createReport({ organization: org, description: 'Gone' });
			emu.addPhoto('report', missing.id, { name: 'x.png', contentType: 'image/png', bytes: PNG_A, href: `${cdn.fileHost.url}/missing` });
			const error = await rejectionOf<NodeFailure>(run(emu, { resource: 'report', operation: 'getPhotos', reportId: missing.id }));
			expect(error.message).toBe(`Could not download photo 1 of the report: the file host ${new URL(cdn.fileHost.url).host} answered 404`);
			expect(error.context?.itemIndex).toBe(0);
		} finally {
			await cdn.close();
		}
		expect(fileTarget(emu.url, `${emu.url}/_emulator/files/x/y.png`)).toEqual({
			url: `${emu.url}/_emulator/files/x/y.png`,
			toKeyclic: true,
		});
		expect(fileTarget('https://api.keyclic.com', 'https://cdn.keyclic.com/a.png')).toEqual({
			url: 'https://cdn.keyclic.com/a.png',
			toKeyclic: false,
		});
		expect(fileTarget('https://api.keyclic.com', '//evil.example/a.png').toKeyclic).toBe(false);
		expect(fileTarget('https://api.keyclic.com', '/images/1')).toEqual({ url: 'https://api.keyclic.com/images/1', toKeyclic: true });
	});

	test('an unknown report fails through the Keyclic error path', async () => {
		const unknown = await rejectionOf<NodeFailure>(
			run(emu, { resource: 'report', operation: 'getPhotos', reportId: '00000000-0000-4000-8000-000000000001' }),
		);
		expect(unknown.message).toBe('Could not get the photos of the report: The resource you are requesting could not be found');
	});
});

describe('Get Photos: relative hrefs are fetched from the Base URL with the Keyclic login', () => {
	let emu: Emulator;
	beforeAll(async () => (emu = await startEmulator({ fileLinks: 'api' })));
	afterAll(async () => await emu.close());

	test('the API received the bearer and the app key for the photo bytes', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Leak' });
		const photo = emu.addPhoto('report', report.id, { name: 'a.png', contentType: 'image/png', bytes: PNG_A });
		expect(photo.href.startsWith('/')).toBe(true);
		const output = await run(emu, { resource: 'report', operation: 'getPhotos', reportId: report.id });
		expect(sha(await bytesOf(output[0], 'data'))).toBe(sha(PNG_A));
		expect(output[0].json.href).toBe(photo.href);
		expect(emu.fileRequests).toHaveLength(1);
		expect(emu.fileRequests[0].headers).toMatchObject({
			'x-keyclic-app': emu.seed.appKey,
			authorization: expect.stringMatching(/^Bearer /),
		});
		expect(emu.fileHost.requests).toEqual([]);
	});
});

describe('Get Photos (2025 era, s25)', () => {
	let emu: Emulator;
	beforeAll(async () => (emu = await startEmulator({ payloadEra: '2025', errorFormat: 'problem' })));
	afterAll(async () => await emu.close());

	test('report and operation photos, all on one item', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Leak' });
		const op = emu.createOperation({ report: report.id, name: 'Fix' });
		emu.addPhoto('report', report.id, { name: 'before.png', contentType: 'image/png', bytes: PNG_A });
		emu.addPhoto('operation', op.id, { name: 'after.jpg', contentType: 'image/jpeg', bytes: JPEG_B });
		const [reportItem] = await run(emu, { resource: 'report', operation: 'getPhotos', reportId: report.id, photoOutput: 'allOnOneItem' });
		expect(sha(await bytesOf(reportItem, 'photo_0'))).toBe(sha(PNG_A));
		const [opItem] = await run(emu, { resource: 'operation', operation: 'getPhotos', operationId: op.id, photoOutput: 'allOnOneItem' });
		expect(opItem.json).toMatchObject({ photoCount: 1, resource: 'operation' });
		expect(sha(await bytesOf(opItem, 'photo_0'))).toBe(sha(JPEG_B));
	});
});

describe('photo links and file names', () => {
	test('images[] first, else the single image link of s18; duplicates and unreadable links left out', () => {
		expect(photoLinksOf({ _links: { image: { href: '/a' } } }).map((l) => l.href)).toEqual(['/a']);
		expect(
			photoLinksOf({ _links: { image: { href: '/a' }, images: [{ href: '/a' }, { href: '/b' }, { nohref: 1 }, { href: '/a' }] } }).map(
				(l) => l.href,
			),
		).toEqual(['/a', '/b']);
		expect(photoLinksOf({})).toEqual([]);
	});

	test('Content-Disposition: filename* (RFC 6266) before filename', () => {
		expect(dispositionFileName("inline; filename*=UTF-8''b%20b.png")).toBe('b b.png');
		expect(dispositionFileName('attachment; filename="report.pdf"')).toBe('report.pdf');
		expect(dispositionFileName('inline')).toBeNull();
		expect(dispositionFileName(undefined)).toBeNull();
	});
});
