import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { asNodeError, failedStatus, keyclicRequest } from './index';
import type { ApiContext, RequestOptions } from './index';
import { anyAnswer } from './apiSchemas';
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

/** Whether a failed Tickets API call says the API has no Tickets API: Keyclic answers 404 or 405 to GET /tickets. */
export function lacksTicketsApi(error: unknown): boolean {
	const status = failedStatus(error);
	return status === 404 || status === 405;
}

/** Does Keyclic have the Tickets API? GET /tickets?limit=1 answers (yes) or answers 404/405 (no); another failure is thrown. */
export async function hasTicketsApi(context: ApiContext, organization: string): Promise<boolean> {
	try {
		await ticketsRequest(context, anyAnswer, 'GET', '/tickets', 'list the tickets', organization, { qs: { limit: 1 } });
		return true;
	} catch (error) {
		if (lacksTicketsApi(error)) return false;
		throw asNodeError(context, error);
	}
}

/** One page of a Tickets API collection (`_embedded.item[]`, each checked with `itemSchema`) and whether `_links.next` announces another. */
export async function ticketsPage<T extends z.ZodType>(
	context: ApiContext,
	itemSchema: T,
	path: string,
	what: string,
	organization: string,
	qs: IDataObject,
): Promise<{ items: Array<z.infer<T>>; next: boolean }> {
	const pageSchema = z.looseObject({
		_embedded: z.looseObject({ item: z.array(itemSchema) }).nullish(),
		_links: z.looseObject({ next: z.looseObject({ href: z.string() }).nullish() }).optional(),
	});
	const data = await ticketsRequest(context, pageSchema, 'GET', path, what, organization, { qs });
	const items: Array<z.infer<T>> = data._embedded?.item ?? [];
	return { items, next: Boolean(data._links?.next) };
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
	const items: Array<z.infer<T>> = [];
	// the page size stays the same on every page (offsets are computed from it)
	const limit = max === undefined ? TICKETS_PAGE_SIZE : Math.min(TICKETS_PAGE_SIZE, max);
	for (let page = 1; max === undefined || items.length < max; page++) {
		if (page > MAX_PAGES) {
			throw new NodeOperationError(context.getNode(), `Could not ${what}: Keyclic kept announcing more pages after ${MAX_PAGES}`, {
				description: `Stopped after ${MAX_PAGES} pages of ${limit} items. Use a Limit or narrower filters.`,
			});
		}
		const { items: pageItems, next } = await ticketsPage(context, itemSchema, path, what, organization, { ...qs, page, limit });
		items.push(...pageItems);
		if (pageItems.length === 0 || !next) break;
	}
	return max === undefined ? items : items.slice(0, max);
}
