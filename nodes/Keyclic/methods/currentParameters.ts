import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { locatorValue } from '../../common/locator';
import { keyclicRequest } from '../../common/transport';
import { isUuid } from '../../common/uuid';

// What a list search reads from the parameters the user has filled in the panel (its "current" parameters).

/** The ID typed in `parameter` (a plain string), or an error telling the user to fill it first. */
export function currentId(context: ILoadOptionsFunctions, parameter: string, label: string): string {
	const value: unknown = context.getCurrentNodeParameter(parameter);
	const id = typeof value === 'string' ? value.trim() : '';
	if (!isUuid(id)) {
		throw new NodeOperationError(context.getNode(), `Enter the ${label} first`, {
			description: `The list is read from the ${label.replace(/ ID$/, '').toLowerCase()} itself: type its UUID (not an expression) in "${label}", or use "By ID".`,
		});
	}
	return id;
}

/** The organization picked in the panel's "Organization" parameter; null when the operation has none. */
export function panelOrganization(context: ILoadOptionsFunctions, list: string): string | null {
	const value: unknown = context.getCurrentNodeParameter('organization');
	if (value === undefined) return null;
	const id = locatorValue(value);
	if (!isUuid(id)) {
		throw new NodeOperationError(context.getNode(), 'Choose the Organization first', {
			description: `The ${list} shows those of the organization chosen in "Organization": pick it from its list, or type its UUID (not an expression). Or use "By ID" here.`,
		});
	}
	return id;
}

const placeAnswer = z.looseObject({
	_links: z
		.looseObject({
			organization: z
				.looseObject({
					href: z.string().optional(),
					iriTemplate: z.looseObject({ mapping: z.looseObject({ organization: z.string().optional() }).optional() }).optional(),
				})
				.optional(),
		})
		.optional(),
});

/** The organization that manages the place picked in the panel's "Place" (GET /places/{id}, its organization link). */
export async function placeOrganization(context: ILoadOptionsFunctions, list: string): Promise<string> {
	const place = locatorValue(context.getCurrentNodeParameter('place'));
	if (!isUuid(place)) {
		throw new NodeOperationError(context.getNode(), 'Choose the Place first', {
			description: `The ${list} shows those of the organization that manages the place: pick the place (or type its UUID, not an expression) first, or use "By ID" here.`,
		});
	}
	const answer = await keyclicRequest(context, placeAnswer, 'GET', `/places/${place}`, 'read the place');
	const link = answer._links?.organization;
	const id = link?.iriTemplate?.mapping?.organization ?? /\/organizations\/([^/?#]+)/.exec(link?.href ?? '')?.[1] ?? '';
	if (!isUuid(id)) {
		throw new NodeOperationError(context.getNode(), 'Keyclic does not say which organization manages this place', {
			description: `The place has no organization link, so the ${list} cannot be read: use "By ID" here.`,
		});
	}
	return id;
}
