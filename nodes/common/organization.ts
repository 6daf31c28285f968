import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { organizationSchema } from './transport/apiSchemas';
import { keyclicCollect } from './transport/paging';
import { UUID_EXAMPLE, UUID_PATTERN } from './uuid';

// The Keyclic organization, as both nodes let the user pick it: a searchable list, or its ID.

/** Organization: from the list of the credential's organizations (searchOrganizations) or by ID. Each node adds its description. */
export const organizationLocator: INodeProperties = {
	displayName: 'Organization',
	name: 'organization',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchOrganizations', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: `e.g. ${UUID_EXAMPLE}`,
			validation: [{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: 'An organization ID is a UUID' } }],
		},
	],
};

/** Organizations the Keyclic account belongs to, filtered by name or id. */
export async function searchOrganizations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const organizations = await keyclicCollect(this, organizationSchema, '/organizations', 'list your Keyclic organizations');
	const needle = (filter ?? '').toLowerCase();
	return {
		results: organizations
			.filter((o) => !needle || (o.name ?? '').toLowerCase().includes(needle) || o.id.includes(needle))
			.map((o) => ({ name: o.name ?? o.id, value: o.id })),
	};
}
