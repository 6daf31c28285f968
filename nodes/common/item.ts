import type { IDataObject } from 'n8n-workflow';

import { normalizeResource } from './normalize';
import type { IdentifiedResource } from './normalize';
import type { NormalizedResource } from './schemas';
import type { KeyclicEvent } from './events';

/** How the change reached n8n: a Keyclic notification (Keyclic Trigger) or a poll of the API (Keyclic Polling Trigger). */
export type ItemSource = 'webhook' | 'poll';

/** One output item of the Keyclic triggers (the default, normalized output): the same for the same change, whichever trigger. */
export type KeyclicItem = {
	/** Canonical (snake_case) event name, whichever spelling Keyclic sent; as sent for an accepted unknown event. */
	event: KeyclicEvent | string;
} & NormalizedResource & {
		/** Deterministic key of this change (event, id, state, updatedAt): use it to drop duplicates, across both triggers. */
		eventKey: string;
		/** When n8n received the call or made the poll (ISO 8601, UTC). */
		receivedAt: string;
		/** How the change arrived: `webhook` (Keyclic Trigger) or `poll` (Keyclic Polling Trigger). */
		source: ItemSource;
		/** The state before the change, when known (a state change the polling trigger saw); null otherwise. */
		previousState: string | null;
		/** True when the resource was re-read from the Keyclic API ("Confirm with Keyclic API", or a poll). */
		confirmed: boolean;
		/** The resource exactly as Keyclic sent it. */
		payload: IDataObject;
	};

export interface ItemOrigin {
	/** Default `webhook`. */
	source?: ItemSource;
	/** Default null (unknown). */
	previousState?: string | null;
}

/** The deterministic key of a change: `event:id:state:updatedAt` (an empty part where the resource has none). */
export const eventKeyOf = (event: string, resource: Pick<NormalizedResource, 'id' | 'state' | 'updatedAt'>): string =>
	[event, resource.id, resource.state ?? '', resource.updatedAt ?? ''].join(':');

/** Builds the normalized output item; `payload` is the body's own object, not a copy. */
export function toItem(
	event: string,
	resource: IdentifiedResource,
	receivedAt: Date,
	confirmed = false,
	eventWarnings: string[] = [],
	{ source = 'webhook', previousState = null }: ItemOrigin = {},
): KeyclicItem {
	const normalized = normalizeResource(resource);
	return {
		event,
		...normalized,
		warnings: [...eventWarnings, ...normalized.warnings],
		eventKey: eventKeyOf(event, normalized),
		receivedAt: receivedAt.toISOString(),
		source,
		previousState,
		confirmed,
		payload: resource.payload,
	};
}
