import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicId } from '../../helpers/input';
import {
	commonFilters,
	limitProperty,
	organizationProperty,
	reportIdProperty,
	returnAllProperty,
	simplifyProperty,
} from '../common.description';
import type { OperationExecute } from '../node.type';
import { listResources } from '../resourceCalls';

const listOf: INodeProperties = {
	displayName: 'Operations Of',
	name: 'listOf',
	type: 'options',
	options: [
		{ name: 'An Organization', value: 'organization' },
		{ name: 'A Report', value: 'report' },
	],
	default: 'organization',
	description: 'List the operations of a whole organization, or those of one report',
};

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: commonFilters,
};

const properties: INodeProperties[] = [
	listOf,
	{ ...organizationProperty, displayOptions: { show: { listOf: ['organization'] } } },
	{ ...reportIdProperty, displayOptions: { show: { listOf: ['report'] } } },
	returnAllProperty,
	limitProperty,
	filters,
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['getAll'] } }, properties);

/** The operations of an organization (GET /organizations/{id}/operations) or of a report (GET /reports/{id}/operations). */
export const execute: OperationExecute = async function (itemIndex) {
	const path =
		this.getNodeParameter('listOf', itemIndex, 'organization') === 'report'
			? `/reports/${keyclicId(this, 'reportId', 'Report ID', itemIndex)}/operations`
			: `/organizations/${keyclicId(this, 'organization', 'Organization', itemIndex)}/operations`;
	return await listResources(this, 'operation', path, itemIndex);
};
