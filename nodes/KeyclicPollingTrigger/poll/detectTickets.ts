import type { KeyclicEvent } from '../../common/events';
import { EVENT_INFO } from '../../common/events';
import { toItem } from '../../common/item';
import type { KeyclicItem } from '../../common/item';
import type { ResourceType } from '../../common/schemas';
import type { ApiContext } from '../../common/transport';
import { FINAL_STATES, LOOKBACK_SECONDS, emit, removedItem, trackedOf, typesOf } from './detect';
import type { PollResult, PollSettings } from './detect';
import { newestTickets, readTicket, scanUpdatedSince } from './tickets';
import type { ReadTicket } from './tickets';
import { updatedSeconds } from './state';
import type { PollState, TicketsState } from './state';

// What changed since the last poll, from Keyclic's Tickets API (docs/keyclic-polling-trigger.md "Where the API has
// /tickets"): each poll reads the tickets changed since LOOKBACK_SECONDS before the cursor (the newest `updatedAt` read,
// Keyclic's clock; from the cursor itself once it has not moved for SETTLE_POLLS polls), oldest change first. For each (id, updatedAt) not read yet:
//  - created: a ticket not tracked, created at or after the window's start;
//  - state changed: a tracked ticket whose state is not the one last seen (previousState says which);
//  - anything else (a patch, a comment, a ticket not tracked and created before the window): recorded, nothing emitted.
// Every `recheckEvery` polls (RECHECK_EVERY_POLLS by default), up to RECHECK_BATCH tracked tickets not in a final state are read one by one (round
// robin): an operation Keyclic answers 404 for was removed; a state that differs is a state change that did not move
// `updatedAt` (stateChangeTouchesUpdatedAt false); this bounds the cost of both.

/** The recheck of tracked open tickets runs on every this many polls (the default of the "Recheck Open Tickets Every" option). */
export const RECHECK_EVERY_POLLS = 10;
/** …and reads at most this many tickets (one GET /tickets/{id} each). */
export const RECHECK_BATCH = 50;
/**
 * The look-back window below the cursor is read again on the polls after the cursor moved, this many of them (at least
 * LOOKBACK_SECONDS of real time, n8n polling at most once a minute); after that, from the cursor itself (its second
 * included): a burst of changes is not re-read on every quiet poll.
 */
export const SETTLE_POLLS = 5;

interface TicketsPoll {
	context: ApiContext;
	settings: PollSettings;
	types: Set<ResourceType>;
	state: TicketsState;
	at: Date;
	calls: { count: number };
	items: KeyclicItem[];
}

/** A ticket read: compared with what the trigger last saw of it, emitted if it is a creation or a state change, recorded. */
function see(poll: TicketsPoll, ticket: ReadTicket, createdFrom: number): void {
	const { id, state, resourceType: type } = ticket.normalized;
	if (!poll.types.has(type)) return;
	const last = poll.state.tracked.get(id);
	if (last && last.state === state && updatedSeconds(last) === ticket.updatedAt) return; // read already
	poll.state.tracked.set(id, trackedOf(ticket));
	if (!last) {
		if (ticket.createdAt >= createdFrom) emit(poll, `${type}_created`, ticket);
	} else if (last.state !== state) {
		emit(poll, `${type}_state_changed`, ticket, last.state);
	}
}

/** The first poll: where it starts (the newest change), the tickets changed in the `Track For` days before it recorded. */
async function start(poll: TicketsPoll): Promise<void> {
	const { context, settings, state, calls } = poll;
	const [newest] = await newestTickets(context, settings.organization, 1, calls);
	if (!newest) return; // no ticket yet: every ticket the next poll reads is new
	const backfillFrom = settings.emitLastHours > 0 ? newest.updatedAt - settings.emitLastHours * 3600 : Infinity;
	const from = Math.min(newest.updatedAt - settings.trackDays * 86400, backfillFrom);
	state.cursor = newest.updatedAt;
	for (const ticket of await scanUpdatedSince(context, settings.organization, from, calls)) {
		state.cursor = Math.max(state.cursor, ticket.updatedAt);
		see(poll, ticket, backfillFrom);
	}
}

