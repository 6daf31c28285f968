// n8n's REAL node contexts (n8n-core's WebhookContext, HookContext, LoadOptionsContext, ExecuteContext,
// CredentialTestContext) on a real `Workflow` (n8n-workflow), with only the outside world faked:
// - HTTP: n8n's one outbound HTTP client (`OutboundHttp`, used by helpers.httpRequest and
//   httpRequestWithAuthentication) is swapped for `FakeHttp`, which hands each request to the `http`
//   handler of the context built last (emulator.ts: n8n's own request function sending to the Keyclic emulator);
// - credentials storage: `additionalData.credentialsHelper` keeps decrypted credential data in memory and
//   applies a credential type's `authenticate` and `preAuthentication` the way n8n's CredentialsHelper
//   does (expressions resolved by the workflow's own expression engine);
// - the instance (InstanceSettings) and the logger (a jest mock per context, to assert warnings).
// Parameter reading (defaults, expressions, resource locators' extractValue, validation), getCredentials
// (which credential a node may use, required or not), static data and the request helpers are n8n's.
//
// Builders: `webhookContext`, `hookContext`, `loadOptionsContext`, `credentialTestContext` and, for
// action nodes, `executeContext`: `executeContext({ nodeType: new Keyclic(), parameters, credentials,
// items, http: emulatorHttp() })` returns `{ context, ... }`; run `await new Keyclic().execute.call(context)`.
import {
	CredentialTestContext,
	ExecuteContext,
	HookContext,
	InstanceSettings,
	LoadOptionsContext,
	PollContext,
	WebhookContext,
} from 'n8n-core';
import { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { KeyclicApi } from '../../../credentials/KeyclicApi.credentials';
import { KeyclicWebhookSecretApi } from '../../../credentials/KeyclicWebhookSecretApi.credentials';

/**
 * n8n-core's own copy of a package: n8n-core has its own @n8n/di, @n8n/backend-common… beside the older
 * ones of @n8n/node-cli, and only its copies hold the services its contexts use. (Loaded by path, not
 * imported: the community-node lint forbids importing them, even in tests.)
 */
function fromCore<T>(id: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(id, { paths: [require.resolve('n8n-core')] })) as T;
}

const { Container } = fromCore<typeof import('@n8n/di')>('@n8n/di');
const { Logger } = fromCore<typeof import('@n8n/backend-common')>('@n8n/backend-common');
const { OutboundHttp } = fromCore<typeof import('@n8n/backend-network')>('@n8n/backend-network');
type Logger = import('@n8n/backend-common').Logger;
type OutboundHttp = import('@n8n/backend-network').OutboundHttp;

/** The package prefix n8n gives this package's node types. */
export const PACKAGE = 'n8n-nodes-keyclic';

export const WORKFLOW_ID = 'unit-test-workflow';

/** What answers one request n8n sends (after n8n authenticated it). May throw like n8n's client. */
export type HttpHandler = (options: IHttpRequestOptions) => Promise<unknown>;

/** Every credential type of the package, by name. */
export const CREDENTIAL_TYPES: Record<string, ICredentialType> = Object.fromEntries(
	[new KeyclicApi(), new KeyclicWebhookSecretApi()].map((type) => [type.name, type]),
);

export interface LoggerMock {
	warn: jest.Mock;
	info: jest.Mock;
	debug: jest.Mock;
	error: jest.Mock;
	/** n8n's services ask for a scoped logger: the same mock. */
	scoped: jest.Mock;
}

export function createLogger(): LoggerMock {
	const logger: LoggerMock = { warn: jest.fn(), info: jest.fn(), debug: jest.fn(), error: jest.fn(), scoped: jest.fn(() => logger) };
	return logger;
}

/** No network in unit tests: a request nobody answers fails like a refused connection. */
const unreachable: HttpHandler = async (options) => {
	throw Object.assign(new Error(`connect ECONNREFUSED (no server given for ${options.url})`), { code: 'ECONNREFUSED' });
};

let currentHttp: HttpHandler = unreachable;

/** n8n's outbound HTTP client, answered by the `http` handler of the context built last. */
class FakeHttp {
	requests() {
		return { request: async (options: IHttpRequestOptions) => await currentHttp(options) };
	}
}

Container.set(OutboundHttp, new FakeHttp() as unknown as OutboundHttp);
Container.set(InstanceSettings, { instanceId: 'unit-test-instance', hmacSignatureSecret: 'unit-test' } as unknown as InstanceSettings);

/** Request options as the node passed them to httpRequestWithAuthentication (before n8n added the auth). */
const asPassed = new WeakMap<object, { credentialType: string; options: IHttpRequestOptions }>();

/** The credential type and options the node passed for a request n8n is sending, if it was authenticated. */
export function passedRequest(sent: IHttpRequestOptions): { credentialType: string; options: IHttpRequestOptions } | undefined {
	return asPassed.get(sent);
}

