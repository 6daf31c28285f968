import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { z } from 'zod/v4';

import { keyclicRequest } from '../../common/transport';
import { anyAnswer } from '../../common/transport/apiSchemas';
import { keyclicCollect } from '../../common/transport/paging';
import { asResource, organizationIdOf } from '../helpers/output';
import { MEMBER_LIST_HINT, UP_TO_2021, inVersions, organizationExists } from '../helpers/versions';
import { currentId } from './currentParameters';

// Operation → Assign's member list: the members of the organization that owns the operation.

const memberSchema = z
	.object({
		id: z.string(),
		_embedded: z
			.object({
				person: z
					.object({
						givenName: z.string().optional(),
						familyName: z.string().optional(),
						jobTitle: z.string().optional(),
						email: z.string().optional(),
					})
					.loose()
					.optional(),
			})
			.loose()
			.optional(),
	})
	.loose();

/** Members of the organization that owns the operation (GET /organizations/{organization}/members). */
export async function searchMembers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const operationId = currentId(this, 'operationId', 'Operation ID');
	const answer = await keyclicRequest(this, anyAnswer, 'GET', `/operations/${operationId}`, 'read the operation');
	const organization = organizationIdOf(asResource(this, 'operation', answer, 'read the operation'));
	if (!organization) return { results: [] };
	const members = await inVersions(
		this,
		"Assign's member list",
		'GET /organizations/{organization}/members',
		UP_TO_2021,
		async () => await keyclicCollect(this, memberSchema, `/organizations/${organization}/members`, "list the organization's members"),
		{ exists: organizationExists(this, organization), hint: MEMBER_LIST_HINT },
	);
	const needle = (filter ?? '').toLowerCase();
	const results = members.map((m) => {
		const p = m._embedded?.person;
		const who = [p?.givenName, p?.familyName].filter(Boolean).join(' ') || p?.email || m.id;
		return { name: p?.jobTitle ? `${who} (${p.jobTitle})` : who, value: m.id };
	});
	return { results: results.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.includes(needle)) };
}
