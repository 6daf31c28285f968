import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ticketsCollect } from '../../../common/transport/tickets';
import { collection, commaList, pickDates, pickText } from '../../helpers/input';
import { dateFilter, limitProperty, returnAllProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { flag, inTicketsApi, pickFlags, ticketOrganizationProperty, ticketTarget, withIdSchema } from './fields';

const text = (displayName: string, name: string, description: string, placeholder?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(placeholder ? { placeholder } : {}),
	description,
});

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		flag('Archived', 'archived', 'Whether to list only archived tickets (on) or only tickets not archived (off)'),
		text(
			'Assignee Member ID',
			'assignee',
			'Only tickets assigned to this member of the organization (its ID or IRI, sent as assignments.member)',
		),
		text('Category ID', 'category', 'Only tickets of this category (its ID or IRI)'),
		flag('Completed', 'completed', 'Whether to list only completed tickets (on) or only tickets not completed (off)'),
		dateFilter('Created After', 'createdAfter', 'Only tickets created at or after this date (createdAt[after])'),
		dateFilter('Created Before', 'createdBefore', 'Only tickets created at or before this date (createdAt[before])'),
		text(
			'Phase IDs',
			'phases',
			'Comma-separated IDs of workflow states: tickets in any of these phases (sent as phase[]). A ticket\'s phase is its "_embedded.phase".',
		),
		text('Place ID', 'place', 'Only tickets about this place (its ID or IRI)'),
		text('Priority ID', 'priority', 'Only tickets of this priority (its ID or IRI, as "_embedded.priority" of a ticket shows it)'),
		text(
			'State IDs',
			'states',
			'Comma-separated IDs of workflow states: tickets in any of them (sent as state[]). A ticket\'s state is its "_embedded.state"; its ID, not its code (NEW…), is what Keyclic compares.',
		),
		dateFilter('Updated After', 'updatedAfter', 'Only tickets changed at or after this date (updatedAt[after])'),
		dateFilter('Updated Before', 'updatedBefore', 'Only tickets changed at or before this date (updatedAt[before])'),
	],
};

const sort: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'options',
	options: [
		{ name: "Keyclic's Default", value: 'default' },
		{ name: 'Last Changed First', value: 'updatedAt:desc' },
		{ name: 'Last Changed Last', value: 'updatedAt:asc' },
		{ name: 'Newest First', value: 'createdAt:desc' },
		{ name: 'Oldest First', value: 'createdAt:asc' },
	],
	default: 'default',
	description: 'Order of the tickets (order[updatedAt] or order[createdAt])',
};

const properties: INodeProperties[] = [ticketOrganizationProperty, returnAllProperty, limitProperty, filters, sort];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['getAll'] } }, properties);

/** GET /tickets's query, as the Tickets API names its filters (empty ones left out). */
function ticketQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const f = collection(context, 'filters', itemIndex);
	const qs: IDataObject = {
		...pickDates(
			context,
			f,
			[
				['updatedAfter', 'updatedAt[after]', 'Updated After'],
				['updatedBefore', 'updatedAt[before]', 'Updated Before'],
				['createdAfter', 'createdAt[after]', 'Created After'],
				['createdBefore', 'createdAt[before]', 'Created Before'],
			],
			itemIndex,
		),
		...pickText(f, ['category', 'place', 'priority']),
		...pickFlags(f, ['archived', 'completed']),
	};
	const { assignee } = pickText(f, ['assignee']);
	if (assignee !== undefined) qs['assignments.member'] = assignee;
	// lists are sent as state[]=a&state[]=b
	const states = commaList(f.states);
	const phases = commaList(f.phases);
	if (states.length > 0) qs.state = states;
	if (phases.length > 0) qs.phase = phases;
	const order = String(context.getNodeParameter('sort', itemIndex, 'default'));
	const [field, direction] = order.split(':');
	if (direction) qs[`order[${field}]`] = direction;
	return qs;
}

/** GET /tickets: Return All follows every page (50 a page), else up to Limit. */
export const execute: OperationExecute = async function (itemIndex) {
	const { organization } = ticketTarget(this, itemIndex, false);
	const qs = ticketQuery(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const max = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const tickets = await inTicketsApi(
		this,
		'Get Many',
		'GET /tickets',
		organization,
		async () => await ticketsCollect(this, withIdSchema, '/tickets', 'list the tickets', organization, { qs, max }),
	);
	return tickets;
};
