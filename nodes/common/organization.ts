import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { keyclicLocator } from './locator';
import { organizationSchema } from './transport/apiSchemas';
import { keyclicCollect } from './transport/paging';

// The Keyclic organization, as both nodes let the user pick it: a searchable list, or its ID.

/** Organization: from the list of the credential's organizations (searchOrganizations) or by ID. Each node adds its description. */
export const organizationLocator: INodeProperties = keyclicLocator({
	displayName: 'Organization',
	name: 'organization',
	searchListMethod: 'searchOrganizations',
	what: 'An organization',
});

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
