import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTransitions from './getTransitions.operation';
import * as update from './update.operation';

export const option: INodePropertyOptions = {
	name: 'Ticket',
	value: 'ticket',
	description: "A report or an operation through Keyclic's Tickets API (2025 API only)",
};

export const operations = { get, getAll, getTransitions, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticket'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a ticket by its ID',
				action: 'Get a ticket',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the tickets of an organization, filtered by change or creation date, state, phase, place…',
				action: 'Get many tickets',
			},
			{
				name: 'Get Transitions',
				value: 'getTransitions',
				description: 'List the workflow transitions a ticket allows now (apply one with Report or Operation → Change State)',
				action: 'Get the transitions of a ticket',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, description, dates, priority, category, tags, archived or completed of a ticket',
				action: 'Update a ticket',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getTransitions.description,
	...update.description,
];
