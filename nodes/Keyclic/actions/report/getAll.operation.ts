import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicId } from '../../helpers/input';
import { commonFilters, limitProperty, organizationProperty, returnAllProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { listResources } from '../resourceCalls';

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Category ID',
			name: 'category',
			type: 'string',
			default: '',
			description: 'Only reports of this category (its UUID)',
		},
		...commonFilters.slice(0, 3),
		{
			displayName: 'Place ID',
			name: 'place',
			type: 'string',
			default: '',
			description: 'Only reports about this place (its UUID)',
		},
		...commonFilters.slice(3),
	],
};

const properties: INodeProperties[] = [organizationProperty, returnAllProperty, limitProperty, filters, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['getAll'] } }, properties);

/** GET /organizations/{id}/reports. */
export const execute: OperationExecute = async function (itemIndex) {
	const organization = keyclicId(this, 'organization', 'Organization', itemIndex);
	return await listResources(this, 'report', `/organizations/${organization}/reports`, itemIndex);
};
