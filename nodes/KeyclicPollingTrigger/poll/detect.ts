import { NodeApiError } from 'n8n-workflow';

import { EVENT_INFO } from '../../common/events';
import type { KeyclicEvent } from '../../common/events';
import { toItem } from '../../common/item';
import type { KeyclicItem } from '../../common/item';
import { RESOURCE_TYPE_NAMES } from '../../common/schemas';
import type { ResourceType } from '../../common/schemas';
import { asNodeError, failedStatus, keyclicRequest } from '../../common/transport';
import { anyAnswer } from '../../common/transport/apiSchemas';
import type { ApiContext } from '../../common/transport';
import { newest, scanCreatedSince } from './lists';
import type { Listed } from './lists';
import type { PollState, Tracked } from './state';

// What changed since the last poll, from the reports and operations lists (docs/keyclic-polling-trigger.md):
//  - created: a resource the trigger does not track, created at most LOOKBACK_SECONDS before the cursor
//    (resources created in that window and already seen are still tracked: they are not emitted twice);
//  - state changed: a tracked resource whose state is not the one last seen (previousState says which);
//  - operation removed: a tracked operation the scan should have listed and did not, which Keyclic
//    answers 404 for (one GET each).
// Each poll lists every resource created since the oldest tracked one that is not in a final state, or
// since LOOKBACK_SECONDS before the cursor if that is older; nothing created before `Track For` days is tracked.

/** Re-read window below the cursor: late commits and equal timestamps are read again, and deduplicated. */
export const LOOKBACK_SECONDS = 300;

/** States after which a resource is not expected to change (the legacy workflows' ends): not a reason to list it again. */
export const FINAL_STATES = new Set(['CLOSED', 'REFUSED', 'RESOLVED', 'CANCELLED', 'CANCELED', 'DONE']);

export interface PollSettings {
	organization: string;
	events: Set<KeyclicEvent>;
	/** Resources created more than this many days before the newest are not tracked. */
	trackDays: number;
	/** On the first poll, emit the resources created in this many hours before it (0: emit nothing). */
	emitLastHours: number;
	/** Tickets API: the recheck of tracked open tickets runs on every this many polls. */
	recheckEvery: number;
}

export interface PollResult<S = PollState> {
	state: S;
	items: KeyclicItem[];
	/** Keyclic API calls the poll made. */
	calls: number;
}

export function typesOf(events: Set<KeyclicEvent>): ResourceType[] {
	const types = new Set([...events].map((event) => EVENT_INFO[event].resourceType));
	return (['report', 'operation'] as const).filter((type) => types.has(type));
}

/** What the trigger keeps of a resource it read (from a list or the Tickets API). */
export const trackedOf = (listed: Listed): Tracked => ({
	type: listed.normalized.resourceType,
	state: listed.normalized.state,
	createdAt: listed.createdAt,
	updatedAt: listed.normalized.updatedAt,
});

/** Is the operation gone? One GET: 404 → yes; an answer → no; anything else fails the poll. */
async function isRemoved(context: ApiContext, id: string): Promise<boolean> {
	try {
		await keyclicRequest(context, anyAnswer, 'GET', `/operations/${encodeURIComponent(id)}`, `check whether operation ${id} was removed`);
		return false;
	} catch (error) {
		if (error instanceof NodeApiError && failedStatus(error) === 404) return true;
		throw asNodeError(context, error);
	}
}

/** The item of a removed operation: what the trigger last saw of it (Keyclic no longer has it). */
export function removedItem(organization: string, id: string, last: Tracked, at: Date): KeyclicItem {
	const payload = {
		type: RESOURCE_TYPE_NAMES.operation,
		id,
		...(last.state === null ? {} : { state: last.state }),
		...(last.updatedAt === null ? {} : { updatedAt: last.updatedAt }),
		_links: { organization: { href: `/organizations/${organization}` } },
	};
	const warning = 'payload: the operation is gone from Keyclic; this is what the polling trigger last saw of it (id, state, updatedAt)';
	return toItem('operation_removed', { resourceType: 'operation', id, payload }, at, false, [warning], {
		source: 'poll',
		previousState: last.state,
	});
}

interface TypePoll {
	context: ApiContext;
	settings: PollSettings;
	type: ResourceType;
	tracked: Map<string, Tracked>;
	cursor: number | undefined;
	at: Date;
	calls: { count: number };
	items: KeyclicItem[];
}

