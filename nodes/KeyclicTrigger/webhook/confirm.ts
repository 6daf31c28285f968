import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { identify, normalizeResource } from '../../common/normalize';
import type { IdentifiedResource } from '../../common/normalize';
import { failedStatus, keyclicRequest } from '../../common/transport';
import { anyAnswer } from '../../common/transport/apiSchemas';
import type { KeyclicEvent } from '../../common/events';

// "Confirm with Keyclic API": Keyclic signs nothing, so before starting the workflow the trigger
// re-reads the notified report/operation with the user's Keyclic account. A forged notification
// (unknown id, or a resource of another organization) is refused; the fresh resource is what the item
// carries. operation_removed is the exception: the operation is expected to be GONE (404) and the item
// carries the last version Keyclic sent; if it still exists, the removal is refused.

/**
 * Keyclic waits for the webhook's answer while Confirm reads the resource: retries of that read (see
 * common/transport/retry.ts) stop after this long in total, and the trigger answers 503.
 */
export const CONFIRM_TIME_MS = 5000;

export type Confirmation = { ok: true; resource: IdentifiedResource } | { ok: false; status: number; body: IDataObject };

const refuse = (status: number, error: string, message: string): Confirmation => ({
	ok: false,
	status,
	body: { error, message },
});

/** `organization`: the one of Automatic registration ('' when any is fine). */
export async function confirmWithKeyclic(
	context: IWebhookFunctions,
	event: KeyclicEvent | string,
	resource: IdentifiedResource,
	organization: string,
): Promise<Confirmation> {
	const { resourceType, id } = resource;
	// the id is whatever the caller sent (any non-empty string): it must stay one path segment
	const path = `/${resourceType === 'report' ? 'reports' : 'operations'}/${encodeURIComponent(id)}`;
	let fresh: unknown;
	try {
		fresh = await keyclicRequest(context, anyAnswer, 'GET', path, `confirm ${resourceType} ${id} with Keyclic`, {
			totalTimeMs: CONFIRM_TIME_MS,
		});
	} catch (error) {
		const status = failedStatus(error);
		if (event === 'operation_removed' && status === 404) return { ok: true, resource };
		if (status === 404 || status === 403) {
			return refuse(403, 'not_confirmed', `Keyclic does not confirm ${resourceType} ${id} (the API answered ${status}).`);
		}
		const tried = error instanceof NodeApiError && error.description ? ` (${error.description})` : '';
		context.logger.warn(`Keyclic Trigger: could not confirm ${resourceType} ${id}: ${String(error)}${tried}`);
		return refuse(503, 'confirmation_unavailable', `The Keyclic API could not be asked to confirm this ${resourceType}; try again later.`);
	}
	if (event === 'operation_removed') {
		return refuse(409, 'not_confirmed', `Operation ${id} still exists in Keyclic: it was not removed.`);
	}
	const confirmed = identify(resourceType, fresh);
	if (!confirmed.ok || confirmed.resource.id !== id) {
		return refuse(502, 'confirmation_unavailable', `Keyclic answered an unexpected ${resourceType} for ${id}.`);
	}
	const owner = normalizeResource(confirmed.resource).organizationId;
	if (organization && owner && owner !== organization) {
		return refuse(403, 'not_confirmed', `${resourceType} ${id} belongs to another Keyclic organization.`);
	}
	return { ok: true, resource: confirmed.resource };
}
