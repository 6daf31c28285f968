import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const option: INodePropertyOptions = {
	name: 'Category',
	value: 'category',
	description: 'A kind of problem an organization sorts reports by (plumbing, lift…)',
};

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['category'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the categories of an organization (Keyclic API 2018 to 2021)',
				action: 'Get many categories',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
