// The Keyclic (action) node in n8n's REAL contexts (see n8n.ts): its execute() in n8n-core's
// ExecuteContext and its list searches in LoadOptionsContext, built from a real one-node Workflow
// holding `new Keyclic()`, the "Keyclic API" credential pointed at the fake API, and n8n's HTTP client
// answered by a FakeKeyclicApi. Parameters are the node's (n8n adds the defaults and resolves
// expressions per item: give per-item values in the input items' json and read them with
// `={{ $json.… }}`); Continue On Fail is the node's setting `onError: 'continueRegularOutput'`.
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Keyclic } from '../../../nodes/Keyclic/Keyclic.node';
import { API_BASE_URL, FakeKeyclicApi } from './keyclicApi';
import { PACKAGE, executeContext, loadOptionsContext } from './n8n';

export const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';

/** The "Keyclic API" credential as n8n's credentials storage holds it in these tests. */
const CREDENTIALS = {
	keyclicApi: { baseUrl: API_BASE_URL, applicationKey: 'com.keyclic.app', language: 'en-US', accessToken: 'example-access-token' },
};

/** A Keyclic node as a workflow stores it (for errors built outside a run). */
export function keyclicNode(parameters: Record<string, unknown> = {}): INode {
	return {
		id: 'keyclic-test-node',
		name: 'Keyclic',
		type: `${PACKAGE}.keyclic`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
	};
}

export interface ExecuteOptions {
	/** The node's parameters (expressions such as `={{ $json.reportId }}` are resolved per item by n8n). */
	params: Record<string, unknown>;
	/** The input items: their json, or how many (each `{input: i}`). Default: 1. */
	items?: number | IDataObject[];
	/** The node's "On Error: Continue" setting (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	api?: FakeKeyclicApi;
}

export interface ExecuteRun {
	api: FakeKeyclicApi;
	output: INodeExecutionData[];
}

function inputItems(items: ExecuteOptions['items'] = 1): INodeExecutionData[] {
	const json = typeof items === 'number' ? Array.from({ length: items }, (_, i) => ({ input: i })) : items;
	return json.map((item) => ({ json: item }));
}

export function createExecuteContext(options: ExecuteOptions): { context: IExecuteFunctions; api: FakeKeyclicApi } {
	const api = options.api ?? new FakeKeyclicApi();
	const { context, node } = executeContext({
		nodeType: new Keyclic(),
		parameters: options.params as INodeParameters,
		credentials: structuredClone(CREDENTIALS),
		items: inputItems(options.items),
		http: api.request,
	});
	if (options.continueOnFail === true) node.onError = 'continueRegularOutput';
	return { context, api };
}

/** Runs the node's execute() as n8n does (`this` = the context); returns its single output. */
export async function runNode(options: ExecuteOptions): Promise<ExecuteRun> {
	const { context, api } = createExecuteContext(options);
	const [output] = await new Keyclic().execute.call(context);
	return { api, output };
}

/** The error runNode rejects with (fails the test when it resolves). */
export async function nodeError(
	options: ExecuteOptions,
): Promise<Error & { context?: IDataObject; description?: string; httpCode?: string | null }> {
	const result: unknown = await runNode(options).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(result).toBeInstanceOf(Error);
	return result as Error;
}

/** The load-options context of the node's list searches, with the parameters currently in the panel. */
export function createLoadOptionsContext(
	current: Record<string, unknown>,
	api = new FakeKeyclicApi(),
): {
	context: ILoadOptionsFunctions;
	api: FakeKeyclicApi;
} {
	const { context } = loadOptionsContext({
		nodeType: new Keyclic(),
		parameters: current as INodeParameters,
		credentials: structuredClone(CREDENTIALS),
		http: api.request,
	});
	return { context, api };
}

/**
 * What n8n's HTTP client throws when Keyclic answers an error status: an axios-like error whose response
 * carries Keyclic's body (vnd.error or problem). n8n's httpRequestWithAuthentication turns it into the
 * NodeApiError the node sees.
 */
export function keyclicAnswer(status: number, body: IDataObject): Error {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		isAxiosError: true,
		response: { status, data: body },
	});
}
