// A request body sent as a stream, never held whole: a JSON body around a file too big to copy (a photo in
// n8n's binary data store). It has the shape of a file-backed Blob (size, type, stream()), which n8n's HTTP
// client (axios, in n8n 1.x and 2.x) sends as a stream with `size` as Content-Length. The package may import
// no Node module (no `stream`), and a Readable could be sent only once: each stream() call reads the source
// again, so the same body can go out a second time (n8n repeats a call once after logging in again on a 401).

/** Opens the bytes of the file again, from the start. */
export type OpenBytes = () => Promise<AsyncIterable<Uint8Array>>;

export type StreamedBody = {
	readonly size: number;
	readonly type: string;
	stream(): AsyncGenerator<Uint8Array>;
	readonly [Symbol.toStringTag]: 'Blob';
};

export function isStreamedBody(value: unknown): value is StreamedBody {
	return Object.prototype.toString.call(value) === '[object Blob]' && typeof (value as { stream?: unknown }).stream === 'function';
}

/** Bytes base64-encoded at a time at most: a multiple of 3, so the pieces join without padding. */
const BASE64_PIECE = 3 * 256 * 1024;

/** The base64 length of `bytes` bytes. */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

/** `bytes` as base64 text (latin1 bytes), in pieces, whatever the chunks the source gives. */
async function* base64Of(source: AsyncIterable<Uint8Array>, expected: number): AsyncGenerator<Uint8Array> {
	let carry = Buffer.alloc(0);
	let read = 0;
	for await (const chunk of source) {
		read += chunk.length;
		const data = carry.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length) : Buffer.concat([carry, chunk]);
		const whole = data.length - (data.length % 3);
		for (let at = 0; at < whole; at += BASE64_PIECE) {
			yield Buffer.from(data.subarray(at, Math.min(whole, at + BASE64_PIECE)).toString('base64'), 'latin1');
		}
		carry = Buffer.from(data.subarray(whole));
	}
	// the Content-Length was announced: a file that changed size while it was read cannot be sent whole
	if (read !== expected) throw new Error(`the file changed while it was sent: ${read} bytes read, ${expected} expected`);
	if (carry.length > 0) yield Buffer.from(carry.toString('base64'), 'latin1');
}

/**
 * `head` + the base64 of the `size` bytes `open` gives + `tail`, as a streamed body of `type` (for a JSON body whose
 * string holds a file: head ends with `"data:image/png;base64,`, tail starts with `"`).
 */
export function streamedBase64Body(head: string, tail: string, size: number, open: OpenBytes, type = 'application/json'): StreamedBody {
	const headBytes = Buffer.from(head, 'utf8');
	const tailBytes = Buffer.from(tail, 'utf8');
	return {
		size: headBytes.length + base64Length(size) + tailBytes.length,
		type,
		async *stream() {
			yield headBytes;
			yield* base64Of(await open(), size);
			yield tailBytes;
		},
		[Symbol.toStringTag]: 'Blob',
	};
}
