import type { INodePropertyOptions } from 'n8n-workflow';

import type { ResourceType } from '../../common/schemas';

/** The five Keyclic webhook events, by their canonical (snake_case) names. */
export const CANONICAL_EVENTS = [
	'report_created',
	'report_state_changed',
	'operation_created',
	'operation_state_changed',
	'operation_removed',
] as const;

export type KeyclicEvent = (typeof CANONICAL_EVENTS)[number];

interface EventInfo {
	label: string;
	description: string;
	/** Spelling of the Keyclic API and of the later docs (camelCase). */
	apiName: string;
	resourceType: ResourceType;
}

export const EVENT_INFO: Record<KeyclicEvent, EventInfo> = {
	report_created: {
		label: 'Report Created',
		description: 'A new report was filed',
		apiName: 'reportCreated',
		resourceType: 'report',
	},
	report_state_changed: {
		label: 'Report State Changed',
		description: 'A report moved to another state (accepted, in progress, closed…)',
		apiName: 'reportStateChanged',
		resourceType: 'report',
	},
	operation_created: {
		label: 'Operation Created',
		description: 'A new operation (intervention) was created on a report',
		apiName: 'operationCreated',
		resourceType: 'operation',
	},
	operation_state_changed: {
		label: 'Operation State Changed',
		description: 'An operation moved to another state (assigned, in progress, resolved…)',
		apiName: 'operationStateChanged',
		resourceType: 'operation',
	},
	operation_removed: {
		label: 'Operation Removed',
		description: 'An operation was deleted; the payload is its last known version',
		apiName: 'operationRemoved',
		resourceType: 'operation',
	},
};

const BY_ANY_SPELLING = new Map<string, KeyclicEvent>();
for (const event of CANONICAL_EVENTS) {
	BY_ANY_SPELLING.set(event, event);
	BY_ANY_SPELLING.set(EVENT_INFO[event].apiName, event);
}

/** Maps `report_created` or `reportCreated` to `report_created`; anything else to undefined. */
export function canonicalEvent(name: string): KeyclicEvent | undefined {
	return BY_ANY_SPELLING.get(name);
}

export function isKeyclicEvent(name: string): name is KeyclicEvent {
	return (CANONICAL_EVENTS as readonly string[]).includes(name);
}

export const EVENT_OPTIONS: INodePropertyOptions[] = CANONICAL_EVENTS.map((event) => ({
	name: EVENT_INFO[event].label,
	value: event,
	description: EVENT_INFO[event].description,
}));