/** A copy of the options as the node passed them; a body that cannot be copied (a streamed file) is kept as it is. */
function asPassedCopy(requestOptions: IHttpRequestOptions | IRequestOptionsSimplified): IHttpRequestOptions {
	try {
		return structuredClone(requestOptions) as IHttpRequestOptions;
	} catch {
		const { body, ...rest } = requestOptions as IHttpRequestOptions;
		return { ...(structuredClone(rest) as IHttpRequestOptions), body };
	}
}

/**
 * Credentials storage: decrypted data by credential type, as n8n's CredentialsHelper serves it, plus its
 * authenticate/preAuthentication steps for this package's credential types.
 */
export class FakeCredentialsHelper extends ICredentialsHelper {
	constructor(readonly stored: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const passed = asPassedCopy(requestOptions);
		const options = requestOptions as IHttpRequestOptions & Record<string, IDataObject | undefined>;
		const authenticate = CREDENTIAL_TYPES[typeName]?.authenticate;
		if (typeof authenticate === 'object' && authenticate.type === 'generic' && workflow && node) {
			for (const [where, values] of Object.entries(authenticate.properties)) {
				const target: IDataObject = { ...(options[where] ?? {}) };
				for (const [key, value] of Object.entries(values as IDataObject)) {
					target[key] =
						typeof value === 'string' && value.startsWith('=')
							? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
							: value;
				}
				options[where] = target;
			}
		}
		asPassed.set(options, { credentialType: typeName, options: passed });
		return options;
	}

	/** n8n logs in again when the expirable field is empty or the API said the token expired. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = CREDENTIAL_TYPES[typeName];
		const expirable = type?.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!type?.preAuthentication || !expirable) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		this.stored[typeName] = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		return output as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, typeName: string) {
		return await this.preAuthentication(helpers, credentials, typeName, {} as INode, true);
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by this package');
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		const data = this.stored[type];
		if (data === undefined) throw new Error(`Credential of type "${type}" not found`);
		return structuredClone(data);
	}

	async updateCredentials(_nodeCredentials: unknown, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.stored[type] = data;
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

/** INodeTypes holding the given node types under this package's prefix. */
export function nodeTypesOf(...types: INodeType[]): INodeTypes {
	const byName = new Map(types.map((type) => [`${PACKAGE}.${type.description.name}`, type]));
	const get = (name: string): INodeType => {
		const type = byName.get(name);
		if (!type) throw new Error(`unknown node type ${name}`);
		return type;
	};
	return {
		getByName: get,
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(get(name), version),
		getKnownTypes: () => ({}),
	};
}

export interface WorkflowOptions {
	nodeType: INodeType;
	/** The node's parameters as stored in the workflow (n8n adds the defaults of what is displayed). */
	parameters?: INodeParameters;
	/** Decrypted credential data by credential type; a type absent here is not set on the node. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The node's static data ('node'), kept by reference. */
	staticData?: IDataObject;
	/** The node's webhookId (the path segment of its webhook URL). */
	webhookId?: string;
	/** Where n8n's webhook URLs start (additionalData.webhookBaseUrl). */
	webhookBaseUrl?: string;
	/** What answers n8n's HTTP client (default: no network), e.g. emulatorHttp() of emulator.ts. */
	http?: HttpHandler;
	/** additionalData.httpRequest / httpResponse (webhook calls). */
	request?: Partial<IWorkflowExecuteAdditionalData['httpRequest']> & object;
	response?: object;
}

export interface N8nSetup {
	workflow: Workflow;
	/** The workflow's node object: its `parameters` are what getNodeParameter reads (mutable). */
	node: INode;
	additionalData: IWorkflowExecuteAdditionalData;
	credentialsHelper: FakeCredentialsHelper;
	logger: LoggerMock;
	/** The object getWorkflowStaticData('node') returns. */
	staticData: IDataObject;
}

/** A one-node workflow, its additionalData and the faked outside world. */
export function setUpN8n(options: WorkflowOptions): N8nSetup {
	const { nodeType } = options;
	const name = nodeType.description.defaults.name ?? nodeType.description.displayName;
	const credentials = options.credentials ?? {};
	const nodeCredentials: INodeCredentials = {};
	for (const type of Object.keys(credentials)) nodeCredentials[type] = { id: `credential-${type}`, name: type };
	const node: INode = {
		id: 'unit-test-node',
		name,
		type: `${PACKAGE}.${nodeType.description.name}`,
		typeVersion: Array.isArray(nodeType.description.version) ? Math.max(...nodeType.description.version) : nodeType.description.version,
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: nodeCredentials,
		webhookId: options.webhookId ?? 'abc',
	};
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Unit test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(nodeType),
		staticData: options.staticData ? { [`node:${name}`]: options.staticData } : {},
		settings: {},
	});
	const credentialsHelper = new FakeCredentialsHelper({ ...credentials });
	const webhookBaseUrl = options.webhookBaseUrl ?? 'https://n8n.example.com/webhook';
	const additionalData = {
		credentialsHelper,
		instanceBaseUrl: 'https://n8n.example.com/',
		restApiUrl: 'https://n8n.example.com/rest',
		webhookBaseUrl,
		webhookTestBaseUrl: webhookBaseUrl.replace(/\/webhook$/, '/webhook-test'),
		webhookWaitingBaseUrl: webhookBaseUrl.replace(/\/webhook$/, '/webhook-waiting'),
		formBaseUrl: 'https://n8n.example.com/form',
		formTestBaseUrl: 'https://n8n.example.com/form-test',
		formWaitingBaseUrl: 'https://n8n.example.com/form-waiting',
		mcpBaseUrl: 'https://n8n.example.com/mcp',
		mcpTestBaseUrl: 'https://n8n.example.com/mcp-test',
		currentNodeExecutionIndex: 0,
		variables: {},
		httpRequest: options.request,
		httpResponse: options.response,
	} as unknown as IWorkflowExecuteAdditionalData;
	currentHttp = options.http ?? unreachable;
	const logger = createLogger();
	Container.set(Logger, logger as unknown as Logger);
	const workflowNode = workflow.getNode(name) as INode;
	const staticData = workflow.getStaticData('node', workflowNode);
	return { workflow, node: workflowNode, additionalData, credentialsHelper, logger, staticData };
}

