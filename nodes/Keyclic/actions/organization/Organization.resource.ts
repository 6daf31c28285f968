import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const option: INodePropertyOptions = {
	name: 'Organization',
	value: 'organization',
	description: 'A Keyclic organization (landlord, property manager, contractor…)',
};

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['organization'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the organizations the Keyclic account of the credential belongs to',
				action: 'Get many organizations',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
