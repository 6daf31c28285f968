import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { isDataObject } from '../../common/guards';
import { identifyTicket, normalizeResource } from '../../common/normalize';
import type { IdentifiedResource } from '../../common/normalize';
import type { NormalizedResource } from '../../common/schemas';
import { asNodeError, failedStatus } from '../../common/transport';
import type { ApiContext } from '../../common/transport';
import { MAX_PAGES } from '../../common/transport/paging';
import { TICKETS_PAGE_SIZE, ticketsPage, ticketsRequest } from '../../common/transport/tickets';
import { malformedAnswer, seconds } from './lists';

// Reading Keyclic's Tickets API (2025 "v3") for the polling trigger: `GET /tickets?updatedAt[after]=…&order[updatedAt]=asc
// &limit=50` (the filter includes its instant; dates are to the second), X-Organization-Id on every call. A scan pages by
// moving the lower bound up to the last item read, not by page number: a ticket changed while the scan runs moves to the
// end of the order and is read there, nothing shifts under the next page. The items of the bound's second are read again
// on the next page, and each (id, updatedAt) is kept once. A full page of one second goes on by page number under the
// same bound.

const ticketValue = z.custom<IDataObject>((value) => isDataObject(value), 'expected a ticket (a JSON object)');

export interface ReadTicket {
	resource: IdentifiedResource;
	normalized: NormalizedResource;
	/** `createdAt` in seconds since the epoch. */
	createdAt: number;
	/** `updatedAt` in seconds since the epoch. */
	updatedAt: number;
}

const isoOf = (sec: number): string => new Date(Math.max(0, sec) * 1000).toISOString();

const malformed = (context: ApiContext, problem: string) => malformedAnswer(context, 'GET /tickets', problem);

/** One ticket, checked: an id, and readable `createdAt` and `updatedAt` (the cursor needs them). */
export function checkTicket(context: ApiContext, value: unknown): ReadTicket {
	const identified = identifyTicket(value, 'ticket');
	if (!identified.ok) throw malformed(context, identified.problem);
	const normalized = normalizeResource(identified.resource);
	const { id, createdAt, updatedAt } = normalized;
	if (createdAt === null || updatedAt === null) throw malformed(context, `ticket ${id} has no readable createdAt or updatedAt`);
	return { resource: identified.resource, normalized, createdAt: seconds(createdAt), updatedAt: seconds(updatedAt) };
}

const what = (organization: string) => `list the tickets of Keyclic organization ${organization}`;

/** Every ticket changed at or after `fromSec` (seconds), in the order read (oldest change first); each (id, updatedAt) once. */
export async function scanUpdatedSince(
	context: ApiContext,
	organization: string,
	fromSec: number,
	calls: { count: number },
): Promise<ReadTicket[]> {
	const read: ReadTicket[] = [];
	const seen = new Set<string>();
	let bound = fromSec;
	let page = 1;
	for (let call = 1; ; call++) {
		if (call > MAX_PAGES) throw malformed(context, `Keyclic kept listing more tickets after ${MAX_PAGES} pages`);
		calls.count++;
		const { items, next } = await ticketsPage(context, ticketValue, '/tickets', what(organization), organization, {
			'updatedAt[after]': isoOf(bound),
			'order[updatedAt]': 'asc',
			limit: TICKETS_PAGE_SIZE,
			...(page > 1 ? { page } : {}),
		});
		const checked = items.map((value) => checkTicket(context, value));
		for (const ticket of checked) {
			const key = `${ticket.normalized.id}|${ticket.updatedAt}`;
			if (seen.has(key)) continue;
			seen.add(key);
			read.push(ticket);
		}
		if (!next || items.length < TICKETS_PAGE_SIZE) break;
		const last = checked[checked.length - 1].updatedAt;
		if (last > bound) {
			// from the last second read; when the whole page was that second, its first page is this one: on to the next
			bound = last;
			page = checked[0].updatedAt === last ? 2 : 1;
		} else page++;
	}
	return read;
}

/** The most recently changed tickets (one call, newest first, at most `limit`). */
export async function newestTickets(
	context: ApiContext,
	organization: string,
	limit: number,
	calls: { count: number },
): Promise<ReadTicket[]> {
	calls.count++;
	const { items } = await ticketsPage(context, ticketValue, '/tickets', what(organization), organization, {
		'order[updatedAt]': 'desc',
		limit,
	});
	return items.map((value) => checkTicket(context, value));
}

/** One ticket (`GET /tickets/{id}`), or undefined when Keyclic answers 404 (it is gone). */
export async function readTicket(context: ApiContext, organization: string, id: string): Promise<ReadTicket | undefined> {
	try {
		const value = await ticketsRequest(
			context,
			ticketValue,
			'GET',
			`/tickets/${encodeURIComponent(id)}`,
			`read ticket ${id}`,
			organization,
		);
		return checkTicket(context, value);
	} catch (error) {
		if (failedStatus(error) === 404) return undefined;
		throw asNodeError(context, error);
	}
}
