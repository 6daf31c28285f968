import { z } from 'zod/v4';

import { read } from '../guards';

// What Keyclic says about a failed call, read from its error body in either format (docs/keyclic-api.md §1):
//  - vnd.error (API up to 2.17.1): {message, _embedded: {errors: [{message, path}]}}
//  - problem (RFC 7807-like, from about 2.17.2): {title, detail, _embedded: {errors: [{title, detail, path}]}}

const fieldError = z.looseObject({
	message: z.string().optional(),
	detail: z.string().optional(),
	title: z.string().optional(),
	path: z.string().optional(),
	propertyPath: z.string().optional(),
});

const errorBody = z.looseObject({
	type: z.string().optional(),
	message: z.string().optional(),
	detail: z.string().optional(),
	title: z.string().optional(),
	_embedded: z.looseObject({ errors: z.array(fieldError).optional() }).optional(),
});

export type KeyclicErrorDetails = {
	/** Keyclic's error code: the problem format's `type` (vnd.error bodies have none). */
	code: string | null;
	/** The top-level message (vnd.error `message`, problem `detail` or `title`). */
	message: string | null;
	/** Each field error as `path: message` (or the message alone). */
	fields: string[];
};

/** n8n's request helpers keep the answer's body in different places depending on version and helper. */
function bodiesOf(error: object): unknown[] {
	const candidates: unknown[] = [];
	candidates.push(read(read(error, 'context'), 'data'));
	candidates.push(read(read(error, 'response'), 'data'), read(read(error, 'response'), 'body'));
	candidates.push(read(read(read(error, 'cause'), 'response'), 'data'));
	candidates.push(read(error, 'error'));
	return candidates.map((c) => {
		if (typeof c !== 'string') return c;
		try {
			return JSON.parse(c) as unknown;
		} catch {
			return undefined;
		}
	});
}

/** Keyclic's own explanation of a failed call, or null when the error carries no Keyclic error body. */
export function keyclicErrorDetails(error: unknown): KeyclicErrorDetails | null {
	if (typeof error !== 'object' || error === null) return null;
	for (const candidate of bodiesOf(error)) {
		const parsed = errorBody.safeParse(candidate);
		if (!parsed.success) continue;
		const body = parsed.data;
		const fields = (body._embedded?.errors ?? [])
			.map((e) => {
				const text = e.message ?? e.detail ?? e.title;
				const path = e.path ?? e.propertyPath;
				if (text === undefined) return undefined;
				return path ? `${path}: ${text}` : text;
			})
			.filter((line): line is string => line !== undefined);
		const message = body.message ?? body.detail ?? body.title ?? null;
		if (message === null && fields.length === 0) continue;
		return { code: body.type ?? null, message, fields };
	}
	return null;
}

/** One sentence (no final period) for an error description: Keyclic's message, then the field errors it did not already state. */
export function describeKeyclicError(details: KeyclicErrorDetails): string {
	const message = details.message ?? '';
	const extra = details.fields.filter((line) => !message.includes(line.replace(/^[^:]+: /, '')));
	const parts = [message, ...extra].filter((part) => part !== '');
	return `Keyclic says: ${parts.join(' · ').replace(/\.$/, '')}`;
}
