// jsonBodyWithFile: the JSON text of a body holding a file, built as bytes with the base64 written in pieces (a file
// in the item) or streamed from n8n's binary data store, is exactly what JSON.stringify of the same object with the
// data URI gives.
import { randomBytes } from 'node:crypto';

import { isStreamedBody } from '../../nodes/common/transport/streamedBody';
import type { StreamedBody } from '../../nodes/common/transport/streamedBody';
import { jsonBodyWithFile } from '../../nodes/Keyclic/helpers/upload';
import type { UploadFile } from '../../nodes/Keyclic/helpers/upload';

const dataUri = (f: UploadFile, bytes: Buffer) => `data:${f.mimeType};base64,${bytes.toString('base64')}`;

function file(bytes: Buffer, mimeType = 'application/pdf'): UploadFile {
	return { fileName: 'quote.pdf', mimeType, size: bytes.length, content: { bytes } };
}

/** The same file as n8n's binary data store gives it: opened as a stream of `chunk`-byte chunks, each time anew. */
function storedFile(bytes: Buffer, chunk: number, opened: { count: number } = { count: 0 }): UploadFile {
	async function* chunks() {
		opened.count += 1;
		for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
	}
	return { fileName: 'quote.pdf', mimeType: 'application/pdf', size: bytes.length, content: { open: async () => chunks() } };
}

async function read(body: StreamedBody): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	for await (const part of body.stream()) parts.push(part);
	return Buffer.concat(parts);
}

const shape = (f: UploadFile) => (content: string) => ({
	type: 'devis «plombier»',
	file: { content, contentType: f.mimeType, name: 'Devis n°1 "été".pdf' },
	permission: {},
});

describe('jsonBodyWithFile', () => {
	// sizes around the 768 KiB pieces and the 3-byte groups of base64
	test.each([1, 2, 3, 1000, 3 * 256 * 1024, 3 * 256 * 1024 + 1, 2 * 3 * 256 * 1024 + 2])(
		'%i bytes: the same JSON text as JSON.stringify with the data URI',
		(size) => {
			const f = file(randomBytes(size));
			const body = jsonBodyWithFile(f, shape(f));
			expect(Buffer.isBuffer(body)).toBe(true);
			const bytes = (f.content as { bytes: Buffer }).bytes;
			expect((body as Buffer).toString('utf8')).toBe(JSON.stringify(shape(f)(dataUri(f, bytes))));
			expect(Buffer.from(JSON.parse((body as Buffer).toString('utf8')).file.content.split(',')[1], 'base64').equals(bytes)).toBe(true);
		},
	);

	test('a text field holding the marker itself: another marker, nothing lost', () => {
		const f = file(Buffer.from('abc'));
		const shapeWithMarker = (content: string) => ({ image: content, note: 'keyclic-upload-file-content-4f1c9a2e' });
		const body = jsonBodyWithFile(f, shapeWithMarker);
		expect((body as Buffer).toString('utf8')).toBe(JSON.stringify(shapeWithMarker(dataUri(f, Buffer.from('abc')))));
	});

	// chunks that split the 3-byte groups of base64 anywhere, and pieces larger than one base64 piece
	test.each([
		[1, 1],
		[2, 1],
		[1000, 7],
		[1000, 1000],
		[3 * 256 * 1024 + 1, 65536],
		[2 * 3 * 256 * 1024 + 2, 2 * 3 * 256 * 1024 + 2],
	])('a stored file of %i bytes read in chunks of %i: a streamed body, the same JSON text, its size announced', async (size, chunk) => {
		const bytes = randomBytes(size);
		const f = storedFile(bytes, chunk);
		const body = jsonBodyWithFile(f, shape(f));
		expect(isStreamedBody(body)).toBe(true);
		const text = await read(body as StreamedBody);
		expect(text.toString('utf8')).toBe(JSON.stringify(shape(f)(dataUri(f, bytes))));
		expect((body as StreamedBody).size).toBe(text.length);
	});

	test('a streamed body opens the file again each time it is read (n8n sends it again after logging in again)', async () => {
		const bytes = randomBytes(5000);
		const opened = { count: 0 };
		const body = jsonBodyWithFile(storedFile(bytes, 999, opened), (image) => ({ image })) as StreamedBody;
		expect(opened.count).toBe(0);
		const first = await read(body);
		const second = await read(body);
		expect(opened.count).toBe(2);
		expect(second.equals(first)).toBe(true);
	});

	test('a stored file that is not the size its store recorded fails the body instead of sending a wrong Content-Length', async () => {
		const bytes = randomBytes(100);
		const f = { ...storedFile(bytes, 10), size: 101 };
		await expect(read(jsonBodyWithFile(f, (image) => ({ image })) as StreamedBody)).rejects.toThrow(
			'the file changed while it was sent: 100 bytes read, 101 expected',
		);
	});
});
