import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { keyclicRequest } from './index';
import type { ApiContext } from './index';

/** Keyclic declares no maximum page size; asking for more than 100 is not wise (docs/keyclic-api.md §2). */
export const MAX_PAGE_SIZE = 100;

/** A collection that never ends (a server that keeps claiming more pages) stops the run with an error here. */
export const MAX_PAGES = 1000;

/** One page of a HAL collection (`{page, pages, _embedded.items}`), each item checked with `itemSchema`, and whether more follow. */
export async function keyclicPage<T extends z.ZodType>(
	context: ApiContext,
	itemSchema: T,
	path: string,
	what: string,
	{ qs = {}, page, limit }: { qs?: IDataObject; page: number; limit: number },
): Promise<{ items: Array<z.infer<T>>; more: boolean }> {
	const pageSchema = z.looseObject({
		page: z.coerce.number().optional(),
		pages: z.coerce.number().optional(),
		_embedded: z.looseObject({ items: z.array(itemSchema) }).optional(),
	});
	const data = await keyclicRequest(context, pageSchema, 'GET', path, what, { qs: { ...qs, page, limit } });
	const items: Array<z.infer<T>> = data._embedded?.items ?? [];
	return { items, more: items.length > 0 && page < (data.pages ?? 1) };
}

/**
 * Items of a HAL collection (`{page, pages, _embedded.items}`), page after page, each checked with
 * `itemSchema`. `max` undefined walks every page; otherwise it stops as soon as `max` items are read,
 * asking for no more than it still needs (at most 100 per page). Both nodes list through this.
 */
export async function keyclicCollect<T extends z.ZodType>(
	context: ApiContext,
	itemSchema: T,
	path: string,
	what: string,
	{ qs = {}, max }: { qs?: IDataObject; max?: number } = {},
): Promise<Array<z.infer<T>>> {
	const items: Array<z.infer<T>> = [];
	// The page size stays the same on every page (Keyclic computes offsets from it)
	const limit = max === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, max);
	for (let page = 1; max === undefined || items.length < max; page++) {
		if (page > MAX_PAGES) {
			throw new NodeOperationError(context.getNode(), `Could not ${what}: Keyclic kept announcing more pages after ${MAX_PAGES}`, {
				description: `Stopped after ${MAX_PAGES} pages of ${limit} items. Use a Limit or narrower filters.`,
			});
		}
		const { items: pageItems, more } = await keyclicPage(context, itemSchema, path, what, { qs, page, limit });
		items.push(...pageItems);
		if (!more) break;
	}
	return max === undefined ? items : items.slice(0, max);
}
