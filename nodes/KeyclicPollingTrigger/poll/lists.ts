import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { identify, normalizeResource } from '../../common/normalize';
import type { IdentifiedResource } from '../../common/normalize';
import type { NormalizedResource, ResourceType } from '../../common/schemas';
import type { ApiContext } from '../../common/transport';
import { MAX_PAGES, MAX_PAGE_SIZE, keyclicPage } from '../../common/transport/paging';

// Reading the reports and operations lists of an organization (`GET /organizations/{id}/reports|operations`,
// every Keyclic API from 2018 to 2025): `after` (exclusive, on `createdAt` as far as the specs and the
// emulator tell), `order=asc`, `limit` 100. A scan pages by moving `after` up to the last item read, not
// by page number: a resource removed while the scan runs would shift later pages and one would be skipped.

const listed = z.looseObject({ id: z.string(), type: z.string() });

export interface Listed {
	resource: IdentifiedResource;
	normalized: NormalizedResource;
	/** `createdAt` in seconds since the epoch. */
	createdAt: number;
}

export const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

const isoOf = (sec: number): string => new Date(sec * 1000).toISOString().replace('.000Z', 'Z');

export function listPath(organization: string, type: ResourceType): string {
	return `/organizations/${encodeURIComponent(organization)}/${type}s`;
}

/** A list answer the trigger cannot read: the poll fails, nothing moves. */
export function malformedAnswer(context: ApiContext, path: string, problem: string): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ message: problem },
		{
			message: `Could not poll Keyclic: unexpected answer from ${path}`,
			description: `${problem}. Nothing was emitted and the trigger's position did not move: the next poll reads the same changes again.`,
		},
	);
}

/** One listed item, checked: a report/operation with an id and a readable `createdAt` (the scan's cursor needs it). */
function check(context: ApiContext, path: string, type: ResourceType, value: unknown): Listed {
	const identified = identify(type, value, 'item');
	if (!identified.ok) throw malformedAnswer(context, path, identified.problem);
	const normalized = normalizeResource(identified.resource);
	if (normalized.createdAt === null) throw malformedAnswer(context, path, `item ${normalized.id} has no readable createdAt`);
	return { resource: identified.resource, normalized, createdAt: seconds(normalized.createdAt) };
}

/** Every resource of `type` created at or after `fromSec` (seconds), oldest first; `calls` counts the API calls made. */
export async function scanCreatedSince(
	context: ApiContext,
	organization: string,
	type: ResourceType,
	fromSec: number,
	calls: { count: number },
): Promise<Listed[]> {
	const path = listPath(organization, type);
	const what = `list the ${type}s of Keyclic organization ${organization}`;
	const read = new Map<string, Listed>();
	let after = fromSec - 1; // `after` is exclusive, dates are to the second
	let page = 1;
	for (let call = 1; ; call++) {
		if (call > MAX_PAGES) throw malformedAnswer(context, path, `Keyclic kept listing more ${type}s after ${MAX_PAGES} pages`);
		calls.count++;
		const { items, more } = await keyclicPage(context, listed, path, what, {
			qs: { order: 'asc', after: isoOf(after) },
			page,
			limit: MAX_PAGE_SIZE,
		});
		let fresh = 0;
		for (const value of items) {
			const item = check(context, path, type, value);
			if (!read.has(item.normalized.id)) fresh++;
			read.set(item.normalized.id, item);
		}
		if (!more || items.length < MAX_PAGE_SIZE) break;
		const last = check(context, path, type, items[items.length - 1]).createdAt;
		// Next: from the last second read (its other resources come again and are read once); a page that
		// brought nothing new (a full page of one second) goes on by page number under the same bound.
		if (fresh > 0 && last - 1 > after) {
			after = last - 1;
			page = 1;
		} else page++;
	}
	return [...read.values()].sort((a, b) => a.createdAt - b.createdAt);
}

/** The newest resource of `type` (one call), or undefined when the organization has none. */
export async function newest(
	context: ApiContext,
	organization: string,
	type: ResourceType,
	calls: { count: number },
): Promise<Listed | undefined> {
	const path = listPath(organization, type);
	calls.count++;
	const { items } = await keyclicPage(context, listed, path, `read the newest ${type} of Keyclic organization ${organization}`, {
		qs: { order: 'desc' },
		page: 1,
		limit: 1,
	});
	return items.length ? check(context, path, type, items[0]) : undefined;
}