/** n8n reads the logger lazily (memoized per context): read it now, while the mock is registered. */
function withLogger<T extends { logger: unknown }>(context: T): T {
	void context.logger;
	return context;
}

export function webhookContext(options: WorkflowOptions & { mode?: WorkflowExecuteMode }) {
	const setup = setUpN8n(options);
	const webhookDescription = options.nodeType.description.webhooks?.[0];
	if (!webhookDescription) throw new Error(`${setup.node.type} has no webhook`);
	const webhookData = {
		httpMethod: webhookDescription.httpMethod,
		node: setup.node.name,
		path: `${setup.node.webhookId}/${String(webhookDescription.path)}`,
		webhookDescription,
		workflowId: WORKFLOW_ID,
		workflowExecuteAdditionalData: setup.additionalData,
		webhookId: setup.node.webhookId,
	} as IWebhookData;
	const context = new WebhookContext(setup.workflow, setup.node, setup.additionalData, options.mode ?? 'webhook', webhookData, [], null);
	return { ...setup, context: withLogger(context) };
}

export function hookContext(options: WorkflowOptions) {
	const setup = setUpN8n(options);
	const context = new HookContext(setup.workflow, setup.node, setup.additionalData, 'trigger', 'activate');
	return { ...setup, context: withLogger(context) };
}

/** A poller's context: `mode` 'trigger' for a poll of an active workflow (the default), 'manual' for "Fetch Test Event". */
export function pollContext(options: WorkflowOptions & { mode?: WorkflowExecuteMode }) {
	const setup = setUpN8n(options);
	const context = new PollContext(setup.workflow, setup.node, setup.additionalData, options.mode ?? 'trigger', 'activate');
	return { ...setup, context: withLogger(context) };
}

/** The context of a list search / load options call, as the editor makes it for the parameter at `path`. */
export function loadOptionsContext(options: WorkflowOptions & { path?: string }) {
	const setup = setUpN8n(options);
	setup.additionalData.currentNodeParameters = setup.node.parameters;
	const context = new LoadOptionsContext(setup.workflow, setup.node, setup.additionalData, options.path ?? 'parameters');
	return { ...setup, context: withLogger(context) };
}

export function credentialTestContext() {
	const logger = createLogger();
	Container.set(Logger, logger as unknown as Logger);
	return { context: withLogger(new CredentialTestContext()), logger };
}

/** The `this` n8n gives a credential's preAuthentication: the helpers of the node's context. */
export function requestHelperOf(context: { helpers: IHttpRequestHelper['helpers'] }): IHttpRequestHelper {
	return { helpers: context.helpers };
}

/** An action node's execute(): `items` are its input (default: one empty item). */
export function executeContext(options: WorkflowOptions & { items?: INodeExecutionData[]; mode?: WorkflowExecuteMode }) {
	const setup = setUpN8n(options);
	const items = options.items ?? [{ json: {} }];
	const runExecutionData = createRunExecutionData();
	const executeData = { node: setup.node, data: { main: [items] }, source: null };
	const context = new ExecuteContext(
		setup.workflow,
		setup.node,
		setup.additionalData,
		options.mode ?? 'manual',
		runExecutionData,
		0,
		items,
		{ main: [items] },
		executeData,
		[],
	);
	return { ...setup, context: withLogger(context), items };
}
