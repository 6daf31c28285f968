import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { isDataObject } from '../../../common/guards';

import { asNodeError, failedStatus } from '../../../common/transport';
import { hasTicketsApi, lacksTicketsApi } from '../../../common/transport/tickets';
import { UUID_EXAMPLE } from '../../../common/uuid';
import { keyclicId } from '../../helpers/input';
import { TICKETS_HINT, TICKETS_ONLY } from '../../helpers/versions';
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

/** Whether the API lacks the Tickets API: GET /tickets answers 404 or 405. */
async function lacksTickets(context: IExecuteFunctions, organization: string): Promise<boolean> {
	return await hasTicketsApi(context, organization).then(
		(has) => !has,
		() => false,
	);
}

/**
 * Runs a Tickets API call. Where Keyclic answers 404/405 and GET /tickets answers so too (the API has no Tickets API: the
 * 2018–2021 APIs), the error is a NodeOperationError naming the operation, its route and the API versions that have it;
 * otherwise (an unknown ticket) Keyclic's error as it is.
 */
export async function inTicketsApi<T>(
	context: IExecuteFunctions,
	operation: string,
	route: string,
	organization: string,
	call: () => Promise<T>,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const status = failedStatus(error);
		if (lacksTicketsApi(error) && (route === 'GET /tickets' || (await lacksTickets(context, organization)))) {
			throw new NodeOperationError(
				context.getNode(),
				`Ticket → ${operation} is not in your Keyclic API: ${route} exists in ${TICKETS_ONLY}`,
				{
					description: `Keyclic answered ${status} to ${route}, and has no GET /tickets: your Keyclic API has no Tickets API. ${TICKETS_HINT}.`,
				},
			);
		}
		throw asNodeError(context, error);
	}
}
