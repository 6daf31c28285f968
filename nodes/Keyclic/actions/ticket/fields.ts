import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { isDataObject } from '../../../common/guards';

import { anyAnswer } from '../../../common/transport/apiSchemas';
import { failedStatus } from '../../../common/transport';
import { ticketsRequest } from '../../../common/transport/tickets';
import { UUID_EXAMPLE } from '../../../common/uuid';
import { keyclicId } from '../../helpers/input';
import { TICKETS_HINT, TICKETS_ONLY, inVersions } from '../../helpers/versions';
import { organizationProperty } from '../common.description';

// What the Ticket operations share: their organization (sent as X-Organization-Id), the ticket ID, and the check that
// names the Tickets API when Keyclic answers 404 because it has none.

/** A Keyclic object with an ID (a ticket, a transition): the rest is passed through as Keyclic sent it. */
export const withIdSchema = z.custom<IDataObject & { id: string }>(
	(value) => isDataObject(value) && typeof value.id === 'string',
	'expected an object with an "id"',
);

export const ticketOrganizationProperty: INodeProperties = {
	...organizationProperty,
	description: 'The Keyclic organization of the tickets (sent as X-Organization-Id, which the Tickets API requires)',
};

export const ticketIdProperty: INodeProperties = {
	displayName: 'Ticket ID',
	name: 'ticketId',
	type: 'string',
	default: '',
	required: true,
	placeholder: `e.g. ${UUID_EXAMPLE}`,
	description:
		'UUID of the ticket: a ticket is a report or an operation, with the same ID (for example the "ID" of a Keyclic Trigger item)',
};

/** A yes/no field of a filter or update collection. */
export const flag = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description,
});

/** Copies the boolean fields `names` of `source` that are set. */
export function pickFlags(source: IDataObject, names: string[]): IDataObject {
	return Object.fromEntries(names.filter((name) => typeof source[name] === 'boolean').map((name) => [name, source[name]]));
}

/** The organization and ticket ID of an item. */
export function ticketTarget(context: IExecuteFunctions, itemIndex: number, withTicket = true): { organization: string; id: string } {
	const organization = keyclicId(context, 'organization', 'Organization', itemIndex);
	return { organization, id: withTicket ? keyclicId(context, 'ticketId', 'Ticket ID', itemIndex) : '' };
}

/**
 * Runs a Tickets API call. Where Keyclic answers 404/405 and GET /tickets answers so too (the API has no Tickets API: the
 * 2018–2021 APIs), the error is a NodeOperationError naming the operation, its route and the API versions that have it.
 */
export async function inTicketsApi<T>(
	context: IExecuteFunctions,
	operation: string,
	route: string,
	organization: string,
	call: () => Promise<T>,
): Promise<T> {
	return await inVersions(context, `Ticket → ${operation}`, route, TICKETS_ONLY, call, {
		hint: TICKETS_HINT,
		// resolves when the API lacks the Tickets API
		exists: async () => {
			const status = await ticketsRequest(context, anyAnswer, 'GET', '/tickets', 'list the tickets', organization, {
				qs: { limit: 1 },
			}).then(
				() => 200,
				(error: unknown) => failedStatus(error),
			);
			if (status !== 404 && status !== 405) throw new Error('the Tickets API answers');
		},
	});
}
