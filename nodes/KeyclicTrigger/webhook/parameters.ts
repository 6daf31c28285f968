import type { IHookFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

import { isKeyclicEvent } from '../../common/events';
import { isDataObject } from '../../common/guards';
import type { KeyclicEvent } from '../../common/events';

type Context = IWebhookFunctions | IHookFunctions | ILoadOptionsFunctions;

export type Authentication = 'urlToken' | 'none';
export type Registration = 'manual' | 'automatic';

export interface TriggerOptions {
	outputRaw: boolean;
	/** Accept a notification of an event this node does not know when its payload is a report or an operation. */
	acceptUnknownEvents: boolean;
}

/** Selected events; values that are not Keyclic events (hand-edited JSON) are ignored. */
export function getSelectedEvents(context: Context): Set<KeyclicEvent> {
	const value: unknown = context.getNodeParameter('events', []);
	const list = Array.isArray(value) ? value : [];
	return new Set(list.filter((item): item is KeyclicEvent => typeof item === 'string' && isKeyclicEvent(item)));
}

export function getRegistration(context: Context): Registration {
	const value: unknown = context.getNodeParameter('registration', 'manual');
	return value === 'automatic' ? 'automatic' : 'manual';
}

/** Manual registration: secret token or none. Automatic registration always uses its generated token. */
export function getAuthentication(context: Context): Authentication {
	const value: unknown = context.getNodeParameter('authentication', 'urlToken');
	return value === 'none' ? 'none' : 'urlToken';
}

/**
 * Organization id from the resource locator (list or id mode); '' when unset or not applicable.
 * Only Automatic registration shows the parameter: it is not read otherwise.
 */
export function getOrganization(context: Context): string {
	if (getRegistration(context) !== 'automatic') return '';
	const value: unknown = context.getNodeParameter('organization', '');
	const id = isDataObject(value) ? value.value : value;
	return typeof id === 'string' ? id.trim() : '';
}

export function getOptions(context: Context): TriggerOptions {
	const value: unknown = context.getNodeParameter('options', {});
	const options = isDataObject(value) ? value : {};
	return { outputRaw: options.outputRaw === true, acceptUnknownEvents: options.acceptUnknownEvents === true };
}

/** Re-read every notified resource from the Keyclic API before starting the workflow. */
export function getConfirmWithApi(context: Context): boolean {
	return context.getNodeParameter('confirmWithApi', false) === true;
}

/** Everything a webhook call needs of the node's parameters, read once at the top of the handler. */
export interface WebhookSettings {
	registration: Registration;
	authentication: Authentication;
	events: Set<KeyclicEvent>;
	outputRaw: boolean;
	acceptUnknownEvents: boolean;
	confirmWithApi: boolean;
	/** Organization of Automatic registration ('' otherwise): a confirmed resource must belong to it. */
	organization: string;
}

export function readWebhookSettings(context: IWebhookFunctions): WebhookSettings {
	return {
		registration: getRegistration(context),
		authentication: getAuthentication(context),
		events: getSelectedEvents(context),
		...getOptions(context),
		confirmWithApi: getConfirmWithApi(context),
		organization: getOrganization(context),
	};
}
