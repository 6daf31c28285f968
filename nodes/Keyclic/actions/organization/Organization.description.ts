import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../helpers/display';
import { limitProperty, returnAllProperty } from '../common.description';

export const organizationOperations: INodeProperties = {
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
};

export const organizationProperties: INodeProperties[] = showFor('organization', ['getAll'], [returnAllProperty, limitProperty]);
