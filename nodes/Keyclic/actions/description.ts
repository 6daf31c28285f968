import type { INodeProperties } from 'n8n-workflow';

import { operationOperations, operationProperties } from './operation/Operation.description';
import { organizationOperations, organizationProperties } from './organization/Organization.description';
import { reportOperations, reportProperties } from './report/Report.description';

/** Every parameter of the Keyclic node: the resource, its operation, then each operation's own parameters. */
export const keyclicProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Operation', value: 'operation', description: 'An intervention an organization carries out to handle a report' },
			{ name: 'Organization', value: 'organization', description: 'A Keyclic organization (landlord, property manager, contractor…)' },
			{ name: 'Report', value: 'report', description: 'A request filed about a place: a leak, a broken lift…' },
		],
		default: 'report',
	},
	reportOperations,
	operationOperations,
	organizationOperations,
	...reportProperties,
	...operationProperties,
	...organizationProperties,
];
