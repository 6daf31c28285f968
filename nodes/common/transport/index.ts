import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import type { z } from 'zod/v4';

import { API_CREDENTIAL } from '../credentialNames';
import { describeKeyclicError, keyclicErrorDetails } from './errorDetails';
import { httpStatusOf } from './httpStatus';

export type ApiContext = IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions | IExecuteFunctions;

export async function apiBaseUrl(context: ApiContext): Promise<string> {
	let credentials;
	try {
		credentials = await context.getCredentials(API_CREDENTIAL);
	} catch {
		throw new NodeOperationError(context.getNode(), 'No "Keyclic API" credential selected', {
			description:
				'Automatic registration and "Confirm with Keyclic API" call the Keyclic API: select or create a Keyclic API credential in the trigger.',
		});
	}
	return String(credentials.baseUrl ?? 'https://api.keyclic.com').replace(/\/+$/, '');
}

/** Why a Keyclic call failed, in words, and what the user should do about it. */
function explain(status: number | undefined, message: string, baseUrl: string): { reason: string; fix: string } {
	if (status === 401) {
		return {
			reason: 'Keyclic refused the login',
			fix: 'Check the e-mail, password and application key of the "Keyclic API" credential (its Test button tells you).',
		};
	}
	if (status === 403) {
		return { reason: 'Keyclic refused access', fix: 'Is the Keyclic account of the credential a member of that organization?' };
	}
	if (status === 404) return { reason: 'Keyclic does not know this resource', fix: 'Check the organization and the IDs.' };
	if (status !== undefined && status >= 500) {
		return { reason: `Keyclic answered ${status}`, fix: 'The Keyclic service has a problem: try again later.' };
	}
	if (status === undefined) {
		return {
			reason: `the Keyclic API at ${baseUrl} could not be reached`,
			fix: `Check the Base URL of the "Keyclic API" credential and that n8n can reach it (${message}).`,
		};
	}
	return { reason: `Keyclic answered ${status}`, fix: 'See the Keyclic API error in the details.' };
}

/** An API error whose message names the problem and whose description says what to fix. */
function keyclicApiError(context: ApiContext, error: unknown, what: string, baseUrl: string): NodeApiError {
	const message = error instanceof Error ? error.message : String(error);
	// n8n re-wraps errors thrown by the credential's login (preAuthentication) without their status:
	// the credential's own wording still says what happened
	const status = httpStatusOf(error) ?? (/Keyclic refused the login/.test(message) ? 401 : undefined);
	const { reason, fix } = explain(status, message, baseUrl);
	const summary = `Could not ${what}: ${reason}`;
	// Keyclic's own words (vnd.error or problem body: message and field errors) come first when it sent any
	const details = keyclicErrorDetails(error);
	const refused = status !== undefined && status >= 400 && status < 500 && ![401, 403, 404].includes(status);
	const description = details ? `${describeKeyclicError(details)}. ${refused ? 'Correct what Keyclic names and try again.' : fix}` : fix;
	const httpCode = status === undefined ? undefined : String(status);
	// A fresh error object: wrapping the original would let n8n swap our message for a generic one
	// ("Authorization failed", "The service refused the connection") chosen from its error code.
	return new NodeApiError(context.getNode(), { message: summary, httpCode: httpCode ?? null } as JsonObject, {
		message: summary,
		description,
		httpCode,
	});
}

/** HTTP status of a failed keyclicRequest (undefined when Keyclic gave no answer or it was not an API error). */
export function failedStatus(error: unknown): number | undefined {
	return error instanceof NodeApiError && error.httpCode ? Number(error.httpCode) : undefined;
}

/** Errors from keyclicRequest are NodeApiErrors already; anything else gets wrapped. */
export function asNodeError(context: ApiContext, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(context.getNode(), { message }, { message });
}

export async function keyclicRequest<T extends z.ZodType>(
	context: ApiContext,
	schema: T,
	method: IHttpRequestMethods,
	path: string,
	what: string,
	{ body, qs }: { body?: IDataObject; qs?: IDataObject } = {},
): Promise<z.infer<T>> {
	const baseUrl = await apiBaseUrl(context);
	let response: unknown;
	try {
		response = await context.helpers.httpRequestWithAuthentication.call(context, API_CREDENTIAL, {
			method,
			url: `${baseUrl}${path}`,
			body,
			qs,
			// a list filter is sent as Keyclic names it: states[]=A&states[]=B
			...(Object.values(qs ?? {}).some(Array.isArray) ? { arrayFormat: 'brackets' as const } : {}),
			json: true,
		});
	} catch (error) {
		throw keyclicApiError(context, error, what, baseUrl);
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
