import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { organizationSchema } from '../../common/transport/apiSchemas';
import { keyclicCollect } from '../../common/transport/paging';

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
