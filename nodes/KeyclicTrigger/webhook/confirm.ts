import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { anyAnswer } from '../../shared/transport/apiSchemas';
import { EVENT_INFO } from './events';
import type { KeyclicEvent } from './events';
import { isDataObject } from '../../shared/guards';
import { organizationOf } from '../../shared/normalize';
import type { KeyclicResource } from '../../shared/schemas';
import { failedStatus, keyclicRequest } from '../../shared/transport';
import { checkPayload } from './envelope';
import { getOrganization } from './parameters';

// "Confirm with Keyclic API": Keyclic signs nothing, so before starting the workflow the trigger
// re-reads the notified report/operation with the user's Keyclic account. A forged notification
// (unknown id, or a resource of another organization) is refused; the fresh resource is what the item
// carries. operation_removed is the exception: the operation is expected to be GONE (404) and the item
// carries the last version Keyclic sent; if it still exists, the removal is refused.

export type Confirmation =
	| { ok: true; resource: KeyclicResource; payload: IDataObject }
	| { ok: false; status: number; body: IDataObject };

const refuse = (status: number, error: string, message: string): Confirmation => ({
	ok: false,
	status,
	body: { error, message },
});

export async function confirmWithKeyclic(
	context: IWebhookFunctions,
	event: KeyclicEvent,
	resource: KeyclicResource,
	payload: IDataObject,
): Promise<Confirmation> {
	const { resourceType } = EVENT_INFO[event];
	const path = `/${resourceType === 'report' ? 'reports' : 'operations'}/${resource.id}`;
	let fresh: unknown;
	try {
		fresh = await keyclicRequest(context, anyAnswer, 'GET', path, `confirm ${resourceType} ${resource.id} with Keyclic`);
	} catch (error) {
		const status = failedStatus(error);
		if (event === 'operation_removed' && status === 404) return { ok: true, resource, payload };
		if (status === 404 || status === 403) {
			return refuse(403, 'not_confirmed', `Keyclic does not confirm ${resourceType} ${resource.id} (the API answered ${status}).`);
		}
		context.logger.warn(`Keyclic Trigger: could not confirm ${resourceType} ${resource.id}: ${String(error)}`);
		return refuse(503, 'confirmation_unavailable', `The Keyclic API could not be asked to confirm this ${resourceType}; try again later.`);
	}
	if (event === 'operation_removed') {
		return refuse(409, 'not_confirmed', `Operation ${resource.id} still exists in Keyclic: it was not removed.`);
	}
	const checked = isDataObject(fresh) ? checkPayload(event, fresh) : undefined;
	if (!checked || !checked.ok || !isDataObject(fresh)) {
		return refuse(502, 'confirmation_unavailable', `Keyclic answered an unexpected ${resourceType} for ${resource.id}.`);
	}
	const organization = getOrganization(context);
	const owner = organizationOf(checked.resource);
	if (organization && owner && owner !== organization) {
		return refuse(403, 'not_confirmed', `${resourceType} ${resource.id} belongs to another Keyclic organization.`);
	}
	return { ok: true, resource: checked.resource, payload: fresh };
}
