import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const option: INodePropertyOptions = {
	name: 'Place',
	value: 'place',
	description: 'A building, a floor, a flat… that reports are about',
};

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['place'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a place by its ID',
				action: 'Get a place',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the places an organization manages',
				action: 'Get many places',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