/** Up to RECHECK_BATCH tracked open tickets not read by this poll's scan, each read again: removals, unseen state changes. */
async function recheck(poll: TicketsPoll, scanned: Set<string>): Promise<void> {
	const { context, settings, state } = poll;
	const open = [...state.tracked]
		.filter(([id, t]) => poll.types.has(t.type) && !FINAL_STATES.has(t.state ?? '') && !scanned.has(id))
		.map(([id]) => id)
		.sort();
	const after = open.filter((id) => id > state.recheckAfter);
	const batch = [...after, ...open.filter((id) => id <= state.recheckAfter)].slice(0, RECHECK_BATCH);
	for (const id of batch) {
		const last = state.tracked.get(id);
		if (!last) continue;
		poll.calls.count++;
		const ticket = await readTicket(context, settings.organization, id);
		state.recheckAfter = id;
		if (ticket) {
			see(poll, ticket, Infinity);
			continue;
		}
		state.tracked.delete(id);
		if (last.type === 'operation' && settings.events.has('operation_removed')) {
			poll.items.push(removedItem(settings.organization, id, last, poll.at));
		}
	}
	if (batch.length < RECHECK_BATCH || batch[batch.length - 1] === open[open.length - 1]) state.recheckAfter = '';
}

/**
 * One poll of the Tickets API. `previous` is the state of the last successful poll (undefined on the first): it is not
 * changed; the new state is in the result, to be saved only if the whole poll succeeded (a failed call throws and
 * nothing moves).
 */
export async function pollTickets(
	context: ApiContext,
	settings: PollSettings,
	previous: TicketsState | undefined,
	at: Date,
): Promise<PollResult<TicketsState>> {
	const state: TicketsState = {
		organization: settings.organization,
		cursor: previous?.cursor ?? 0,
		tracked: new Map(previous?.tracked),
		polls: previous?.polls ?? 0,
		recheckAfter: previous?.recheckAfter ?? '',
		settled: previous?.settled ?? 0,
	};
	const poll: TicketsPoll = { context, settings, types: new Set(typesOf(settings.events)), state, at, calls: { count: 0 }, items: [] };
	if (!previous) {
		await start(poll);
		return { state, items: poll.items, calls: poll.calls.count };
	}
	const from = previous.settled >= SETTLE_POLLS ? previous.cursor : previous.cursor - LOOKBACK_SECONDS;
	const scanned = new Set<string>();
	for (const ticket of await scanUpdatedSince(context, settings.organization, from, poll.calls)) {
		state.cursor = Math.max(state.cursor, ticket.updatedAt);
		scanned.add(ticket.normalized.id);
		see(poll, ticket, from);
	}
	state.settled = state.cursor > previous.cursor ? 0 : previous.settled + 1;
	state.polls++;
	if (state.polls % settings.recheckEvery === 0) await recheck(poll, scanned);
	return { state, items: poll.items, calls: poll.calls.count };
}

/** The Tickets API state that goes on from a lists state (a trigger activated before it read /tickets): its tracked resources, from their newest date. */
export function fromListsState(lists: PollState): TicketsState {
	let cursor = Math.max(0, ...Object.values(lists.cursor).filter((c): c is number => typeof c === 'number'));
	for (const t of lists.tracked.values()) cursor = Math.max(cursor, updatedSeconds(t));
	return { organization: lists.organization, cursor, tracked: new Map(lists.tracked), polls: 0, recheckAfter: '', settled: 0 };
}

/** The latest change (manual "Fetch Test Event"): the most recently changed ticket of a selected type, as its creation or state change. */
export async function latestTicketItem(context: ApiContext, settings: PollSettings, at: Date): Promise<KeyclicItem | undefined> {
	const types = new Set(typesOf(settings.events));
	const tickets = await newestTickets(context, settings.organization, 50, { count: 0 });
	const ticket = tickets.find((t) => types.has(t.normalized.resourceType));
	if (!ticket) return undefined;
	const type = ticket.normalized.resourceType;
	const preferred: KeyclicEvent = ticket.createdAt === ticket.updatedAt ? `${type}_created` : `${type}_state_changed`;
	const event = settings.events.has(preferred)
		? preferred
		: ([...settings.events].find((e) => EVENT_INFO[e].resourceType === type && e !== 'operation_removed') ?? preferred);
	return toItem(event, ticket.resource, at, true, [], { source: 'poll' });
}
