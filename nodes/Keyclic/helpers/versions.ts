import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, failedStatus, keyclicRequest } from '../../common/transport';
import { anyAnswer } from '../../common/transport/apiSchemas';
import type { ApiContext } from '../../common/transport';

// Which Keyclic API versions have a call (the Swagger specs the emulator follows: 1.28 of 2018, 2.4 of
// 2020, 2.13 of 2021, 2.75 of 2025, and the 2025 OpenAPI 3 "v3" API), so that a call a version lacks
// fails naming the operation and the versions that have it, not with a bare 404.

export const EVERY_VERSION_BUT_V3 = 'Keyclic API 1.28 (2018) to 2.75 (2025) only, not in the 2025 OpenAPI 3 ("v3") API';
export const UP_TO_2021 = 'Keyclic API 1.28 (2018) to 2.13 (2021) only, not in the 2025 API';
export const TICKETS_ONLY =
	'the 2025 OpenAPI 3 ("v3") Tickets API only (Keyclic API 2.75 of 2025), not in Keyclic API 1.28 (2018) to 2.13 (2021)';
/** What to do where the API has no Tickets API. */
export const TICKETS_HINT =
	"Use the Report and Operation resources with this Keyclic API; if Keyclic serves its Tickets API on another host, set the credential's Tickets API URL";
/** What to do where an organization has no member list (the 2025 API). */
export const MEMBER_LIST_HINT =
	'With the 2025 API, give members by ID: in Operation → Assign choose "By ID" and enter the member\'s UUID (for example from the "operator" link of an operation Keyclic assigned)';

export interface VersionsOptions {
	/** A call that succeeds when the IDs are right (the organization exists): then a 404/405 means the API lacks the call. */
	exists?: () => Promise<unknown>;
	/** What to do instead, added to the error. */
	hint?: string;
}

/**
 * Runs a call; a 404 or 405 answer gets a description naming the operation, its route and the versions with it.
 * With `exists`, when that check shows the IDs are right, it is a NodeOperationError saying the API lacks the call.
 */
export async function inVersions<T>(
	context: ApiContext,
	operation: string,
	route: string,
	versions: string,
	call: () => Promise<T>,
	{ exists, hint }: VersionsOptions = {},
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const status = failedStatus(error);
		if (error instanceof NodeApiError && (status === 404 || status === 405)) {
			const then = hint === undefined ? '' : ` ${hint}.`;
			if (
				exists !== undefined &&
				(await exists().then(
					() => true,
					() => false,
				))
			) {
				throw new NodeOperationError(context.getNode(), `${operation} is not in your Keyclic API: ${route} exists in ${versions}`, {
					description: `Keyclic answered ${status} to ${route} although the IDs are right: your Keyclic API does not have this call.${then}`,
				});
			}
			error.description =
				`${error.description ?? ''} If the IDs are right, your Keyclic API may not have this call: ${operation} (${route}) exists in ${versions}.${then}`.trim();
		}
		throw asNodeError(context, error);
	}
}

/** The `exists` check of a call under /organizations/{organization}: the organization itself (a route of every version). */
export function organizationExists(context: ApiContext, organization: string): () => Promise<unknown> {
	return async () => await keyclicRequest(context, anyAnswer, 'GET', `/organizations/${organization}`, 'read the organization');
}
