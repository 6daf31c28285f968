import { ApplicationError, NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { base64Length, streamedBase64Body } from '../../common/transport/streamedBody';
import type { OpenBytes, StreamedBody } from '../../common/transport/streamedBody';

// Files sent to Keyclic from an input binary property: checked BEFORE any call, sent as a base64 data URI
// (no Keyclic spec documents the format of ImageData.image or FileData.content: the node chooses data URIs),
// streamed from n8n's binary data store when the file is there.

/** The MIME types of a document file each Keyclic API era accepts: the `contentType` enums of its spec. */
export const DOCUMENT_CONTENT_TYPES = {
	/** s20 and s21 (API 2.4, 2.13): DocumentFile.contentType. */
	'2020': [
		'text/csv',
		'application/msword',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'image/jpeg',
		'image/jpg',
		'application/pdf',
		'image/png',
		'text/plain',
		'application/vnd.ms-excel',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'application/zip',
	],
	/** s25 (API 2.75): FileData.contentType (and DocumentFile's, Binary's): 2020's plus application/json and application/octet-stream. */
	'2025': [
		'text/csv',
		'application/msword',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'image/jpeg',
		'image/jpg',
		'application/json',
		'application/octet-stream',
		'application/pdf',
		'image/png',
		'text/plain',
		'application/vnd.ms-excel',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'application/zip',
	],
} as const satisfies Record<string, readonly string[]>;

/**
 * What the check before an upload accepts for a document of a report or an operation. Operation documents exist in the
 * 2025 API only: its list. A report's API may be of 2020, 2021 or 2025, which nothing tells before a call: the 2025 list
 * (the widest), saying which types the older APIs refuse.
 */
/** The document types only the 2025 API takes (the 2020 and 2021 APIs refuse them). */
const ONLY_2025: readonly string[] = DOCUMENT_CONTENT_TYPES['2025'].filter(
	(type) => !(DOCUMENT_CONTENT_TYPES['2020'] as readonly string[]).includes(type),
);

export function documentTypesFor(parent: 'report' | 'operation'): { accepted: readonly string[]; note?: string } {
	if (parent === 'operation') return { accepted: DOCUMENT_CONTENT_TYPES['2025'] };
	return {
		accepted: DOCUMENT_CONTENT_TYPES['2025'],
		note: `The Keyclic APIs of 2020 and 2021 also refuse ${ONLY_2025.join(' and ')} (they take documents of reports only).`,
	};
}

/**
 * What to add when Keyclic answers 400 to a report document of a type only the 2025 API takes (the check before
 * the call lets it through, the API's era being unknown until then); undefined for any other type.
 */
export function olderApisRefuse(mimeType: string): string | undefined {
	if (!ONLY_2025.includes(mimeType)) return undefined;
	return `The file is "${mimeType}", which only the Keyclic API of 2025 takes: the APIs of 2020 and 2021 refuse it. If yours is one of them, send the file as one of ${DOCUMENT_CONTENT_TYPES['2020'].join(', ')} (for example zipped: application/zip).`;
}

/** The image types of those enums: what a photo may be. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/jpg', 'image/png'];

/**
 * No Keyclic spec or doc gives a size limit. The node's own, checked before any call: 64 MiB, about 85 MiB of
 * base64 in the JSON body. A photo from a phone is a few MB; a file far larger is more likely a video or a scan
 * sent by mistake. Files in n8n's binary data store are streamed, never held whole, so the limit is not memory.
 */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/**
 * A file to send: where its bytes are. In the item itself (n8n's memory mode, the `default` binary data mode of
 * n8n 1.x): `bytes`. In n8n's binary data store (`filesystem`, n8n 2.x's default, `database` or `s3`: the binary
 * has an id): `open`, which reads them as a stream from the start each time it is called.
 */
export type UploadFile = {
	fileName: string;
	mimeType: string;
	size: number;
	content: { bytes: Buffer } | { open: OpenBytes };
};

function refuse(context: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** The size n8n's binary data store records for a file (undefined when it gives none). */
async function storedSize(context: IExecuteFunctions, id: string): Promise<number | undefined> {
	const { fileSize } = await context.helpers.getBinaryMetadata(id);
	return Number.isInteger(fileSize) && fileSize >= 0 ? fileSize : undefined;
}

/** The input binary property as a file Keyclic takes, or a NodeOperationError naming what is wrong. */
export async function uploadFile(
	context: IExecuteFunctions,
	itemIndex: number,
	{ property, accepted, note, what }: { property: string; accepted: readonly string[]; note?: string; what: string },
): Promise<UploadFile> {
	if (property === '') {
		refuse(
			context,
			itemIndex,
			'The "Input Binary Field" parameter is empty',
			'Enter the name of the binary field holding the file, for example data.',
		);
	}
	// n8n's own check: names the field and the item when the input item has no such binary
	const binary: IBinaryData = context.helpers.assertBinaryData(itemIndex, property);
	const mimeType = (binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!accepted.includes(mimeType)) {
		refuse(
			context,
			itemIndex,
			`Keyclic does not accept ${mimeType === '' ? 'files without a MIME type' : `"${mimeType}" files`} as ${what} (binary field "${property}", item ${itemIndex})`,
			`Keyclic accepts: ${accepted.join(', ')}.${note === undefined ? '' : ` ${note}`} Convert the file first, or fix its MIME type.`,
		);
	}
	const checkSize = (size: number) => {
		if (size > MAX_UPLOAD_BYTES) {
			refuse(
				context,
				itemIndex,
				`The file in binary field "${property}" (item ${itemIndex}) is too large: ${size} bytes`,
				`The Keyclic node sends files of at most ${MAX_UPLOAD_BYTES} bytes (64 MiB): Keyclic publishes no limit, this is the node's own. Make the file smaller first (for example a photo with n8n's Edit Image node).`,
			);
		}
		if (size === 0) {
			refuse(context, itemIndex, `The file in binary field "${property}" (item ${itemIndex}) is empty`, 'Give a file with content.');
		}
		return size;
	};
	const fileName = binary.fileName ?? `file.${binary.fileExtension ?? 'bin'}`;
	const id = binary.id;
	// in n8n's binary data store: streamed from it, never read whole (its recorded size is the Content-Length)
	const size = id === undefined ? undefined : await storedSize(context, id);
	if (id !== undefined && size !== undefined) {
		checkSize(size);
		return { fileName, mimeType, size, content: { open: async () => await context.helpers.getBinaryStream(id) } };
	}
	// in the item: too big is known before it is read
	if (typeof binary.bytes === 'number' && binary.bytes > MAX_UPLOAD_BYTES) checkSize(binary.bytes);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	return { fileName, mimeType, size: checkSize(bytes.length), content: { bytes } };
}

/** Stands for the file's data URI in the JSON text until its bytes are written in (never sent). */
const FILE_MARKER = 'keyclic-upload-file-content-4f1c9a2e';
/** Bytes base64-encoded at a time: a multiple of 3, so the pieces join without padding. */
const CHUNK_BYTES = 3 * 256 * 1024;

/** The JSON text of `shape(content)` before and after the content string: a marker no text field holds. */
function textAround(shape: (content: string) => IDataObject): [string, string] {
	for (let n = 0; n < 100; n++) {
		const marker = n === 0 ? FILE_MARKER : `${FILE_MARKER}-${n}`;
		const parts = JSON.stringify(shape(marker)).split(JSON.stringify(marker));
		if (parts.length === 2) return [parts[0], parts[1]];
		if (parts.length < 2) break;
	}
	throw new ApplicationError('The body of an upload holds no file');
}

/**
 * The JSON body `shape(content)` with the file's data URI as `content`, as its JSON text: the base64 is written
 * once, piece by piece, never as one string. A file in n8n's binary data store: a streamed body (streamedBody.ts),
 * read from the store while it is sent. A file in the item: the bytes of the JSON text (n8n sends a Buffer body
 * as it is; an object body would be a data URI string, then JSON.stringify's copy, then the HTTP client's bytes).
 */
export function jsonBodyWithFile(file: UploadFile, shape: (content: string) => IDataObject): Buffer | StreamedBody {
	const [before, after] = textAround(shape);
	const head = `${before}"data:${file.mimeType};base64,`;
	const tail = `"${after}`;
	if ('open' in file.content) return streamedBase64Body(head, tail, file.size, file.content.open);
	const { bytes } = file.content;
	const headBytes = Buffer.byteLength(head, 'utf8');
	const body = Buffer.allocUnsafe(headBytes + base64Length(bytes.length) + Buffer.byteLength(tail, 'utf8'));
	let at = body.write(head, 0, 'utf8');
	for (let i = 0; i < bytes.length; i += CHUNK_BYTES) {
		at += body.write(bytes.subarray(i, i + CHUNK_BYTES).toString('base64'), at, 'latin1');
	}
	body.write(tail, at, 'utf8');
	return body;
}
