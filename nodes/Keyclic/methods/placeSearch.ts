import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { z } from 'zod/v4';

import { organizationSchema } from '../../common/transport/apiSchemas';
import { keyclicCollect } from '../../common/transport/paging';

const placeSchema = z.looseObject({ id: z.string(), name: z.string().optional() });

/** The places of every organization of the credential's account (GET /organizations/{id}/places), filtered by name or ID. */
export async function searchPlaces(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const organizations = await keyclicCollect(this, organizationSchema, '/organizations', 'list your Keyclic organizations');
	const needle = (filter ?? '').toLowerCase();
	const results: INodeListSearchResult['results'] = [];
	for (const organization of organizations) {
		const places = await keyclicCollect(this, placeSchema, `/organizations/${organization.id}/places`, "list the organization's places");
		for (const place of places) {
			const name = `${place.name ?? place.id} (${organization.name ?? organization.id})`;
			if (!needle || name.toLowerCase().includes(needle) || place.id.includes(needle)) results.push({ name, value: place.id });
		}
	}
	return { results };
}
