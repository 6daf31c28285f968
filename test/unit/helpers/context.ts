// The Keyclic Trigger's webhook() in n8n's real WebhookContext (see n8n.ts): the request, a response
// recorder and the credentials are made up here; "Confirm with Keyclic API" asks the Keyclic emulator (emulator.ts).
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	INodeParameters,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { KeyclicTrigger } from '../../../nodes/KeyclicTrigger/KeyclicTrigger.node';
import { credentialTestContext, hookContext, webhookContext } from './n8n';
import type { HttpHandler, LoggerMock } from './n8n';

/** Secret used by default on both sides (credential and `?token=`). Not a real secret. */
export const EXAMPLE_TOKEN = 'example-webhook-token-for-unit-tests';

/** The trigger's credential types. */
export const CREDENTIAL_TYPES = ['keyclicWebhookSecretApi', 'keyclicApi'];

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

export type WebhookLogger = LoggerMock;

/** Parameter values n8n stores for a freshly added node: the defaults of the node description. */
export function defaultParameters(): Record<string, unknown> {
	const defaults: Record<string, unknown> = {};
	for (const property of new KeyclicTrigger().description.properties) {
		defaults[property.name] = property.default;
	}
	return defaults;
}

/** The same credential data stored for each of the trigger's credential types (none when `null`). */
export function storedCredentials(data: ICredentialDataDecryptedObject | null): Record<string, ICredentialDataDecryptedObject> {
	return data === null ? {} : Object.fromEntries(CREDENTIAL_TYPES.map((type) => [type, { ...data }]));
}

/** A hook context (activation, start, deactivation) whose parameters are the defaults plus `params`. */
export function createHookContext(params: Record<string, unknown> = {}): IHookFunctions {
	return hookContext({ nodeType: new KeyclicTrigger(), parameters: { ...defaultParameters(), ...params } as INodeParameters }).context;
}

/** n8n's context for a credential test (`methods.credentialTest`); the argument is ignored (older tests pass one). */
export function asCredentialTestFunctions(stub?: object): ICredentialTestFunctions {
	void stub;
	return credentialTestContext().context;
}

export interface WebhookContextOptions {
	/** Overrides of the node parameters; a key set to `undefined` leaves the parameter to n8n's default. */
	params?: Record<string, unknown>;
	/** Credential data stored for the trigger's credentials; `null`: no credential selected. */
	credentials?: ICredentialDataDecryptedObject | null;
	query?: unknown;
	body?: unknown;
	/** Request headers; default `content-type: application/json` (what Keyclic sends). */
	headers?: Record<string, string | undefined>;
	/** The body's bytes as n8n's raw body reader keeps them (request.rawBody). */
	rawBody?: Buffer;
	mode?: WorkflowExecuteMode;
	/** What answers n8n's HTTP client, for "Confirm with Keyclic API": `emulatorHttp(sent)` of emulator.ts. */
	api?: HttpHandler;
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
	const params = { ...defaultParameters(), ...(options.params ?? {}) };
	for (const [name, value] of Object.entries(params)) if (value === undefined) delete params[name];
	const credentials = options.credentials === undefined ? { token: EXAMPLE_TOKEN } : options.credentials;
	const query = 'query' in options ? options.query : { token: EXAMPLE_TOKEN };
	const response = createResponseRecorder();
	const built = webhookContext({
		nodeType: new KeyclicTrigger(),
		parameters: params as INodeParameters,
		credentials: storedCredentials(credentials),
		staticData: options.staticData,
		mode: options.mode,
		http: options.api,
		request: {
			body: options.body,
			query,
			headers: options.headers ?? { 'content-type': 'application/json' },
			params: {},
			...(options.rawBody ? { rawBody: options.rawBody } : {}),
		},
		response,
	});
	return {
		context: built.context,
		response,
		credentialRequests: recordCredentialRequests(built.context),
		logger: built.logger,
	};
}

/** Records the credential types a context is asked for (n8n's getCredentials still answers). */
export function recordCredentialRequests(context: { getCredentials(type: string): Promise<unknown> }): string[] {
	const requests: string[] = [];
	const getCredentials = context.getCredentials.bind(context);
	jest.spyOn(context, 'getCredentials').mockImplementation(async (type: string) => {
		requests.push(type);
		return await getCredentials(type);
	});
	return requests;
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
