import type { IExecuteFunctions } from 'n8n-workflow';

// What a downloaded photo is (MIME type) and the file name that says it (its extension), from what the node knows:
// the bytes' signature first (the truth), then the file host's Content-Type unless it is a generic one, then the
// extension of the name the host or the link gives. Mail, chat and drive nodes pick the type from these.

/** What n8n's binary store takes: a Buffer or a Readable stream (type only: the package imports no Node module). */
type BinarySource = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];
type PeekableStream = {
	on(event: 'readable', listener: () => void): unknown;
	once(event: 'end' | 'error', listener: (value?: unknown) => void): unknown;
	off(event: string, listener: (...args: never[]) => void): unknown;
	read(): Buffer | null;
	unshift(chunk: Buffer): unknown;
};

/** The image types the node names, with their usual extension (the first) and the others. */
const IMAGE_TYPES: Record<string, readonly string[]> = {
	'image/png': ['png'],
	'image/jpeg': ['jpg', 'jpeg', 'jpe'],
	'image/gif': ['gif'],
	'image/webp': ['webp'],
	'image/heic': ['heic', 'heif'],
};

/** Types that say nothing of the content. */
const GENERIC = ['', 'application/octet-stream', 'binary/octet-stream', 'application/binary', 'application/unknown'];

const ascii = (head: Buffer, from: number, to: number) => head.subarray(from, to).toString('latin1');

/** The image type of the first bytes (PNG, JPEG, GIF, WebP, HEIC/HEIF), or null. */
export function sniffImageType(head: Buffer): string | null {
	if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
	if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
	if (['GIF87a', 'GIF89a'].includes(ascii(head, 0, 6))) return 'image/gif';
	if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
	if (ascii(head, 4, 8) === 'ftyp' && ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(ascii(head, 8, 12))) {
		return 'image/heic';
	}
	return null;
}

function extensionOf(name: string): string | null {
	const match = /\.([a-z0-9]{1,5})$/i.exec(name);
	return match ? match[1].toLowerCase() : null;
}

/** The image type a file name's extension says, or null. */
function typeOfName(name: string | null): string | null {
	const extension = name === null ? null : extensionOf(name);
	if (extension === null) return null;
	return Object.entries(IMAGE_TYPES).find(([, extensions]) => extensions.includes(extension))?.[0] ?? null;
}

/** The photo's MIME type from its signature, the host's Content-Type and the names it goes by; null if none says. */
export function photoMimeType(head: Buffer, hostType: string | null, names: Array<string | null>): string | null {
	const sniffed = sniffImageType(head);
	if (sniffed !== null) return sniffed;
	const host = (hostType ?? '').toLowerCase();
	if (!GENERIC.includes(host)) return host;
	for (const name of names) {
		const type = typeOfName(name);
		if (type !== null) return type;
	}
	return host === '' ? null : host;
}

/** `name` with the usual extension of `mimeType` (kept when it already has one of that type's). */
export function withExtension(name: string, mimeType: string | null): string {
	const extensions = mimeType === null ? undefined : IMAGE_TYPES[mimeType];
	if (extensions === undefined) return name;
	const current = extensionOf(name);
	if (current !== null && extensions.includes(current)) return name;
	const base = current !== null && typeOfName(name) !== null ? name.slice(0, -(current.length + 1)) : name;
	return `${base}.${extensions[0]}`;
}

/**
 * The first bytes of a file without consuming them: a Buffer's start, or what a stream has buffered first, read in
 * paused mode and put back. Once the 'readable' listener is gone the stream is neither flowing nor paused, so n8n's
 * binary store starts it as it would a fresh one (by a 'data' listener or a pipe).
 */
export async function peekHead(source: BinarySource): Promise<Buffer> {
	if (Buffer.isBuffer(source)) return source.subarray(0, 16);
	const stream = source as unknown as PeekableStream;
	return await new Promise<Buffer>((resolve, reject) => {
		const stop = () => {
			stream.off('readable', onReadable);
			stream.off('end', onEnd);
			stream.off('error', onError);
		};
		const onReadable = () => {
			const chunk = stream.read();
			if (chunk === null) return;
			stop();
			stream.unshift(chunk);
			resolve(Buffer.from(chunk).subarray(0, 16));
		};
		const onEnd = () => {
			stop();
			resolve(Buffer.alloc(0));
		};
		const onError = (error: unknown) => {
			stop();
			reject(error instanceof Error ? error : new Error(String(error)));
		};
		stream.on('readable', onReadable);
		stream.once('end', onEnd);
		stream.once('error', onError);
	});
}
