import type { INodeProperties } from 'n8n-workflow';

import { resources } from './router';

/** Every parameter of the Keyclic node: the resource, then each resource's operation and its operations' own parameters. */
export const keyclicProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => resource.option).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'report',
	},
	...resources.flatMap((resource) => resource.description),
];
