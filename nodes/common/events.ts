import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ResourceType } from './schemas';

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

/** "Trigger On": the five events, all selected by default; `description` says how the trigger treats the others. */
export function eventsProperty(description: string): INodeProperties {
	return {
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [...CANONICAL_EVENTS],
		required: true,
		description,
	};
}

/**
 * Keyclic's webhook API of 2.14.6–2.21.0 (2021-08 to 2021-12) created webhooks for `taskCreated` and
 * `taskStateChanged` only: one event for both resources, which the payload's `type` tells apart.
 */
const TASK_CREATED = new Map<string, KeyclicEvent>([
	['Report', 'report_created'],
	['Operation', 'operation_created'],
]);
const TASK_STATE_CHANGED = new Map<string, KeyclicEvent>([
	['Report', 'report_state_changed'],
	['Operation', 'operation_state_changed'],
]);
const TASK_EVENTS = new Map([
	['taskCreated', TASK_CREATED],
	['task_created', TASK_CREATED],
	['taskStateChanged', TASK_STATE_CHANGED],
	['task_state_changed', TASK_STATE_CHANGED],
]);

export function isTaskEvent(name: string): boolean {
	return TASK_EVENTS.has(name);
}

/** The event a task event stands for, from the payload's `type` (Report, Operation); undefined for another type. */
export function taskEventFor(name: string, payloadType: unknown): KeyclicEvent | undefined {
	return typeof payloadType === 'string' ? TASK_EVENTS.get(name)?.get(payloadType) : undefined;
}
