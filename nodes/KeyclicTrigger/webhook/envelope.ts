import type { IDataObject } from 'n8n-workflow';

import { isDataObject } from '../../common/guards';
import { identify } from '../../common/normalize';
import type { Identification } from '../../common/normalize';
import { RESOURCE_TYPE_NAMES } from '../../common/schemas';
import type { ResourceType } from '../../common/schemas';
import { CANONICAL_EVENTS, EVENT_INFO, canonicalEvent, isTaskEvent, taskEventFor } from './events';
import type { KeyclicEvent } from './events';

// What makes a call a Keyclic notification: its identity, and nothing else (docs/keyclic-trigger.md "What the webhook
// answers"). Every other field is read best-effort by the normalization and never refuses a call.

/**
 * A readable envelope. `known`: one of the five events (either spelling), or a task event read from its
 * payload's type, which the trigger's event selection filters. Not `known`: an event this node does not
 * know, accepted as sent ("Accept Unknown Events") because its payload is a report or an operation.
 * `warnings` say how the event was read when it was not one of the five.
 */
export type Envelope = { body: IDataObject; payload: IDataObject; resourceType: ResourceType; warnings: string[] } & (
	| { known: true; event: KeyclicEvent }
	| { known: false; event: string }
);

export type EnvelopeCheck = ({ ok: true } & Envelope) | { ok: false; problem: string };

const EXPECTED_SHAPE = 'a JSON object {"event": "<Keyclic event>", "payload": <Report or Operation>}';

const refuse = (problem: string): EnvelopeCheck => ({ ok: false, problem });

const RESOURCE_OF_TYPE = new Map<unknown, ResourceType>([
	['Report', 'report'],
	['Operation', 'operation'],
]);

/**
 * First step, cheap: a JSON object with an event and an object payload. The event is one of the five
 * (either spelling), a task event of Keyclic's 2021 API (mapped by `payload.type`), or, with
 * `acceptUnknownEvents`, any other event whose payload is typed Report or Operation.
 */
export function checkEnvelope(body: unknown, { acceptUnknownEvents = false } = {}): EnvelopeCheck {
	if (!isDataObject(body)) return refuse(`body: must be ${EXPECTED_SHAPE}`);
	const { event: name, payload } = body;
	if (name === undefined) return refuse('event: is required');
	if (typeof name !== 'string') return refuse(`event: must be a string, got ${JSON.stringify(name)}`);
	const event = canonicalEvent(name);
	const task = isTaskEvent(name);
	let unknown = `event: unknown event "${name}"; expected one of ${CANONICAL_EVENTS.join(', ')} (or their camelCase spelling)`;
	if (!event && !task && !acceptUnknownEvents) return refuse(unknown);
	if (payload === undefined) return refuse('payload: is required');
	if (!isDataObject(payload)) return refuse('payload: must be a JSON object (a Report or an Operation)');
	if (event) return { ok: true, known: true, event, body, payload, resourceType: EVENT_INFO[event].resourceType, warnings: [] };
	const type = JSON.stringify(payload.type ?? null);
	if (task) {
		const mapped = taskEventFor(name, payload.type);
		if (mapped) {
			const warning = `event: "${name}" (a task event of Keyclic's 2021 webhook API) read as ${mapped} from payload.type ${type}`;
			return { ok: true, known: true, event: mapped, body, payload, resourceType: EVENT_INFO[mapped].resourceType, warnings: [warning] };
		}
		unknown = `event: task event "${name}" with payload.type ${type}: a task event is read only with a payload of type "Report" or "Operation"`;
		if (!acceptUnknownEvents) return refuse(unknown);
	}
	const resourceType = RESOURCE_OF_TYPE.get(payload.type);
	if (!resourceType) return refuse(`${unknown}; payload.type ${type} is neither "Report" nor "Operation"`);
	const warning = `event: "${name}" is not an event this node knows; accepted as sent because its payload is a ${RESOURCE_TYPE_NAMES[resourceType]} (option "Accept Unknown Events")`;
	return { ok: true, known: false, event: name, body, payload, resourceType, warnings: [warning] };
}

/** Second step: the payload is the event's resource (Report for report_*, Operation for operation_*) with an id. */
export function identifyPayload(event: KeyclicEvent, payload: IDataObject): Identification {
	return identify(EVENT_INFO[event].resourceType, payload);
}
