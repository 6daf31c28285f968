// The Keyclic Trigger's webhook methods (checkExists / create / delete) and list searches in n8n's real
// HookContext / LoadOptionsContext (see n8n.ts), against the Keyclic emulator (emulator.ts): parameters, n8n's webhook
// URL, ONE shared static-data object, the "Keyclic API" credential, the requests sent and a jest logger, all inspectable.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	IHookFunctions,
	IHttpRequestHelper,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { KeyclicTrigger } from '../../../nodes/KeyclicTrigger/KeyclicTrigger.node';
import { ORGANIZATION_ID } from './bodies';
import { defaultParameters, recordCredentialRequests, storedCredentials } from './context';
import { apiCredential, emulatorHttp } from './emulator';
import type { Emulator, SentRequest } from './emulator';
import { createLogger, hookContext, loadOptionsContext, requestHelperOf } from './n8n';
import type { HttpHandler, LoggerMock, WorkflowOptions } from './n8n';

export { createLogger };
export type { LoggerMock };

/** What n8n returns for getNodeWebhookUrl('default') in these tests. */
export const WEBHOOK_URL = 'https://n8n.example.com/webhook/abc/webhook';

/** The resource locator value n8n stores for an organization chosen from the list. */
export function organizationLocator(id: string = ORGANIZATION_ID): IDataObject {
	return { __rl: true, mode: 'list', value: id, cachedResultName: 'Example organization' };
}

export interface HookContextOptions {
	/** Overrides of the parameters (defaults: the node's, Automatic registration, ORGANIZATION_ID). */
	params?: Record<string, unknown>;
	/** n8n's webhook URL, `<base>/<webhookId>/webhook`; `null` makes getNodeWebhookUrl return undefined. */
	webhookUrl?: string | null;
	/**
	 * Changes to the "Keyclic API" credential data of apiCredential(emu) (a key set to undefined is left out), stored for
	 * both credential types; `null`: no credential selected.
	 */
	credentials?: IDataObject | null;
	/** The Keyclic emulator n8n's HTTP client sends to (for real); its requests are recorded in `sent`. */
	emu: Emulator;
	/** Where the requests are recorded (default: a fresh list). */
	sent?: SentRequest[];
	/**
	 * Instead of the emulator, n8n's HTTP client answered by this function: only for answers Keyclic never gives (its
	 * spec does not have them, so the emulator does not either), to show how the node takes them.
	 */
	http?: HttpHandler;
	/** The static data object (kept by reference; default: a fresh empty one). */
	staticData?: IDataObject;
}

export interface KeyclicHook {
	context: IHookFunctions;
	/** Every request n8n's HTTP client sent (clear it with `sent.length = 0`). */
	sent: SentRequest[];
	/** The single object getWorkflowStaticData('node') returns: inspect it, or mutate it between calls. */
	staticData: IDataObject;
	/** The parameters getNodeParameter reads: mutate them between calls to change the settings. */
	params: Record<string, unknown>;
	logger: LoggerMock;
	credentialRequests: string[];
	/** The emulator it talks to. */
	emu: Emulator;
	/** The hand-made HTTP answers given, if any. */
	http?: HttpHandler;
	/** Set getNodeWebhookUrl's answer. */
	setWebhookUrl(url: string | undefined): void;
}

/** n8n's webhook URL is `<webhookBaseUrl>/<node webhookId>/<path>`: the parts of `url`. */
function webhookUrlParts(url: string): { webhookBaseUrl: string; webhookId: string } {
	const match = url.match(/^(.*)\/([^/]+)\/webhook$/);
	if (!match) throw new Error(`${url} does not end with /<webhookId>/webhook`);
	return { webhookBaseUrl: match[1], webhookId: match[2] };
}

function build<T extends { context: object; staticData: IDataObject; node: { parameters: INodeParameters } }>(
	options: HookContextOptions,
	make: (workflowOptions: WorkflowOptions) => T,
) {
	const parameters = {
		...defaultParameters(),
		registration: 'automatic',
		organization: organizationLocator(),
		...(options.params ?? {}),
	} as INodeParameters;
	const sent = options.sent ?? [];
	let credentials: ICredentialDataDecryptedObject | null = null;
	if (options.credentials !== null) {
		const data: IDataObject = { ...apiCredential(options.emu), ...(options.credentials ?? {}) };
		for (const [key, value] of Object.entries(data)) if (value === undefined) delete data[key];
		credentials = data as ICredentialDataDecryptedObject;
	}
	const built = make({
		nodeType: new KeyclicTrigger(),
		parameters,
		credentials: storedCredentials(credentials),
		staticData: options.staticData ?? {},
		http: options.http ?? emulatorHttp(sent),
		...webhookUrlParts(options.webhookUrl ?? WEBHOOK_URL),
	});
	const credentialRequests = recordCredentialRequests(built.context as IHookFunctions);
	if (options.webhookUrl === null) jest.spyOn(built.context as IHookFunctions, 'getNodeWebhookUrl').mockReturnValue(undefined);
	return { built, sent, credentialRequests };
}

export function createKeyclicHookContext(options: HookContextOptions): KeyclicHook {
	const { built, sent, credentialRequests } = build(options, hookContext);
	return {
		context: built.context,
		sent,
		staticData: built.staticData,
		params: built.node.parameters,
		logger: built.logger,
		credentialRequests,
		emu: options.emu,
		http: options.http,
		setWebhookUrl(url) {
			if (url === undefined) {
				jest.spyOn(built.context, 'getNodeWebhookUrl').mockReturnValue(undefined);
				return;
			}
			const parts = webhookUrlParts(url);
			built.additionalData.webhookBaseUrl = parts.webhookBaseUrl;
			built.node.webhookId = parts.webhookId;
		},
	};
}

/** n8n's context of a list search (the editor's load-options call) with the same settings. */
function createKeyclicLoadOptionsContext(options: HookContextOptions): ILoadOptionsFunctions {
	return build(options, loadOptionsContext).built.context;
}

/** The list-search context for the settings of `hook` (same API, parameters and credentials). */
export function asLoadOptionsFunctions(hook: KeyclicHook): ILoadOptionsFunctions {
	return createKeyclicLoadOptionsContext({
		emu: hook.emu,
		http: hook.http,
		sent: hook.sent,
		params: hook.params,
		staticData: hook.staticData,
	});
}

/** A credential's `this` for preAuthentication: n8n's request helpers, its HTTP client answered by `httpRequest` (e.g. emulatorHttp()). */
export function asHttpRequestHelper(httpRequest: HttpHandler): IHttpRequestHelper {
	const { context } = hookContext({ nodeType: new KeyclicTrigger(), http: httpRequest });
	return requestHelperOf(context);
}

export type WebhookMethod = 'checkExists' | 'create' | 'delete';

/** Calls a webhook method of the node the way n8n does (`this` = the hook context). */
export async function callHook(hook: KeyclicHook, method: WebhookMethod): Promise<boolean> {
	return await new KeyclicTrigger().webhookMethods.default[method].call(hook.context);
}
