import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { ticketsCollect } from '../../../common/transport/tickets';
import type { OperationExecute } from '../node.type';
import { inTicketsApi, withIdSchema, ticketIdProperty, ticketOrganizationProperty, ticketTarget } from './fields';

const properties: INodeProperties[] = [ticketOrganizationProperty, ticketIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getTransitions'] } }, properties);

/** GET /tickets/{identifier}/workflow-transitions: one item per transition the ticket allows now. */
export const execute: OperationExecute = async function (itemIndex) {
	const { organization, id } = ticketTarget(this, itemIndex);
	return await inTicketsApi(
		this,
		'Get Transitions',
		'GET /tickets/{identifier}/workflow-transitions',
		organization,
		async () =>
			await ticketsCollect(this, withIdSchema, `/tickets/${id}/workflow-transitions`, 'get the transitions of the ticket', organization),
	);
};
