// jsonBodyWithFile: the JSON text of a body holding a file, built as bytes with the base64 written in pieces,
// is exactly what JSON.stringify of the same object with the data URI gives.
import { randomBytes } from 'node:crypto';

import { jsonBodyWithFile } from '../../nodes/Keyclic/helpers/upload';
import type { UploadFile } from '../../nodes/Keyclic/helpers/upload';

function file(bytes: Buffer, mimeType = 'application/pdf'): UploadFile {
	return {
		fileName: 'quote.pdf',
		mimeType,
		size: bytes.length,
		bytes,
		get base64() {
			return bytes.toString('base64');
		},
		get dataUri() {
			return `data:${mimeType};base64,${bytes.toString('base64')}`;
		},
	};
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
			expect((body as Buffer).toString('utf8')).toBe(JSON.stringify(shape(f)(f.dataUri)));
			expect(Buffer.from(JSON.parse((body as Buffer).toString('utf8')).file.content.split(',')[1], 'base64').equals(f.bytes)).toBe(true);
		},
	);

	test('a text field holding the marker itself: the plain object, nothing lost', () => {
		const f = file(Buffer.from('abc'));
		const body = jsonBodyWithFile(f, (content) => ({ image: content, note: 'keyclic-upload-file-content-4f1c9a2e' }));
		expect(body).toEqual({ image: f.dataUri, note: 'keyclic-upload-file-content-4f1c9a2e' });
	});
});
