import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { keyclicRequest } from './index';
import type { ApiContext, RequestOptions } from './index';
import { MAX_PAGES } from './paging';

// Keyclic's Tickets API (the 2025 OpenAPI 3 "v3" API, /tickets…): every call names its organization in
// X-Organization-Id, collections are API Platform's HAL (`_embedded.item[]`, `totalItems`, `_links.next`), pages hold at
// most 50 items.

/** The spec's maximum `limit` of GET /tickets. */
export const TICKETS_PAGE_SIZE = 50;

/** One call of the Tickets API in an organization (sent to the credential's Tickets API URL). */
export async function ticketsRequest<T extends z.ZodType>(
	context: ApiContext,
	schema: T,
	method: IHttpRequestMethods,
	path: string,
	what: string,
	organization: string,
	options: RequestOptions = {},
): Promise<z.infer<T>> {
	return await keyclicRequest(context, schema, method, path, what, {
		...options,
		api: 'tickets',
		headers: { 'X-Organization-Id': organization, ...options.headers },
	});
}

/**
 * Items of a Tickets API collection, page after page while `_links.next` announces one, each checked with
 * `itemSchema`. `max` undefined walks every page; otherwise it stops once `max` items are read.
 */
export async function ticketsCollect<T extends z.ZodType>(
	context: ApiContext,
	itemSchema: T,
	path: string,
	what: string,
	organization: string,
	{ qs = {}, max }: { qs?: IDataObject; max?: number } = {},
): Promise<Array<z.infer<T>>> {
	const pageSchema = z.looseObject({
		_embedded: z.looseObject({ item: z.array(itemSchema) }).nullish(),
		_links: z.looseObject({ next: z.looseObject({ href: z.string() }).nullish() }).optional(),
	});
	const items: Array<z.infer<T>> = [];
	// the page size stays the same on every page (offsets are computed from it)
	const limit = max === undefined ? TICKETS_PAGE_SIZE : Math.min(TICKETS_PAGE_SIZE, max);
	for (let page = 1; max === undefined || items.length < max; page++) {
		if (page > MAX_PAGES) {
			throw new NodeOperationError(context.getNode(), `Could not ${what}: Keyclic kept announcing more pages after ${MAX_PAGES}`, {
				description: `Stopped after ${MAX_PAGES} pages of ${limit} items. Use a Limit or narrower filters.`,
			});
		}
		const data = await ticketsRequest(context, pageSchema, 'GET', path, what, organization, { qs: { ...qs, page, limit } });
		const pageItems: Array<z.infer<T>> = data._embedded?.item ?? [];
		items.push(...pageItems);
		if (pageItems.length === 0 || !data._links?.next) break;
	}
	return max === undefined ? items : items.slice(0, max);
}
