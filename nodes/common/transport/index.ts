import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import type { z } from 'zod/v4';

import { API_CREDENTIAL } from '../credentialNames';
import { describeKeyclicError, keyclicErrorDetails } from './errorDetails';
import { httpStatusOf } from './httpStatus';
import { KeyclicApiError, LOGIN_REFUSED, keyclicErrorOf, loginErrorOf } from './KeyclicApiError';
import { REQUEST_TIMEOUT_MS, retryLimitMs, retryPlan, triedSentence } from './retry';
import type { Attempt } from './retry';
import { isStreamedBody } from './streamedBody';
import type { StreamedBody } from './streamedBody';

export { KeyclicApiError, KeyclicLoginError, keyclicErrorOf, loginErrorOf } from './KeyclicApiError';
export type { KeyclicFailure } from './KeyclicApiError';

export type ApiContext = IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions | IExecuteFunctions | IPollFunctions;

async function apiCredentials(context: ApiContext) {
	try {
		return await context.getCredentials(API_CREDENTIAL);
	} catch {
		throw new NodeOperationError(context.getNode(), 'No "Keyclic API" credential selected', {
			description:
				'Automatic registration and "Confirm with Keyclic API" call the Keyclic API: select or create a Keyclic API credential in the trigger.',
		});
	}
}

const baseUrlOf = (credentials: IDataObject): string => String(credentials.baseUrl ?? 'https://api.keyclic.com').replace(/\/+$/, '');

/** Where Keyclic's Tickets API ("v3") answers: the credential's Tickets API URL, else its Base URL. */
const ticketsBaseUrlOf = (credentials: IDataObject): string =>
	typeof credentials.ticketsBaseUrl === 'string' && credentials.ticketsBaseUrl.trim() !== ''
		? credentials.ticketsBaseUrl.trim().replace(/\/+$/, '')
		: baseUrlOf(credentials);

export async function apiBaseUrl(context: ApiContext): Promise<string> {
	return baseUrlOf(await apiCredentials(context));
}

/** n8n 1.x's wrapper of a refused login: the KeyclicLoginError is gone, its message (LOGIN_REFUSED…) is kept. */
const refusedLoginIn1x = (error: unknown): boolean => error instanceof NodeApiError && error.message.startsWith(LOGIN_REFUSED);

/** The status of a failed call, undefined when Keyclic gave no answer. */
function failureStatus(error: unknown): number | undefined {
	// n8n re-wraps what the credential's login (preAuthentication) throws without its status: the
	// KeyclicLoginError it keeps as cause has it
	return httpStatusOf(error) ?? loginErrorOf(error)?.loginStatus ?? (refusedLoginIn1x(error) ? 401 : undefined);
}

/** What the user should do about a failed Keyclic call. */
function fixFor(status: number | undefined, message: string): string {
	if (status === undefined) {
		return `Check the Base URL of the "Keyclic API" credential and that n8n can reach it (${message}).`;
	}
	if (status === 401) {
		return 'Check the e-mail, password and application key of the "Keyclic API" credential (its Test button tells you).';
	}
	if (status === 403) return 'Is the Keyclic account of the credential a member of that organization?';
	if (status === 404) return 'Check the organization and the IDs.';
	if (status >= 500) return 'The Keyclic service has a problem: try again later.';
	return 'See the Keyclic API error in the details.';
}

/** The request a failed call made and how often (keyclicRequest's retries). */
export interface FailedCall {
	method: IHttpRequestMethods;
	path: string;
	/** What each call got (retry.ts); one entry per call. */
	attempts?: Attempt[];
	/** Why there was no further try ('' when nothing worth saying). */
	stop?: string;
}

/**
 * The KeyclicApiError of a failed call: its message names the problem, its description says what to fix.
 * With an HTTP status, n8n's NodeApiError words the problem from the status (its own status-code
 * messages); without one (no answer) the message says Keyclic could not be reached.
 */
export function keyclicApiError(
	context: ApiContext,
	error: unknown,
	what: string,
	baseUrl: string,
	call: FailedCall = { method: 'GET', path: '' },
): KeyclicApiError {
	const clientMessage = error instanceof Error ? error.message : String(error);
	const status = failureStatus(error);
	const fix = fixFor(status, clientMessage);
	// Keyclic's own words (vnd.error or problem body: message and field errors) come first when it sent any
	const keyclic = keyclicErrorDetails(error);
	const refused = status !== undefined && status >= 400 && status < 500 && ![401, 403, 404].includes(status);
	const advice = keyclic ? `${describeKeyclicError(keyclic)}. ${refused ? 'Correct what Keyclic names and try again.' : fix}` : fix;
	const attempts = call.attempts ?? [];
	const tried = attempts.length === 0 ? '' : triedSentence(call.method, call.path, attempts, call.stop ?? '');
	const description = tried ? `${advice} ${tried}` : advice;
	const failure = {
		status,
		keyclic,
		method: call.method,
		path: call.path,
		attempts,
		loginRefused: loginErrorOf(error)?.refused ?? refusedLoginIn1x(error),
	};
	if (status === undefined) {
		const message = `Could not ${what}: the Keyclic API at ${baseUrl} could not be reached`;
		return new KeyclicApiError(context.getNode(), failure, { message, description, clientMessage: message });
	}
	const apiError = new KeyclicApiError(context.getNode(), failure, { description, clientMessage });
	// no message given: n8n picked it from the status; it gets what was being done in front
	apiError.message = `Could not ${what}: ${apiError.message}`;
	return apiError;
}

