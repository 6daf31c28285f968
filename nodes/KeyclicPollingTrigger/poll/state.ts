import { z } from 'zod/v4';

import type { ResourceType } from '../../common/schemas';

// What the polling trigger keeps between polls, in the workflow's static data (n8n saves it with the
// workflow when a poll emits items; see docs/keyclic-polling-trigger.md "Static data"):
//  - per resource type, the cursor: the newest `createdAt` Keyclic listed (Keyclic's clock, never n8n's);
//  - every resource it tracks: its last seen state, `createdAt` and `updatedAt`, one line of text each
//    (`r<id>|<state>|<createdAt s>|<updatedAt>`, about 80 bytes), at most MAX_TRACKED of them.
// One text rather than an object per resource: n8n wraps every nested object of static data in a
// change-tracking proxy, which 10,000 objects would make slow; a string is one value.

/** At most this many resources are tracked; past it the oldest created are forgotten (their later changes are not seen). */
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

const storedSchema = z.object({
	v: z.literal(1),
	organization: z.string(),
	cursor: z.object({ report: z.number().optional(), operation: z.number().optional() }).loose(),
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

/** The state kept in `staticData`, or undefined before the first poll (or when it is not this version's, or for another organization). */
export function readState(staticData: Record<string, unknown>, organization: string): PollState | undefined {
	const parsed = storedSchema.safeParse(staticData.keyclicPoll);
	if (!parsed.success || parsed.data.organization !== organization) return undefined;
	const tracked = new Map<string, Tracked>();
	for (const line of parsed.data.tracked.split('\n')) {
		const entry = line ? decodeLine(line) : undefined;
		if (entry) tracked.set(entry[0], entry[1]);
	}
	const { report, operation } = parsed.data.cursor;
	return { organization, cursor: { report, operation }, tracked };
}

/** Keeps at most MAX_TRACKED resources: the most recently created. */
export function bounded(tracked: Map<string, Tracked>): Map<string, Tracked> {
	if (tracked.size <= MAX_TRACKED) return tracked;
	const newest = [...tracked].sort((a, b) => b[1].createdAt - a[1].createdAt).slice(0, MAX_TRACKED);
	return new Map(newest);
}

/** Writes `state` into `staticData` (one assignment, after a successful poll). */
export function writeState(staticData: Record<string, unknown>, state: PollState): void {
	const lines: string[] = [];
	for (const [id, t] of bounded(state.tracked)) lines.push(encodeLine(id, t));
	staticData.keyclicPoll = { v: 1, organization: state.organization, cursor: { ...state.cursor }, tracked: lines.join('\n') };
}
