import type { IDataObject } from 'n8n-workflow';

import { normalizeResource } from '../../common/normalize';
import type { IdentifiedResource } from '../../common/normalize';
import type { NormalizedResource } from '../../common/schemas';
import type { KeyclicEvent } from './events';

/** One output item of the Keyclic Trigger (the default, normalized output). */
export type KeyclicItem = {
	/** Canonical (snake_case) event name, whichever spelling Keyclic sent; as sent for an accepted unknown event. */
	event: KeyclicEvent | string;
} & NormalizedResource & {
		/** Deterministic key of this notification (event, id, state, updatedAt): use it to drop duplicates. */
		eventKey: string;
		/** When n8n received the call (ISO 8601, UTC). */
		receivedAt: string;
		/** True when the resource was re-read from the Keyclic API ("Confirm with Keyclic API"). */
		confirmed: boolean;
		/** The resource exactly as Keyclic sent it. */
		payload: IDataObject;
	};

/** Builds the normalized output item; `payload` is the body's own object, not a copy. */
export function toItem(
	event: string,
	resource: IdentifiedResource,
	receivedAt: Date,
	confirmed = false,
	eventWarnings: string[] = [],
): KeyclicItem {
	const normalized = normalizeResource(resource);
	return {
		event,
		...normalized,
		warnings: [...eventWarnings, ...normalized.warnings],
		eventKey: [event, normalized.id, normalized.state ?? '', normalized.updatedAt ?? ''].join(':'),
		receivedAt: receivedAt.toISOString(),
		confirmed,
		payload: resource.payload,
	};
}