/** HTTP status of a failed keyclicRequest (undefined when Keyclic gave no answer or it was not a Keyclic call). */
export function failedStatus(error: unknown): number | undefined {
	return keyclicErrorOf(error)?.status;
}

/** Errors from keyclicRequest are NodeApiErrors already; anything else gets wrapped. */
export function asNodeError(context: ApiContext, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(context.getNode(), { message }, { message });
}

export interface RequestOptions {
	/**
	 * A JSON body: an object, or its JSON text as bytes or as a stream (a body holding a file: helpers/upload.ts
	 * jsonBodyWithFile, streamedBody.ts).
	 */
	body?: IDataObject | Buffer | StreamedBody;
	qs?: IDataObject;
	/**
	 * At most this long in total (first call, waits and retries), whatever the credential's retry limit:
	 * for calls made while someone waits for the answer (Confirm, while Keyclic waits for the webhook's).
	 */
	totalTimeMs?: number;
	/** More headers (X-Organization-Id and the merge-patch Content-Type of the Tickets API). */
	headers?: IDataObject;
	/** 'tickets': a call of Keyclic's Tickets API ("v3"), sent to the credential's Tickets API URL. */
	api?: 'tickets';
}

/**
 * One Keyclic API call. A GET that Keyclic answers 429 or 503, or that gets no answer, is retried a few
 * times (see retry.ts), honouring Retry-After, never waiting past the credential's "Retry Limit". Other
 * methods are never retried here: Keyclic may have applied a POST/PATCH/DELETE whose answer was lost
 * (n8n itself logs in again once and repeats the call after a 401, which Keyclic did not apply).
 */
export async function keyclicRequest<T extends z.ZodType>(
	context: ApiContext,
	schema: T,
	method: IHttpRequestMethods,
	path: string,
	what: string,
	{ body, qs, totalTimeMs, headers, api }: RequestOptions = {},
): Promise<z.infer<T>> {
	const credentials = await apiCredentials(context);
	const baseUrl = api === 'tickets' ? ticketsBaseUrlOf(credentials) : baseUrlOf(credentials);
	const limitMs = Math.min(retryLimitMs(credentials), totalTimeMs ?? Infinity);
	const started = Date.now();
	const attempts: Attempt[] = [];
	const asBytes = Buffer.isBuffer(body) || isStreamedBody(body);
	const sentHeaders: IDataObject = { ...(asBytes ? { 'Content-Type': 'application/json' } : {}), ...headers };
	let response: unknown;
	for (;;) {
		const remaining = totalTimeMs === undefined ? REQUEST_TIMEOUT_MS : totalTimeMs - (Date.now() - started);
		const timeout = Math.max(1, Math.min(REQUEST_TIMEOUT_MS, remaining));
		const callStarted = Date.now();
		try {
			response = await context.helpers.httpRequestWithAuthentication.call(context, API_CREDENTIAL, {
				method,
				url: `${baseUrl}${path}`,
				body,
				...(Object.keys(sentHeaders).length > 0 ? { headers: sentHeaders } : {}),
				qs,
				// a list filter is sent as Keyclic names it: states[]=A&states[]=B
				...(Object.values(qs ?? {}).some(Array.isArray) ? { arrayFormat: 'brackets' as const } : {}),
				json: true,
				timeout,
			});
			break;
		} catch (error) {
			const plan = retryPlan({
				method,
				error,
				status: failureStatus(error),
				attempts,
				elapsedMs: Date.now() - started,
				limitMs,
				limitName: limitMs === totalTimeMs ? 'while Keyclic waits for the answer' : 'Retry Limit of the "Keyclic API" credential',
				timeoutMs: timeout,
				callMs: Date.now() - callStarted,
			});
			if (plan.waitMs === undefined) {
				throw keyclicApiError(context, error, what, baseUrl, { method, path, attempts, stop: plan.stop });
			}
			await sleep(plan.waitMs);
		}
	}
	const parsed = schema.safeParse(response ?? {});
	if (!parsed.success) {
		throw new NodeApiError(
			context.getNode(),
			{ message: parsed.error.message },
			{
				message: `Could not ${what}: unexpected answer from Keyclic`,
				description: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
			},
		);
	}
	return parsed.data;
}
