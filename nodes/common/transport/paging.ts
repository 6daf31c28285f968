import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { keyclicRequest } from './index';
import type { ApiContext } from './index';

/** Keyclic declares no maximum page size; asking for more than 100 is not wise (ACTIONS.md, Collections). */
export const MAX_PAGE_SIZE = 100;

const halPage = z
	.object({
		page: z.coerce.number().optional(),
		pages: z.coerce.number().optional(),
		_embedded: z.object({ items: z.array(z.unknown()) }).passthrough().optional(),
	})
	.passthrough();

/**
 * Items of a HAL collection (`{page, pages, _embedded.items}`), page after page, each checked with
 * `itemSchema`. `max` undefined walks every page; otherwise it stops as soon as `max` items are read,
 * asking for no more than it still needs (at most 100 per page).
 */
export async function keyclicCollect<T extends z.ZodTypeAny>(
	context: ApiContext,
	itemSchema: T,
	path: string,
	what: string,
	{ qs = {}, max }: { qs?: IDataObject; max?: number } = {},
): Promise<Array<z.infer<T>>> {
	const items: Array<z.infer<T>> = [];
	const pageSchema = halPage.extend({
		_embedded: z.object({ items: z.array(itemSchema) }).passthrough().optional(),
	});
	for (let page = 1; max === undefined || items.length < max; page++) {
		// The page size stays the same on every page (Keyclic computes offsets from it)
		const limit = max === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, max);
		const data = await keyclicRequest(context, pageSchema, 'GET', path, what, { qs: { ...qs, page, limit } });
		const pageItems: Array<z.infer<T>> = data._embedded?.items ?? [];
		items.push(...pageItems);
		if (pageItems.length === 0 || page >= (data.pages ?? 1)) break;
	}
	return max === undefined ? items : items.slice(0, max);
}
