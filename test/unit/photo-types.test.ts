// Get Photos names each photo's MIME type and gives its file name the matching extension, from the bytes' signature,
// the file host's Content-Type and the link's name: run in n8n-core's real ExecuteContext against the emulator's file
// host serving photos as application/octet-stream named by a UUID (what a mail node would attach as an unknown file).
import { randomUUID } from 'node:crypto';

import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { photoMimeType, sniffImageType, withExtension } from '../../nodes/Keyclic/helpers/photoType';
import { useBinaryDataMode } from './helpers/binaryData';
import type { BinaryMode, BinaryStore } from './helpers/binaryData';
import { runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { JPEG, PNG, sha } from './helpers/photoItems';

const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(10)]);
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(12)]);

const SIGNED: Array<[string, Buffer, string, string]> = [
	['PNG', PNG, 'image/png', 'png'],
	['JPEG', JPEG, 'image/jpeg', 'jpg'],
	['GIF', GIF, 'image/gif', 'gif'],
	['WebP', WEBP, 'image/webp', 'webp'],
	['HEIC', HEIC, 'image/heic', 'heic'],
];

describe('photo types: signature, host type, names', () => {
	test.each(SIGNED)('%s bytes are recognised by their signature', (_name, bytes, type) => expect(sniffImageType(bytes)).toBe(type));
	test('the signature wins; a generic host type gives way to the names; a specific one is kept', () => {
		expect(photoMimeType(PNG, 'image/jpeg', [])).toBe('image/png');
		expect(photoMimeType(Buffer.from('??'), 'application/octet-stream', [null, 'x.JPEG'])).toBe('image/jpeg');
		expect(photoMimeType(Buffer.from('??'), 'image/png', ['x.jpg'])).toBe('image/png');
		expect(photoMimeType(Buffer.from('??'), null, ['x'])).toBeNull();
		expect(photoMimeType(Buffer.from('??'), 'application/octet-stream', ['x'])).toBe('application/octet-stream');
	});
	test("the file name gets the type's extension, keeping one of that type, replacing an image extension of another", () => {
		expect(withExtension('3f0c', 'image/png')).toBe('3f0c.png');
		expect(withExtension('a.jpeg', 'image/jpeg')).toBe('a.jpeg');
		expect(withExtension('a.jpg', 'image/png')).toBe('a.png');
		expect(withExtension('report.v2', 'image/gif')).toBe('report.v2.gif');
		expect(withExtension('a.bin', 'application/octet-stream')).toBe('a.bin');
	});
});

describe.each<[string, BinaryMode]>([
	['legacy', 'default'],
	['2025', 'filesystem'],
])('Get Photos (%s era, binary data mode %s): octet-stream photos named by a UUID come out typed and named', (era, mode) => {
	let emu: Emulator;
	let store: BinaryStore;
	beforeAll(async () => {
		store = await useBinaryDataMode(mode);
		emu = await startEmulator(era === '2025' ? { payloadEra: '2025' } : {});
	});
	afterAll(async () => {
		await emu.close();
		store.cleanUp();
	});

	test('Report and Operation → Get Photos', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Leak' });
		const names = SIGNED.map(() => randomUUID());
		SIGNED.forEach(([, bytes], i) => emu.addPhoto('report', report.id, { name: names[i], contentType: 'application/octet-stream', bytes }));
		const { output } = await runAgainst(emu, {
			resource: 'report',
			operation: 'getPhotos',
			reportId: report.id,
			photoOutput: 'allOnOneItem',
		});
		const item = output[0] as INodeExecutionData;
		SIGNED.forEach(([, bytes, type, extension], i) => {
			const binary = item.binary?.[`photo_${i}`] as IBinaryData;
			expect({ mimeType: binary.mimeType, fileName: binary.fileName, fileExtension: binary.fileExtension }).toEqual({
				mimeType: type,
				fileName: `${names[i]}.${extension}`,
				fileExtension: extension,
			});
			expect((item.json.photos as Array<{ mimeType: string; fileName: string }>)[i]).toMatchObject({
				mimeType: type,
				fileName: `${names[i]}.${extension}`,
			});
			expect(sha(bytes)).toBe(emu.photos('report', report.id)[i].sha256);
		});
		const operation = emu.createOperation({ report: report.id, name: 'Fix' });
		emu.addPhoto('operation', operation.id, { name: 'after', contentType: 'image/jpeg', bytes: Buffer.from('not really a jpeg') });
		const [photo] = (await runAgainst(emu, { resource: 'operation', operation: 'getPhotos', operationId: operation.id })).output;
		expect(photo.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'after.jpg' });
		expect(photo.json).toMatchObject({ mimeType: 'image/jpeg', fileName: 'after.jpg' });
	});
});
