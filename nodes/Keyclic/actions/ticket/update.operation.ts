import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ticketsRequest } from '../../../common/transport/tickets';
import { isUuid } from '../../../common/uuid';
import { collection, commaList, pickDates, pickText, requireSome } from '../../helpers/input';
import type { OperationExecute } from '../node.type';
import { flag, inTicketsApi, pickFlags, ticketIdProperty, ticketOrganizationProperty, ticketTarget, withIdSchema } from './fields';

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		flag('Archived', 'archived', 'Whether the ticket is archived'),
		{
			displayName: 'Category',
			name: 'category',
			type: 'string',
			default: '',
			description: 'The category: its ID (sent as the IRI /categories/{ID}) or its IRI',
		},
		flag(
			'Completed',
			'completed',
			'Whether the ticket is completed (the only state-like field the Tickets API writes: to change the state, use Report or Operation → Change State)',
		),
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'New description of the ticket',
		},
		{
			displayName: 'Due By',
			name: 'dueBy',
			type: 'dateTime',
			default: '',
			description: 'When the ticket must be handled',
		},
		{
			displayName: 'Identification Number',
			name: 'identificationNumber',
			type: 'string',
			default: '',
			description: "The organization's own number for the ticket",
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'New name of the ticket',
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'string',
			default: '',
			description:
				'The priority\'s IRI as a ticket shows it ("_embedded.priority._links.self.href"), or its ID: Keyclic documents no path for priorities, so an ID is sent as given',
		},
		{
			displayName: 'Scheduled At',
			name: 'scheduledAt',
			type: 'dateTime',
			default: '',
			description: 'When the work is planned',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. plumbing, urgent',
			description: 'Comma-separated tags; they replace the current ones',
		},
	],
};

const properties: INodeProperties[] = [ticketOrganizationProperty, ticketIdProperty, updateFields];

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['update'] } }, properties);

/** PATCH /tickets/{identifier} as application/merge-patch+json: only the fields given change. */
export const execute: OperationExecute = async function (itemIndex) {
	const { organization, id } = ticketTarget(this, itemIndex);
	const fields = collection(this, 'updateFields', itemIndex);
	const body: IDataObject = {
		...pickText(fields, ['name', 'description', 'identificationNumber', 'priority']),
		...pickFlags(fields, ['archived', 'completed']),
		...pickDates(
			this,
			fields,
			[
				['dueBy', 'dueBy', 'Due By'],
				['scheduledAt', 'scheduledAt', 'Scheduled At'],
			],
			itemIndex,
		),
	};
	const { category } = pickText(fields, ['category']);
	if (typeof category === 'string') body.category = isUuid(category) ? `/categories/${category}` : category;
	const tags = commaList(fields.tags);
	if (tags.length > 0) body.tags = tags;
	requireSome(this, body, 'Update Fields', itemIndex);
	const ticket = await inTicketsApi(
		this,
		'Update',
		'PATCH /tickets/{identifier}',
		organization,
		async () =>
			await ticketsRequest(this, withIdSchema, 'PATCH', `/tickets/${id}`, 'update the ticket', organization, {
				body,
				headers: { 'Content-Type': 'application/merge-patch+json' },
			}),
	);
	return [ticket];
};
