import type { IDataObject } from 'n8n-workflow';
import type { z } from 'zod';

import { EVENT_INFO, canonicalEvent } from './events';
import type { KeyclicEvent } from './events';
import { isDataObject } from './guards';
import { PAYLOAD_ACCEPT, PAYLOAD_SCHEMAS, envelopeSchema } from './schemas';
import type { HalLinkValue, KeyclicItem, KeyclicResource } from './schemas';

export type EnvelopeCheck =
	| { ok: true; event: KeyclicEvent; body: IDataObject; payload: IDataObject }
	| { ok: false; problems: string[] };

export type PayloadCheck = { ok: true; resource: KeyclicResource } | { ok: false; problems: string[] };

const EXPECTED_SHAPE = 'a JSON object {"event": "<Keyclic event>", "payload": <Report or Operation>}';

function describeIssues(error: z.ZodError, prefix: string): string[] {
	return error.issues.map((issue) => {
		const where = [prefix, ...issue.path].filter((part) => part !== '').join('.');
		return `${where || 'body'}: ${issue.message}`;
	});
}

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
export function checkPayload(event: KeyclicEvent, payload: IDataObject): PayloadCheck {
	const { resourceType } = EVENT_INFO[event];
	const expectedType = resourceType === 'report' ? 'Report' : 'Operation';
	if (payload.type !== expectedType) {
		return {
			ok: false,
			problems: [`payload.type: event ${event} carries a ${expectedType}, got ${JSON.stringify(payload.type ?? null)}`],
		};
	}
	// Fast path (fastAccept.ts): the schema accepts the payload and never transforms, so the payload itself
	// is the resource; zod's parse would only have copied it.
	if (PAYLOAD_ACCEPT[resourceType]?.(payload)) return { ok: true, resource: payload as KeyclicResource };
	const parsed = PAYLOAD_SCHEMAS[resourceType].safeParse(payload);
	if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error, 'payload') };
	return { ok: true, resource: parsed.data };
}

function firstHref(value: HalLinkValue | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value[0]?.href;
	return value.href;
}

function flattenLinks(links: Record<string, HalLinkValue> | undefined): Record<string, string | string[]> {
	const flat: Record<string, string | string[]> = {};
	for (const [rel, value] of Object.entries(links ?? {})) {
		if (typeof value === 'string') flat[rel] = value;
		else if (Array.isArray(value)) flat[rel] = value.map((link) => link.href);
		else flat[rel] = value.href;
	}
	return flat;
}

/** Last path segment of `/organizations/<id>`-like hrefs. */
function idFromHref(href: string | undefined): string | null {
	if (!href) return null;
	const segment = href.split('?')[0].split('/').filter(Boolean).pop();
	return segment ?? null;
}

/** State code whichever era: `state` (string, or first element of an array), else the workflow state. */
function stateOf(resource: KeyclicResource): { state: string | null; stateLabel: string | null } {
	const workflowState = resource._embedded?.workflow?.state;
	const phase = resource.type === 'Report' ? resource.phase : undefined;
	const legacy = Array.isArray(resource.state) ? resource.state[0] : resource.state;
	const modern = workflowState?.reference ?? workflowState?.key ?? phase?.reference ?? phase?.key;
	const state = legacy ?? modern ?? null;
	// The label is only trusted when it describes the same state as the code we output.
	const labelSource = [workflowState, phase].find(
		(candidate) => candidate?.name !== undefined && (state === null || [candidate.reference, candidate.key].includes(state)),
	);
	return { state, stateLabel: labelSource?.name ?? null };
}

/** Id of the organization that owns the resource (from `_links.organization`), if any. */
export function organizationOf(resource: KeyclicResource): string | null {
	return idFromHref(firstHref(resource._links?.organization));
}

/** Builds the normalized output item; `payload` is the body's own object, not a copy. */
export function toItem(
	event: KeyclicEvent,
	resource: KeyclicResource,
	payload: IDataObject,
	receivedAt: Date,
	confirmed = false,
): KeyclicItem {
	const { resourceType } = EVENT_INFO[event];
	const { state, stateLabel } = stateOf(resource);
	const links = resource._links;
	const updatedAt = resource.updatedAt ?? null;
	return {
		event,
		resourceType,
		id: resource.id,
		state,
		stateLabel,
		createdAt: resource.createdAt ?? null,
		updatedAt,
		organizationId: organizationOf(resource),
		reportId: resourceType === 'report' ? resource.id : idFromHref(firstHref(links?.report)),
		links: flattenLinks(links),
		eventKey: [event, resource.id, state ?? '', updatedAt ?? ''].join(':'),
		receivedAt: receivedAt.toISOString(),
		confirmed,
		payload,
	};
}
