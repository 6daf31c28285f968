import { z } from 'zod/v4';

import type { ResourceType } from '../../common/schemas';

// What the polling trigger keeps between polls, in the workflow's static data (n8n saves it with the
// workflow when a poll emits items; see docs/keyclic-polling-trigger.md "Static data"). Two shapes:
//  - v1, the reports and operations lists (APIs without /tickets): per resource type, the cursor, the newest
//    `createdAt` Keyclic listed; `api: 'lists'` says the Tickets API was looked for and is not there (a v1 state
//    without it, written before the Tickets API path existed, is still read);
//  - v2, the Tickets API: the cursor is the newest `updatedAt` read; `settled` counts the polls since it moved;
//    `polls` and `recheckAfter` drive the periodic recheck of the open tickets it tracks.
// Both keep every resource they track as one line of text (`r<id>|<state>|<createdAt s>|<updatedAt>`, about
// 80 bytes), its last seen state, `createdAt` and `updatedAt`: the (id, updatedAt) already read is what keeps
// the look-back window from emitting a change twice. One text rather than an object per resource: n8n wraps
// every nested object of static data in a change-tracking proxy, which 10,000 objects would make slow.

/**
 * At most this many resources are tracked; past it the oldest are forgotten (lists: the oldest created; Tickets API: the
 * least recently changed), and a later state change of theirs is not seen.
 */
export const MAX_TRACKED = 10_000;

export interface Tracked {
	type: ResourceType;
	/** Last seen state code; null when the resource had none. */
	state: string | null;
	/** `createdAt`, in seconds since the epoch. */
	createdAt: number;
	/** `updatedAt` as Keyclic wrote it (it is part of the eventKey); null when absent. */
	updatedAt: string | null;
}

export interface PollState {
	organization: string;
	/** Newest `createdAt` listed, per type (seconds); absent before the type's first poll. */
	cursor: Partial<Record<ResourceType, number>>;
	tracked: Map<string, Tracked>;
}

const TYPE_LETTER: Record<ResourceType, string> = { report: 'r', operation: 'o' };

/** The Tickets API path's state (v2). */
export interface TicketsState {
	organization: string;
	/** Newest `updatedAt` read, in seconds (Keyclic's clock). */
	cursor: number;
	tracked: Map<string, Tracked>;
	/** Successful polls since the first (the recheck of open tickets runs every few). */
	polls: number;
	/** Where the last recheck stopped: the next one goes on after this id (round robin). */
	recheckAfter: string;
	/** Polls since the cursor last moved: once settled, the look-back window is not read again. */
	settled: number;
}

export type StoredState =
	| { api: 'lists'; state: PollState; /** the Tickets API was looked for and is not there */ probed: boolean }
	| { api: 'tickets'; state: TicketsState };

const listsSchema = z.object({
	v: z.literal(1),
	api: z.literal('lists').optional(),
	organization: z.string(),
	cursor: z.object({ report: z.number().optional(), operation: z.number().optional() }).loose(),
	tracked: z.string(),
});

const ticketsSchema = z.object({
	v: z.literal(2),
	api: z.literal('tickets'),
	organization: z.string(),
	cursor: z.number(),
	polls: z.number(),
	recheckAfter: z.string(),
	settled: z.number().optional(),
	tracked: z.string(),
});

function encodeLine(id: string, t: Tracked): string {
	return [`${TYPE_LETTER[t.type]}${id}`, encodeURIComponent(t.state ?? '\u0000'), t.createdAt, t.updatedAt ?? ''].join('|');
}

function decodeLine(line: string): [string, Tracked] | undefined {
	const [head, state, createdAt, updatedAt] = line.split('|');
	const type = head?.[0] === 'r' ? 'report' : head?.[0] === 'o' ? 'operation' : undefined;
	const created = Number(createdAt);
	if (!type || head.length < 2 || state === undefined || !Number.isFinite(created)) return undefined;
	const decoded = decodeURIComponent(state);
	return [head.slice(1), { type, state: decoded === '\u0000' ? null : decoded, createdAt: created, updatedAt: updatedAt || null }];
}

function decodeTracked(text: string): Map<string, Tracked> {
	const tracked = new Map<string, Tracked>();
	for (const line of text.split('\n')) {
		const entry = line ? decodeLine(line) : undefined;
		if (entry) tracked.set(entry[0], entry[1]);
	}
	return tracked;
}

/** What is kept in `staticData` for `organization`, whichever shape; undefined before the first poll (or for another organization). */
export function readStored(staticData: Record<string, unknown>, organization: string): StoredState | undefined {
	const tickets = ticketsSchema.safeParse(staticData.keyclicPoll);
	if (tickets.success) {
		const { cursor, polls, recheckAfter, settled = 0 } = tickets.data;
		if (tickets.data.organization !== organization) return undefined;
		return { api: 'tickets', state: { organization, cursor, polls, recheckAfter, settled, tracked: decodeTracked(tickets.data.tracked) } };
	}
	const lists = listsSchema.safeParse(staticData.keyclicPoll);
	if (!lists.success || lists.data.organization !== organization) return undefined;
	const { report, operation } = lists.data.cursor;
	return {
		api: 'lists',
		state: { organization, cursor: { report, operation }, tracked: decodeTracked(lists.data.tracked) },
		probed: lists.data.api === 'lists',
	};
}

/** The lists path's state in `staticData`, or undefined before the first poll (or when it is the Tickets API's, or for another organization). */
export function readState(staticData: Record<string, unknown>, organization: string): PollState | undefined {
	const stored = readStored(staticData, organization);
	return stored?.api === 'lists' ? stored.state : undefined;
}

/** Keeps at most MAX_TRACKED resources: those with the greatest `age` (lists: the most recently created). */
export function bounded(tracked: Map<string, Tracked>, age: (t: Tracked) => number = (t) => t.createdAt): Map<string, Tracked> {
	if (tracked.size <= MAX_TRACKED) return tracked;
	const newest = [...tracked].sort((a, b) => age(b[1]) - age(a[1])).slice(0, MAX_TRACKED);
	return new Map(newest);
}

function encodeTracked(tracked: Map<string, Tracked>, age?: (t: Tracked) => number): string {
	const lines: string[] = [];
	for (const [id, t] of bounded(tracked, age)) lines.push(encodeLine(id, t));
	return lines.join('\n');
}

/** Writes the lists path's `state` into `staticData` (one assignment, after a successful poll). */
export function writeState(staticData: Record<string, unknown>, state: PollState): void {
	staticData.keyclicPoll = {
		v: 1,
		api: 'lists',
		organization: state.organization,
		cursor: { ...state.cursor },
		tracked: encodeTracked(state.tracked),
	};
}

/** `updatedAt` in seconds (0 when unknown): what the Tickets API path forgets first past MAX_TRACKED. */
export const updatedSeconds = (t: Pick<Tracked, 'updatedAt'>): number =>
	t.updatedAt ? Math.floor(Date.parse(t.updatedAt) / 1000) || 0 : 0;

/** Writes the Tickets API path's `state` into `staticData` (one assignment, after a successful poll). */
export function writeTicketsState(staticData: Record<string, unknown>, state: TicketsState): void {
	const { organization, cursor, polls, recheckAfter, settled } = state;
	staticData.keyclicPoll = {
		v: 2,
		api: 'tickets',
		organization,
		cursor,
		polls,
		recheckAfter,
		settled,
		tracked: encodeTracked(state.tracked, updatedSeconds),
	};
}
