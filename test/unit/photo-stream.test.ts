// Photos streamed from n8n's binary data store (its `filesystem` mode, n8n 2.x's default) in n8n-core's real
// ExecuteContext, through n8n's real HTTP client (axios), against the emulator of both eras: the file is read as a
// stream (never whole: n8n-core's getAsBuffer is not called), sent as a JSON body produced piece by piece with its
// Content-Length known, stored byte-exact by Keyclic, and sent again from the store when n8n logs in again after a 401.
// In n8n's memory mode the file is in the item already: the body is built in memory (add-photo.test.ts runs both).
import { createHash, randomBytes } from 'node:crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { isStreamedBody } from '../../nodes/common/transport/streamedBody';
import type { StreamedBody } from '../../nodes/common/transport/streamedBody';
import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import { useBinaryDataMode } from './helpers/binaryData';
import type { BinaryStore } from './helpers/binaryData';
import { bothEras, runAgainst } from './helpers/emulator';
import type { Emulator, SentRequest } from './helpers/emulator';
import { executeContext } from './helpers/n8n';

const MIB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let store: BinaryStore;
beforeAll(async () => {
	store = await useBinaryDataMode('filesystem');
});
afterAll(() => store.cleanUp());
afterEach(() => jest.restoreAllMocks());

const eras = bothEras();
const emuOf = (era: 'legacy' | '2025') => (era === 'legacy' ? eras.emu : eras.modern);

/** An item whose photo n8n's own prepareBinaryData wrote to its binary data store (a file on disk). */
async function storedPhoto(bytes: Buffer, field = 'data'): Promise<INodeExecutionData> {
	const { context } = executeContext({ nodeType: new Keyclic() });
	const binary = await context.helpers.prepareBinaryData(bytes, 'site.jpg', 'image/jpeg');
	expect(binary.id).toMatch(/^filesystem/);
	return { json: {}, binary: { [field]: binary } };
}

const photoPosts = (sent: SentRequest[]) => sent.filter((r) => r.method === 'POST' && /\/(images|attachments)$/.test(r.path));

/** Every piece a streamed body gives when read (again: each read opens the file anew). */
async function pieces(body: StreamedBody): Promise<Uint8Array[]> {
	const out: Uint8Array[] = [];
	for await (const piece of body.stream()) out.push(piece);
	return out;
}

async function addPhoto(emu: Emulator, params: IDataObject, items: INodeExecutionData[]) {
	return await runAgainst(emu, { resource: 'report', operation: 'addPhoto', ...params }, items);
}

describe('Photos from the filesystem binary data store are streamed', () => {
	test.each(['legacy', '2025'] as const)(
		'%s: Report → Add Photo of a 6 MiB photo: read as a stream, sent in pieces with its length, stored byte-exact',
		async (era) => {
			const emu = emuOf(era);
			const report = emu.createReport({ organization: eras.org, description: 'Leak' });
			const bytes = randomBytes(6 * MIB + 1);
			const item = await storedPhoto(bytes);
			const whole = jest.spyOn(store.service, 'getAsBuffer');
			const streamed = jest.spyOn(store.service, 'getAsStream');

			const { output, sent } = await addPhoto(emu, { reportId: report.id }, [item]);

			expect(output[0].json).toMatchObject({ reportId: report.id, photoCount: 1 });
			const [photo] = emu.photos('report', report.id);
			expect(photo).toMatchObject({ contentType: 'image/jpeg', size: bytes.length, sha256: sha(bytes) });
			expect(whole).not.toHaveBeenCalled();
			expect(streamed).toHaveBeenCalledTimes(1);
			// the body n8n's client sent: a stream of pieces of at most 1 MiB (768 KiB of the file), its size known
			const [post] = photoPosts(sent);
			expect(isStreamedBody(post.body)).toBe(true);
			const body = post.body as StreamedBody;
			const parts = await pieces(body);
			expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(MIB);
			expect(parts.reduce((n, p) => n + p.length, 0)).toBe(body.size);
			expect(body.size).toBeGreaterThan((bytes.length * 4) / 3);
			expect(post.headers['Content-Type']).toBe('application/json');
		},
	);

	test('Report → Create with two stored photos: each streamed, both stored byte-exact in order', async () => {
		const emu = eras.modern;
		const [a, b] = [randomBytes(2 * MIB), randomBytes(MIB + 2)];
		const item = await storedPhoto(a, 'a');
		item.binary = { ...item.binary, ...(await storedPhoto(b, 'b')).binary };
		const whole = jest.spyOn(store.service, 'getAsBuffer');
		const { output } = await runAgainst(
			emu,
			{
				resource: 'report',
				operation: 'create',
				place: emu.seed.places[0].id,
				description: 'Fuite',
				additionalFields: { latitude: 45.78, longitude: 4.83, photos: 'a, b' },
			},
			[item],
		);
		const reportId = String(output[0].json.id);
		expect(emu.photos('report', reportId).map((p) => p.sha256)).toEqual([sha(a), sha(b)]);
		expect(whole).not.toHaveBeenCalled();
	});

	test.each(['legacy', '2025'] as const)(
		'%s: the token expires before the photo: n8n logs in again and the photo is read from the store again, stored once',
		async (era) => {
			const emu = emuOf(era);
			const report = emu.createReport({ organization: eras.org, description: 'Leak' });
			const bytes = randomBytes(300 * 1024);
			const item = await storedPhoto(bytes);
			const streamed = jest.spyOn(store.service, 'getAsStream');
			// every token expires once the feedback was read: the photo's POST answers 401 after its body was read
			const expire = (r: { method: string; path: string; status: number }) => {
				if (r.method === 'GET' && r.path.startsWith('/feedbacks/') && r.status === 200) void emu.setFault({ expireTokens: true });
			};
			emu.events.on('request', expire);
			const statuses: string[] = [];
			const record = (r: { method: string; path: string; status: number }) => {
				if (r.method === 'POST' && /\/(images|attachments)$/.test(r.path)) statuses.push(`POST ${r.status}`);
			};
			emu.events.on('request', record);
			try {
				await addPhoto(emu, { reportId: report.id }, [item]);
			} finally {
				emu.events.off('request', expire);
				emu.events.off('request', record);
			}
			expect(statuses).toEqual(['POST 401', expect.stringMatching(/^POST 20\d$/)]);
			expect(streamed).toHaveBeenCalledTimes(2);
			const photos = emu.photos('report', report.id);
			expect(photos).toHaveLength(1);
			expect(photos[0].sha256).toBe(sha(bytes));
		},
	);
});
