import type { IDataObject } from 'n8n-workflow';

import { isDataObject } from '../../common/guards';
import { identify } from '../../common/normalize';
import type { Identification } from '../../common/normalize';
import { CANONICAL_EVENTS, EVENT_INFO, canonicalEvent } from './events';
import type { KeyclicEvent } from './events';

// What makes a call a Keyclic notification: its identity, and nothing else (README "What the webhook
// answers"). Every other field is read best-effort by the normalization and never refuses a call.

export type EnvelopeCheck = { ok: true; event: KeyclicEvent; body: IDataObject; payload: IDataObject } | { ok: false; problem: string };

const EXPECTED_SHAPE = 'a JSON object {"event": "<Keyclic event>", "payload": <Report or Operation>}';

const refuse = (problem: string): EnvelopeCheck => ({ ok: false, problem });

/** First step, cheap: a JSON object with a known event (either spelling) and an object payload. */
export function checkEnvelope(body: unknown): EnvelopeCheck {
	if (!isDataObject(body)) return refuse(`body: must be ${EXPECTED_SHAPE}`);
	const { event: name, payload } = body;
	if (name === undefined) return refuse('event: is required');
	if (typeof name !== 'string') return refuse(`event: must be a string, got ${JSON.stringify(name)}`);
	const event = canonicalEvent(name);
	if (!event) {
		return refuse(`event: unknown event "${name}"; expected one of ${CANONICAL_EVENTS.join(', ')} (or their camelCase spelling)`);
	}
	if (payload === undefined) return refuse('payload: is required');
	if (!isDataObject(payload)) return refuse('payload: must be a JSON object (a Report or an Operation)');
	return { ok: true, event, body, payload };
}

/** Second step: the payload is the event's resource (Report for report_*, Operation for operation_*) with an id. */
export function identifyPayload(event: KeyclicEvent, payload: IDataObject): Identification {
	return identify(EVENT_INFO[event].resourceType, payload);
}