/** Adds the item of `event` for a resource read, when the event is selected (both API paths). */
export const emit = (
	poll: Pick<TypePoll, 'settings' | 'items' | 'at'>,
	event: KeyclicEvent,
	listed: Listed,
	previousState: string | null = null,
) => {
	if (!poll.settings.events.has(event)) return;
	poll.items.push(toItem(event, listed.resource, poll.at, true, [], { source: 'poll', previousState }));
};

/** The first poll of a type: where it starts (the newest resource), every resource of the tracking window recorded. */
async function startType(poll: TypePoll): Promise<number> {
	const { context, settings, type, tracked, at, calls } = poll;
	const latest = await newest(context, settings.organization, type, calls);
	if (!latest) return 0;
	const backfillFrom = settings.emitLastHours > 0 ? Math.floor(at.getTime() / 1000) - settings.emitLastHours * 3600 : Infinity;
	const listed = await scanCreatedSince(context, settings.organization, type, latest.createdAt - settings.trackDays * 86400, calls);
	let cursor = latest.createdAt;
	for (const item of listed) {
		tracked.set(item.normalized.id, trackedOf(item));
		cursor = Math.max(cursor, item.createdAt);
		if (item.createdAt >= backfillFrom) emit(poll, `${type}_created`, item);
	}
	return cursor;
}

/** A later poll of a type: creations, state changes and (operations) removals since the last one. */
async function pollType(poll: TypePoll, cursor: number): Promise<number> {
	const { context, settings, type, tracked, calls } = poll;
	const horizon = cursor - settings.trackDays * 86400;
	let from = cursor - LOOKBACK_SECONDS;
	for (const [id, t] of tracked) {
		if (t.type !== type) continue;
		if (t.createdAt < horizon) tracked.delete(id);
		else if (!FINAL_STATES.has(t.state ?? '')) from = Math.min(from, t.createdAt);
	}
	const listed = await scanCreatedSince(context, settings.organization, type, from, calls);
	const seen = new Set<string>();
	let newCursor = cursor;
	for (const item of listed) {
		const { id, state } = item.normalized;
		seen.add(id);
		newCursor = Math.max(newCursor, item.createdAt);
		const last = tracked.get(id);
		tracked.set(id, trackedOf(item));
		if (!last) {
			if (item.createdAt >= cursor - LOOKBACK_SECONDS) emit(poll, `${type}_created`, item);
		} else if (last.state !== state) {
			emit(poll, `${type}_state_changed`, item, last.state);
		}
	}
	if (type === 'operation') {
		for (const [id, last] of [...tracked]) {
			if (last.type !== 'operation' || last.createdAt < from || seen.has(id)) continue;
			calls.count++;
			if (!(await isRemoved(context, id))) continue;
			tracked.delete(id);
			if (settings.events.has('operation_removed')) poll.items.push(removedItem(settings.organization, id, last, poll.at));
		}
	}
	return newCursor;
}

/**
 * One poll of the reports and operations lists. `previous` is the state of the last successful poll
 * (undefined on the first): it is not changed; the new state is in the result, to be saved only if
 * the whole poll succeeded (a failed call throws and nothing moves).
 */
export async function pollLists(
	context: ApiContext,
	settings: PollSettings,
	previous: PollState | undefined,
	at: Date,
): Promise<PollResult> {
	const state: PollState = {
		organization: settings.organization,
		cursor: { ...previous?.cursor },
		tracked: new Map(previous?.tracked),
	};
	const calls = { count: 0 };
	const items: KeyclicItem[] = [];
	for (const type of typesOf(settings.events)) {
		const poll: TypePoll = { context, settings, type, tracked: state.tracked, cursor: state.cursor[type], at, calls, items };
		const cursor = state.cursor[type];
		state.cursor[type] = cursor === undefined ? await startType(poll) : await pollType(poll, cursor);
	}
	return { state, items, calls: calls.count };
}

/** The latest change the lists show (manual "Fetch Test Event"): the newest resource of a selected type, as its creation. */
export async function latestItem(context: ApiContext, settings: PollSettings, at: Date): Promise<KeyclicItem | undefined> {
	const calls = { count: 0 };
	let latest: { listed: Listed; type: ResourceType } | undefined;
	for (const type of typesOf(settings.events)) {
		const listed = await newest(context, settings.organization, type, calls);
		if (listed && (!latest || listed.createdAt >= latest.listed.createdAt)) latest = { listed, type };
	}
	if (!latest) return undefined;
	const { listed, type } = latest;
	const created: KeyclicEvent = `${type}_created`;
	const event = settings.events.has(created) ? created : ([...settings.events].find((e) => EVENT_INFO[e].resourceType === type) ?? created);
	return toItem(event, listed.resource, at, true, [], { source: 'poll' });
}
