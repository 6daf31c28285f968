import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { isKeyclicEvent } from './events';
import type { KeyclicEvent } from './events';

type Context = IWebhookFunctions | IHookFunctions;

export type Authentication = 'urlToken' | 'none';

export interface TriggerOptions {
	outputRaw: boolean;
}

/** Selected events; values that are not Keyclic events (hand-edited JSON) are ignored. */
export function getSelectedEvents(context: Context): Set<KeyclicEvent> {
	const value: unknown = context.getNodeParameter('events', []);
	const list = Array.isArray(value) ? value : [];
	return new Set(list.filter((item): item is KeyclicEvent => typeof item === 'string' && isKeyclicEvent(item)));
}

export function getAuthentication(context: Context): Authentication {
	const value: unknown = context.getNodeParameter('authentication', 'urlToken');
	return value === 'none' ? 'none' : 'urlToken';
}

export function getOptions(context: Context): TriggerOptions {
	const value: unknown = context.getNodeParameter('options', {});
	const options = typeof value === 'object' && value !== null ? value : {};
	return { outputRaw: 'outputRaw' in options && options.outputRaw === true };
}
