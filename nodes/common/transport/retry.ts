import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { read } from '../guards';

// When a failed Keyclic API call is tried again (keyclicRequest in index.ts):
//  - only GETs (reading twice is harmless); a POST/PATCH/DELETE whose answer was lost may have been
//    applied by Keyclic, so it is never repeated here;
//  - only for answers that say "later" (429 Too Many Requests, 503 Service Unavailable) and for no answer
//    at all (connection refused or reset, timeout): a 500 or a 4xx would answer the same again;
//  - at most MAX_RETRIES times, waiting what Keyclic's Retry-After says (else BACKOFF_MS, doubling), and
//    never past the limit: the credential's "Retry Limit" (seconds, 0 = no retry) or a caller's total
//    time (Confirm answers Keyclic within a few seconds).

/** Time a single call may take before it counts as "no answer". */
export const REQUEST_TIMEOUT_MS = 60_000;

export const MAX_RETRIES = 3;

export const DEFAULT_RETRY_LIMIT_SECONDS = 30;

const BACKOFF_MS = 250;

const RETRIED_STATUSES = [429, 503];

/** What one call got, in words ("429 (Retry-After 60 s)", "no answer within 5 s", "no answer (ECONNRESET)"). */
export type Attempt = string;

export function retryLimitMs(credentials: IDataObject): number {
	const seconds = Number(credentials.retryLimit ?? DEFAULT_RETRY_LIMIT_SECONDS);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_LIMIT_SECONDS * 1000;
}

/** The Retry-After of the answer, in ms (n8n keeps the HTTP client's error as `cause`). */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
	for (const holder of [error, read(error, 'cause')]) {
		const headers = read(read(holder, 'response'), 'headers');
		const value = read(headers, 'retry-after') ?? read(headers, 'Retry-After');
		if (typeof value !== 'string' && typeof value !== 'number') continue;
		const text = String(value).trim();
		if (/^\d+$/.test(text)) return Number(text) * 1000;
		const date = Date.parse(text);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	return undefined;
}

/**
 * The network error code (ECONNREFUSED, ECONNRESET, ECONNABORTED…): on the error or its cause, or, from
 * n8n 1.x, only as the NodeApiError's `httpCode` (its NodeApiError keeps neither the cause nor the answer's
 * headers, so a Retry-After cannot be read there: see docs/scaling-and-delivery.md, Delivery guarantees).
 */
function codeOf(error: unknown): string | undefined {
	for (const holder of [error, read(error, 'cause')]) {
		const code = read(holder, 'code');
		if (typeof code === 'string' && code !== '') return code;
	}
	const httpCode = read(error, 'httpCode');
	if (typeof httpCode === 'string' && /^E[A-Z_]+$/.test(httpCode)) return httpCode;
	return undefined;
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(2))} s`;

/** Network error codes of a call that got no answer in time (axios, Node). */
const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'];

function outcomeOf(q: RetryQuestion): Attempt {
	if (q.status !== undefined) {
		const after = retryAfterMs(q.error);
		return after === undefined ? String(q.status) : `${q.status} (Retry-After ${seconds(after)})`;
	}
	const code = codeOf(q.error);
	// a timeout is known by its code, or by the call having lasted its whole timeout (whatever the client calls it)
	const timedOut = (code !== undefined && TIMEOUT_CODES.includes(code)) || (q.callMs !== undefined && q.callMs >= q.timeoutMs);
	if (timedOut) return `no answer within ${seconds(q.timeoutMs)}`;
	return `no answer (${code ?? (q.error instanceof Error ? q.error.message : String(q.error))})`;
}

export interface RetryQuestion {
	method: IHttpRequestMethods;
	error: unknown;
	/** HTTP status of the failure; undefined when Keyclic gave no answer. */
	status: number | undefined;
	/** Outcomes of the calls so far; this one is added. */
	attempts: Attempt[];
	elapsedMs: number;
	limitMs: number;
	/** Where the limit is set, for the error message. */
	limitName: string;
	timeoutMs: number;
	/** How long this call took. */
	callMs?: number;
}

/** Wait `waitMs` and try again, or stop (`stop`: why no further try, '' when nothing worth saying). */
export function retryPlan(q: RetryQuestion): { waitMs: number; stop?: undefined } | { waitMs?: undefined; stop: string } {
	q.attempts.push(outcomeOf(q));
	const later = q.status === undefined || RETRIED_STATUSES.includes(q.status);
	if (!later) return { stop: '' };
	if (q.method !== 'GET') return { stop: `a ${q.method} is never repeated (Keyclic may have applied it)` };
	if (q.attempts.length > MAX_RETRIES) return { stop: `gave up after ${q.attempts.length} calls` };
	const asked = retryAfterMs(q.error);
	const waitMs = asked ?? BACKOFF_MS * 2 ** (q.attempts.length - 1);
	if (q.elapsedMs + waitMs > q.limitMs) {
		const limit = `${seconds(q.limitMs)} (${q.limitName})`;
		return {
			stop:
				asked === undefined
					? `not tried again: waiting ${seconds(waitMs)} more would pass the limit of ${limit}`
					: `not tried again: Keyclic asked to wait ${seconds(asked)}, past the limit of ${limit}`,
		};
	}
	return { waitMs };
}

/** The sentence the final error ends with ('' for a single call that says it all). */
export function triedSentence(method: IHttpRequestMethods, path: string, attempts: Attempt[], stop: string): string {
	if (attempts.length === 1 && stop === '') return '';
	const calls = attempts.length === 1 ? 'once' : `${attempts.length} times`;
	return `Called ${method} ${path} ${calls}: ${attempts.join(', ')}${stop ? `; ${stop}` : ''}.`;
}
