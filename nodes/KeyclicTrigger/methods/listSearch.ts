import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { organizationSchema, pageSchema } from '../../common/transport/apiSchemas';
import { keyclicRequestAllItems } from '../../common/transport';

/** Organizations the Keyclic account belongs to, filtered by name or id. */
export async function searchOrganizations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const organizations = await keyclicRequestAllItems(this, pageSchema(organizationSchema), '/organizations', 'list your Keyclic organizations');
	const needle = (filter ?? '').toLowerCase();
	return {
		results: organizations
			.filter((o) => !needle || (o.name ?? '').toLowerCase().includes(needle) || o.id.includes(needle))
			.map((o) => ({ name: o.name ?? o.id, value: o.id })),
	};
}
