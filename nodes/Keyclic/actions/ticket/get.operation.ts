import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { ticketsRequest } from '../../../common/transport/tickets';
import type { OperationExecute } from '../node.type';
import { inTicketsApi, ticketIdProperty, ticketOrganizationProperty, withIdSchema, ticketTarget } from './fields';

const properties: INodeProperties[] = [ticketOrganizationProperty, ticketIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['get'] } }, properties);

/** GET /tickets/{identifier}. */
export const execute: OperationExecute = async function (itemIndex) {
	const { organization, id } = ticketTarget(this, itemIndex);
	const ticket = await inTicketsApi(
		this,
		'Get',
		'GET /tickets/{identifier}',
		organization,
		async () => await ticketsRequest(this, withIdSchema, 'GET', `/tickets/${id}`, 'get the ticket', organization),
	);
	return [ticket];
};
