import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const option: INodePropertyOptions = {
	name: 'Member',
	value: 'member',
	description: 'A person in an organization (a manager, a technician…), whom operations are assigned to',
};

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['member'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the members of an organization (Keyclic API 2018 to 2021)',
				action: 'Get many members',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
