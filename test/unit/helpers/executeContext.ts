// A hand-built IExecuteFunctions for the Keyclic (action) node: parameters per item, the fake Keyclic
// API behind httpRequestWithAuthentication, Continue On Fail, and the load-options context of the
// node's list searches.
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { Keyclic } from '../../../nodes/Keyclic/Keyclic.node';
import { readParameter } from './hookContext';
import { API_BASE_URL, FakeKeyclicApi } from './keyclicApi';

export const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';

export function keyclicNode(parameters: Record<string, unknown> = {}): INode {
	return {
		id: 'keyclic-test-node',
		name: 'Keyclic',
		type: 'n8n-nodes-keyclic.keyclic',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
}

export interface ExecuteOptions {
	/** Parameters of every item, or of item i (a function). */
	params: Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>);
	/** Number of input items (1). */
	items?: number;
	continueOnFail?: boolean;
	api?: FakeKeyclicApi;
}

export interface ExecuteRun {
	api: FakeKeyclicApi;
	output: INodeExecutionData[];
}

/** The parameter values n8n gives for `params` (the node's defaults for the others it reads with a fallback). */
function parametersOf(options: ExecuteOptions, itemIndex: number): Record<string, unknown> {
	return typeof options.params === 'function' ? options.params(itemIndex) : options.params;
}

export function createExecuteContext(options: ExecuteOptions): { context: IExecuteFunctions; api: FakeKeyclicApi } {
	const api = options.api ?? new FakeKeyclicApi();
	const node = keyclicNode(parametersOf(options, 0));
	const stub = {
		getInputData: () => Array.from({ length: options.items ?? 1 }, (_, i) => ({ json: { input: i } })),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, parameterOptions?: IDataObject) =>
			readParameter(parametersOf(options, itemIndex), name, fallback, parameterOptions),
		getNode: () => node,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async () => ({ baseUrl: API_BASE_URL }),
		helpers: { httpRequestWithAuthentication: api.request },
	};
	return { context: stub as unknown as IExecuteFunctions, api };
}

/** Runs the node's execute() as n8n does (`this` = the context); returns its single output. */
export async function runNode(options: ExecuteOptions): Promise<ExecuteRun> {
	const { context, api } = createExecuteContext(options);
	const [output] = await new Keyclic().execute.call(context);
	return { api, output };
}

/** The error runNode rejects with (fails the test when it resolves). */
export async function nodeError(options: ExecuteOptions): Promise<Error & { context?: IDataObject; description?: string; httpCode?: string | null }> {
	const result: unknown = await runNode(options).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(result).toBeInstanceOf(Error);
	return result as Error;
}

/** The load-options context of the node's list searches, with the parameters currently in the panel. */
export function createLoadOptionsContext(current: Record<string, unknown>, api = new FakeKeyclicApi()): {
	context: ILoadOptionsFunctions;
	api: FakeKeyclicApi;
} {
	const stub = {
		getCurrentNodeParameter: (name: string) => current[name],
		getNode: () => keyclicNode(current),
		getCredentials: async () => ({ baseUrl: API_BASE_URL }),
		helpers: { httpRequestWithAuthentication: api.request },
	};
	return { context: stub as unknown as ILoadOptionsFunctions, api };
}

/**
 * What n8n's httpRequestWithAuthentication throws when Keyclic answers an error: a NodeApiError built from
 * the HTTP client's error, whose response carries Keyclic's body (vnd.error or problem).
 */
export function keyclicAnswer(status: number, body: IDataObject): NodeApiError {
	const clientError = Object.assign(new Error(`Request failed with status code ${status}`), {
		isAxiosError: true,
		response: { status, data: body },
	});
	return new NodeApiError(keyclicNode(), clientError as unknown as JsonObject, { httpCode: String(status) });
}
