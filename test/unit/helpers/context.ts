// Hand-built n8n contexts for unit tests: just the methods the Keyclic Trigger calls, recorded.
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INode,
	IWebhookFunctions,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { KeyclicTrigger } from '../../../nodes/KeyclicTrigger/KeyclicTrigger.node';
import type { AuthenticatedRequest } from './keyclicApi';

/** Secret used by default on both sides (credential and `?token=`). Not a real secret. */
export const EXAMPLE_TOKEN = 'example-webhook-token-for-unit-tests';

/** What the node wrote through `getResponseObject()`. */
export interface ResponseRecorder {
	statusCode: number | undefined;
	body: unknown;
	statusCalls: number;
	jsonCalls: number;
	status(code: number): ResponseRecorder;
	json(body: unknown): ResponseRecorder;
}

export function createResponseRecorder(): ResponseRecorder {
	const recorder: ResponseRecorder = {
		statusCode: undefined,
		body: undefined,
		statusCalls: 0,
		jsonCalls: 0,
		status(code: number) {
			recorder.statusCode = code;
			recorder.statusCalls += 1;
			return recorder;
		},
		json(body: unknown) {
			recorder.body = body;
			recorder.jsonCalls += 1;
			return recorder;
		},
	};
	return recorder;
}

/** The part of IWebhookFunctions the trigger uses. */
export interface WebhookContextStub {
	getNodeParameter(name: string, fallback?: unknown, options?: IDataObject): unknown;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
	getQueryData(): unknown;
	getBodyData(): unknown;
	getHeaderData(): Record<string, string | undefined>;
	getResponseObject(): ResponseRecorder;
	getNode(): INode;
	getMode(): WorkflowExecuteMode;
	getWorkflowStaticData(type: string): IDataObject;
	logger: WebhookLogger;
	helpers: { httpRequestWithAuthentication?: AuthenticatedRequest };
}

export interface WebhookLogger {
	warn: jest.Mock;
	info: jest.Mock;
	debug: jest.Mock;
	error: jest.Mock;
}

/** The single place where a partial context becomes an IWebhookFunctions. */
export function asWebhookFunctions(stub: WebhookContextStub): IWebhookFunctions {
	return stub as unknown as IWebhookFunctions;
}

/** The part of IHookFunctions the lifecycle methods use in Manual registration. */
export interface HookContextStub {
	getNodeParameter(name: string, fallback?: unknown): unknown;
}

export function asHookFunctions(stub: HookContextStub): IHookFunctions {
	return stub as unknown as IHookFunctions;
}

/** A hook context (activation, start, deactivation) whose parameters are the defaults plus `params`. */
export function createHookContext(params: Record<string, unknown> = {}): IHookFunctions {
	const values: Record<string, unknown> = { ...defaultParameters(), ...params };
	return asHookFunctions({
		getNodeParameter(name: string, fallback?: unknown) {
			const value = values[name];
			return value === undefined ? fallback : value;
		},
	});
}

/** Credential tests do not call anything on their context. */

export function asCredentialTestFunctions(stub: object = {}): ICredentialTestFunctions {
	return stub as unknown as ICredentialTestFunctions;
}

/** Parameter values n8n stores for a freshly added node: the defaults of the node description. */
export function defaultParameters(): Record<string, unknown> {
	const defaults: Record<string, unknown> = {};
	for (const property of new KeyclicTrigger().description.properties) {
		defaults[property.name] = property.default;
	}
	return defaults;
}

export interface WebhookContextOptions {
	/** Overrides of the node parameters; a key set to `undefined` makes the parameter absent. */
	params?: Record<string, unknown>;
	/** Credential data returned by getCredentials; `null` makes getCredentials reject (no credential set). */
	credentials?: ICredentialDataDecryptedObject | null;
	query?: unknown;
	body?: unknown;
	/** Request headers; default `content-type: application/json` (what Keyclic sends). */
	headers?: Record<string, string | undefined>;
	mode?: WorkflowExecuteMode;
	/** helpers.httpRequestWithAuthentication (the Keyclic API, for "Confirm with Keyclic API"). */
	api?: AuthenticatedRequest;
	/** Initial getWorkflowStaticData('node') (Automatic registration keeps its token there). */
	staticData?: IDataObject;
}

export interface WebhookContext {
	context: IWebhookFunctions;
	response: ResponseRecorder;
	/** Credential types requested through getCredentials, in order. */
	credentialRequests: string[];
	logger: WebhookLogger;
}

export function createWebhookContext(options: WebhookContextOptions = {}): WebhookContext {
	const params: Record<string, unknown> = { ...defaultParameters(), ...(options.params ?? {}) };
	const credentials = options.credentials === undefined ? { token: EXAMPLE_TOKEN } : options.credentials;
	const query = 'query' in options ? options.query : { token: EXAMPLE_TOKEN };
	const response = createResponseRecorder();
	const staticData: Record<string, IDataObject> = options.staticData ? { node: options.staticData } : {};
	const logger: WebhookLogger = { warn: jest.fn(), info: jest.fn(), debug: jest.fn(), error: jest.fn() };
	const credentialRequests: string[] = [];
	const node: INode = {
		id: 'keyclic-trigger-test-node',
		name: 'Keyclic Trigger',
		type: 'n8n-nodes-keyclic.keyclicTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: params as INode['parameters'],
	};
	const stub: WebhookContextStub = {
		getNodeParameter(name: string, fallback?: unknown, parameterOptions?: IDataObject) {
			const value = params[name];
			if (value === undefined) return fallback;
			// resource locators: n8n returns their `value` when asked to extract it
			if (parameterOptions?.extractValue === true && typeof value === 'object' && value !== null && 'value' in value) {
				return value.value;
			}
			return value;
		},
		async getCredentials(type: string) {
			credentialRequests.push(type);
			if (credentials === null) throw new Error(`Node "${node.name}" does not have any credentials set`);
			return credentials;
		},
		getQueryData: () => query,
		getBodyData: () => options.body,
		getHeaderData: () => options.headers ?? { 'content-type': 'application/json' },
		getResponseObject: () => response,
		getNode: () => node,
		getMode: () => options.mode ?? 'webhook',
		getWorkflowStaticData(type: string) {
			staticData[type] ??= {};
			return staticData[type];
		},
		logger,
		helpers: { httpRequestWithAuthentication: options.api },
	};
	return { context: asWebhookFunctions(stub), response, credentialRequests, logger };
}

export interface WebhookRun extends WebhookContext {
	result: IWebhookResponseData;
}

/** Calls the node's webhook() the way n8n does (`this` = the context). */
export async function runWebhook(options: WebhookContextOptions = {}): Promise<WebhookRun> {
	const built = createWebhookContext(options);
	const result = await new KeyclicTrigger().webhook.call(built.context);
	return { ...built, result };
}
