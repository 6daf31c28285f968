import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { isDataObject } from '../../shared/guards';
import { RESOURCE_TYPE_NAMES, checkResource, describeIssues } from '../../shared/normalize';
import type { ResourceCheck } from '../../shared/normalize';
import { EVENT_INFO, canonicalEvent } from './events';
import type { KeyclicEvent } from './events';

/** The envelope as far as it can be checked before knowing the event. */
export const envelopeSchema = z
	.object({
		event: z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }),
		// an object of any content (the payload schemas check it next); z.object({}) does not walk or copy it
		payload: z.object(
			{},
			{
				required_error: 'is required',
				invalid_type_error: 'must be a JSON object (a Report or an Operation)',
			},
		),
	})
	.passthrough();


export type EnvelopeCheck =
	| { ok: true; event: KeyclicEvent; body: IDataObject; payload: IDataObject }
	| { ok: false; problems: string[] };

const EXPECTED_SHAPE = 'a JSON object {"event": "<Keyclic event>", "payload": <Report or Operation>}';

/** First step, cheap: is this a Keyclic envelope with a known event (either spelling)? */
export function checkEnvelope(body: unknown): EnvelopeCheck {
	if (!isDataObject(body)) {
		return { ok: false, problems: [`body: must be ${EXPECTED_SHAPE}`] };
	}
	const parsed = envelopeSchema.safeParse(body);
	if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error, '') };
	const event = canonicalEvent(parsed.data.event);
	if (!event) {
		return {
			ok: false,
			problems: [
				`event: unknown event "${parsed.data.event}"; expected one of ${Object.keys(EVENT_INFO).join(', ')} (or their camelCase spelling)`,
			],
		};
	}
	const { payload } = body;
	if (!isDataObject(payload)) return { ok: false, problems: ['payload: must be a JSON object'] };
	return { ok: true, event, body, payload };
}

/** Second step: does the payload match the event (Report for report_*, Operation for operation_*)? */
export function checkPayload(event: KeyclicEvent, payload: IDataObject): ResourceCheck {
	const { resourceType } = EVENT_INFO[event];
	const expectedType = RESOURCE_TYPE_NAMES[resourceType];
	if (payload.type !== expectedType) {
		return {
			ok: false,
			problems: [`payload.type: event ${event} carries a ${expectedType}, got ${JSON.stringify(payload.type ?? null)}`],
		};
	}
	return checkResource(resourceType, payload);
}
