// Hand-built IHookFunctions for Automatic registration (checkExists / create / delete) against a fake
// Keyclic API: parameters, n8n's webhook URL, ONE shared static-data object, the "Keyclic API"
// credential, a jest logger and helpers.httpRequestWithAuthentication, all inspectable.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestHelper,
	ILoadOptionsFunctions,
	INode,
} from 'n8n-workflow';

import { KeyclicTrigger } from '../../../nodes/KeyclicTrigger/KeyclicTrigger.node';
import { ORGANIZATION_ID } from './bodies';
import { defaultParameters } from './context';
import { API_BASE_URL, FakeKeyclicApi } from './keyclicApi';
import type { AuthenticatedRequest } from './keyclicApi';

/** What n8n returns for getNodeWebhookUrl('default') in these tests. */
export const WEBHOOK_URL = 'https://n8n.example.com/webhook/abc/webhook';

export interface LoggerMock {
	warn: jest.Mock;
	info: jest.Mock;
	debug: jest.Mock;
	error: jest.Mock;
}

export function createLogger(): LoggerMock {
	return { warn: jest.fn(), info: jest.fn(), debug: jest.fn(), error: jest.fn() };
}

/** The resource locator value n8n stores for an organization chosen from the list. */
export function organizationLocator(id: string = ORGANIZATION_ID): IDataObject {
	return { __rl: true, mode: 'list', value: id, cachedResultName: 'Example organization' };
}

/**
 * Reads a parameter the way n8n's getNodeParameter does for what the trigger asks: `fallback` when
 * absent, and the `value` of a resource locator with `{extractValue: true}`.
 */
export function readParameter(params: Record<string, unknown>, name: string, fallback?: unknown, options?: IDataObject): unknown {
	const value = params[name];
	if (value === undefined) return fallback;
	if (options?.extractValue === true && typeof value === 'object' && value !== null && 'value' in value) return value.value;
	return value;
}

export function testNode(parameters: Record<string, unknown>): INode {
	return {
		id: 'keyclic-trigger-test-node',
		name: 'Keyclic Trigger',
		type: 'n8n-nodes-keyclic.keyclicTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
}

export interface HookContextOptions {
	/** Overrides of the parameters (defaults: the node's, Automatic registration, ORGANIZATION_ID). */
	params?: Record<string, unknown>;
	/** getNodeWebhookUrl('default'); `null` makes it return undefined. */
	webhookUrl?: string | null;
	/** "Keyclic API" credential data; `null` makes getCredentials reject (no credential selected). */
	credentials?: ICredentialDataDecryptedObject | null;
	/** The static data object (kept by reference; default: a fresh empty one). */
	staticData?: IDataObject;
	/** Fake API to use (default: a fresh empty one). */
	api?: FakeKeyclicApi;
}

export interface KeyclicHook {
	context: IHookFunctions;
	api: FakeKeyclicApi;
	/** The single object getWorkflowStaticData('node') returns: inspect it, or mutate it between calls. */
	staticData: IDataObject;
	/** The parameters getNodeParameter reads: mutate them between calls to change the settings. */
	params: Record<string, unknown>;
	logger: LoggerMock;
	credentialRequests: string[];
	/** Set getNodeWebhookUrl's answer. */
	setWebhookUrl(url: string | undefined): void;
}

interface HookStub {
	getNodeParameter(name: string, fallback?: unknown, options?: IDataObject): unknown;
	getNodeWebhookUrl(name: string): string | undefined;
	getWorkflowStaticData(type: string): IDataObject;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
	getNode(): INode;
	logger: LoggerMock;
	helpers: { httpRequestWithAuthentication: AuthenticatedRequest };
}

export function createKeyclicHookContext(options: HookContextOptions = {}): KeyclicHook {
	const params: Record<string, unknown> = {
		...defaultParameters(),
		registration: 'automatic',
		organization: organizationLocator(),
		...(options.params ?? {}),
	};
	const api = options.api ?? new FakeKeyclicApi();
	const staticData = options.staticData ?? {};
	const credentials =
		options.credentials === undefined
			? { login: 'user@example.com', password: 'example-password', applicationKey: 'com.keyclic.app', baseUrl: API_BASE_URL }
			: options.credentials;
	let webhookUrl = options.webhookUrl === null ? undefined : (options.webhookUrl ?? WEBHOOK_URL);
	const logger = createLogger();
	const credentialRequests: string[] = [];
	const node = testNode(params);
	const stub: HookStub = {
		getNodeParameter: (name, fallback, parameterOptions) => readParameter(params, name, fallback, parameterOptions),
		getNodeWebhookUrl: (name) => (name === 'default' ? webhookUrl : undefined),
		getWorkflowStaticData(type: string) {
			if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
			return staticData;
		},
		async getCredentials(type: string) {
			credentialRequests.push(type);
			if (credentials === null) throw new Error(`Node "${node.name}" does not have any credentials set`);
			return credentials;
		},
		getNode: () => node,
		logger,
		helpers: { httpRequestWithAuthentication: api.request },
	};
	return {
		context: stub as unknown as IHookFunctions,
		api,
		staticData,
		params,
		logger,
		credentialRequests,
		setWebhookUrl(url) {
			webhookUrl = url;
		},
	};
}

/** The same stub used where n8n gives a load-options context (list searches). */
export function asLoadOptionsFunctions(hook: KeyclicHook): ILoadOptionsFunctions {
	return hook.context as unknown as ILoadOptionsFunctions;
}

/** A credential's `this` for preAuthentication: only `helpers.httpRequest`. */
export function asHttpRequestHelper(httpRequest: jest.Mock): IHttpRequestHelper {
	return { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
}

export type WebhookMethod = 'checkExists' | 'create' | 'delete';

/** Calls a webhook method of the node the way n8n does (`this` = the hook context). */
export async function callHook(hook: KeyclicHook, method: WebhookMethod): Promise<boolean> {
	return await new KeyclicTrigger().webhookMethods.default[method].call(hook.context);
}
