import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { z } from 'zod/v4';

import { organizationSchema } from '../../common/transport/apiSchemas';
import { MAX_PAGES, MAX_PAGE_SIZE, keyclicCollect, keyclicPage } from '../../common/transport/paging';
import { EVERY_VERSION_BUT_V3, UP_TO_2021, inVersions, organizationExists } from '../helpers/versions';
import { panelOrganization, placeOrganization } from './currentParameters';

// The lists of an organization's places and categories (GET /organizations/{id}/places|categories), from the
// organization chosen in the same node, page by page as n8n asks for more (paginationToken).

const namedItem = z.looseObject({ id: z.string(), name: z.string().optional() });

/** A list to read: its route, and what to add to each entry's name (the organization, when several are read). */
type Source = { path: string; suffix?: string };

/** Where the previous answer stopped: `<source index>:<page>`. */
function position(token: string | undefined): { source: number; page: number } {
	const match = /^(\d+):(\d+)$/.exec(token ?? '');
	return match ? { source: Number(match[1]), page: Math.max(1, Number(match[2])) } : { source: 0, page: 1 };
}

/**
 * Entries of `sources`, from the position of `token`, until a page's worth matched (or the lists end). The text is sent as
 * Keyclic's `query` (s20+) and also compared here with each name and ID (an API that ignores `query` still gets it).
 */
async function searchSources(
	context: ILoadOptionsFunctions,
	sources: Source[],
	what: string,
	filter: string | undefined,
	token: string | undefined,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	const needle = text.toLowerCase();
	const qs = text === '' ? {} : { query: text };
	let { source, page } = position(token);
	const results: INodeListSearchItems[] = [];
	for (let read = 0; source < sources.length && results.length < MAX_PAGE_SIZE; read++) {
		if (read >= MAX_PAGES) {
			throw new NodeOperationError(context.getNode(), `Could not ${what}: Keyclic kept announcing more pages after ${MAX_PAGES}`, {
				description: 'Type a narrower search text, or use "By ID".',
			});
		}
		const { path, suffix } = sources[source];
		const { items, more } = await keyclicPage(context, namedItem, path, what, { qs, page, limit: MAX_PAGE_SIZE });
		for (const item of items) {
			const name = `${item.name ?? item.id}${suffix === undefined ? '' : ` (${suffix})`}`;
			if (needle === '' || name.toLowerCase().includes(needle) || item.id.toLowerCase().includes(needle)) {
				results.push({ name, value: item.id });
			}
		}
		if (more) page++;
		else [source, page] = [source + 1, 1];
	}
	return source < sources.length ? { results, paginationToken: `${source}:${page}` } : { results };
}

/**
 * Places: those of the organization chosen in "Organization" (Report → Get Many's Place filter), or, where the
 * operation has no organization (Report → Create, Place → Get), those of every organization of the account.
 */
export async function searchPlaces(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const organization = panelOrganization(this, 'place list');
	const what = "list the organization's places";
	const sources: Source[] =
		organization === null
			? (await keyclicCollect(this, organizationSchema, '/organizations', 'list your Keyclic organizations')).map((o) => ({
					path: `/organizations/${o.id}/places`,
					suffix: o.name ?? o.id,
				}))
			: [{ path: `/organizations/${organization}/places` }];
	return await inVersions(
		this,
		'The Place list',
		'GET /organizations/{organization}/places',
		EVERY_VERSION_BUT_V3,
		async () => await searchSources(this, sources, what, filter, paginationToken),
		organization === null ? {} : { exists: organizationExists(this, organization) },
	);
}

/** What to do where there is no category list (the 2025 API). */
const CATEGORY_LIST_HINT =
	'With the 2025 API, choose "By ID" and enter the category\'s UUID (for example from the "category" link of a report)';

/**
 * Categories of the organization chosen in "Organization" (Report → Get Many's Category filter) or of the one that manages
 * the chosen "Place" (Report → Create). The route is s18–s21's: the 2025 API has none (an error says so).
 */
export async function searchCategories(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const organization = panelOrganization(this, 'category list') ?? (await placeOrganization(this, 'category list'));
	return await inVersions(
		this,
		'The Category list',
		'GET /organizations/{organization}/categories',
		UP_TO_2021,
		async () =>
			await searchSources(
				this,
				[{ path: `/organizations/${organization}/categories` }],
				"list the organization's categories",
				filter,
				paginationToken,
			),
		{ exists: organizationExists(this, organization), hint: CATEGORY_LIST_HINT },
	);
}
