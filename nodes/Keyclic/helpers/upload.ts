import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

// Files sent to Keyclic from an input binary property: checked BEFORE any call, sent as a base64 data URI
// (no Keyclic spec documents the format of ImageData.image or FileData.content: the node chooses data URIs).

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
 * No spec gives a size limit. The node's own: 20 MiB, which is about 27 MiB of base64 in the JSON body
 * (n8n and most HTTP front ends refuse much larger bodies).
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** A file to send: its bytes; `base64` and `dataUri` are made only when read (each is a string of ~1.33× the file). */
export type UploadFile = {
	fileName: string;
	mimeType: string;
	size: number;
	bytes: Buffer;
	readonly base64: string;
	readonly dataUri: string;
};

function refuse(context: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
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
	const tooBig = (size: number) =>
		refuse(
			context,
			itemIndex,
			`The file in binary field "${property}" (item ${itemIndex}) is too large: ${size} bytes`,
			`The Keyclic node sends files of at most ${MAX_UPLOAD_BYTES} bytes (20 MiB): they travel as base64 in a JSON body.`,
		);
	if (typeof binary.bytes === 'number' && binary.bytes > MAX_UPLOAD_BYTES) tooBig(binary.bytes);
	const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	if (buffer.length > MAX_UPLOAD_BYTES) tooBig(buffer.length);
	if (buffer.length === 0)
		refuse(context, itemIndex, `The file in binary field "${property}" (item ${itemIndex}) is empty`, 'Give a file with content.');
	return {
		fileName: binary.fileName ?? `file.${binary.fileExtension ?? 'bin'}`,
		mimeType,
		size: buffer.length,
		bytes: buffer,
		get base64() {
			return buffer.toString('base64');
		},
		get dataUri() {
			return `data:${mimeType};base64,${buffer.toString('base64')}`;
		},
	};
}

/** Stands for the file's data URI in the JSON text until its bytes are written in (never sent). */
const FILE_MARKER = 'keyclic-upload-file-content-4f1c9a2e';
/** Bytes base64-encoded at a time: a multiple of 3, so the pieces join without padding. */
const CHUNK_BYTES = 3 * 256 * 1024;

/**
 * The JSON body `shape(content)` with the file's data URI as `content`, as the bytes of its JSON text: the
 * base64 is written once, piece by piece, straight into them. n8n sends a Buffer body as it is; an object
 * body would be a data URI string, then JSON.stringify's copy, then the HTTP client's bytes (a 20 MiB file:
 * ~27 MiB sent, over 100 MiB held at once). Falls back to the object when a text field holds the marker.
 */
export function jsonBodyWithFile(file: UploadFile, shape: (content: string) => IDataObject): Buffer | IDataObject {
	const parts = JSON.stringify(shape(FILE_MARKER)).split(JSON.stringify(FILE_MARKER));
	if (parts.length !== 2) return shape(file.dataUri);
	const head = `${parts[0]}"data:${file.mimeType};base64,`;
	const tail = `"${parts[1]}`;
	const headBytes = Buffer.byteLength(head, 'utf8');
	const body = Buffer.allocUnsafe(headBytes + 4 * Math.ceil(file.bytes.length / 3) + Buffer.byteLength(tail, 'utf8'));
	let at = body.write(head, 0, 'utf8');
	for (let i = 0; i < file.bytes.length; i += CHUNK_BYTES) {
		at += body.write(file.bytes.subarray(i, i + CHUNK_BYTES).toString('base64'), at, 'latin1');
	}
	body.write(tail, at, 'utf8');
	return body;
}
