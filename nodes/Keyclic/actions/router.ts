import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemsExecute, KeyclicResource } from './node.type';
import * as category from './category/Category.resource';
import * as document from './document/Document.resource';
import * as member from './member/Member.resource';
import * as operation from './operation/Operation.resource';
import * as organization from './organization/Organization.resource';
import * as place from './place/Place.resource';
import * as report from './report/Report.resource';
import * as ticket from './ticket/Ticket.resource';

/** Every resource of the Keyclic node (one folder each): the node's parameters and the router read them here. */
export const resources: KeyclicResource[] = [report, operation, organization, place, category, member, document, ticket];

/** What an operation of a resource does, as output items, if the node has it. */
function operationOf(resource: unknown, operationName: unknown): ItemsExecute | undefined {
	const operations = resources.find((r) => r.option.value === resource)?.operations;
	if (!operations || typeof operationName !== 'string' || !Object.prototype.hasOwnProperty.call(operations, operationName))
		return undefined;
	const operation = operations[operationName];
	if ('executeItems' in operation) return operation.executeItems;
	const { execute } = operation;
	return async function (this: IExecuteFunctions, itemIndex: number) {
		return (await execute.call(this, itemIndex)).map((json) => ({ json }));
	};
}

/** What an item's failure is as n8n's error types, the item's index in its context. */
function asNodeError(context: IExecuteFunctions, caught: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (caught instanceof NodeApiError || caught instanceof NodeOperationError) {
		caught.context.itemIndex ??= itemIndex;
		return caught;
	}
	return new NodeOperationError(context.getNode(), caught instanceof Error ? caught : new Error(String(caught)), { itemIndex });
}

/** The message and details of a failed item, for Continue On Fail's error output. */
function errorJson(error: NodeApiError | NodeOperationError): INodeExecutionData['json'] {
	const json: INodeExecutionData['json'] = { error: error.message };
	if (error.description) json.description = error.description;
	// what a failed step made all the same (Report → Create whose photo failed): the item says it, for the retry
	if (typeof error.context.reportId === 'string') json.reportId = error.context.reportId;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return json;
}

/** Runs the chosen operation once per input item; every output item points back at its input (pairedItem). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0);
	const operationName = this.getNodeParameter('operation', 0);
	const execute = operationOf(resource, operationName);
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${String(operationName)}" of "${String(resource)}" is not supported`);
	}
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await execute.call(this, itemIndex);
			output.push(...results.map((result) => ({ ...result, pairedItem: { item: itemIndex } })));
		} catch (caught) {
			const error = asNodeError(this, caught, itemIndex);
			if (this.continueOnFail()) {
				// `error` on the item (as n8n's own nodes do) is what sends it to the error output of "On Error:
				// Continue (using error output)": n8n reads json alone only when it holds nothing but error/message/details
				output.push({ json: errorJson(error), error, pairedItem: { item: itemIndex } });
				continue;
			}
			throw error;
		}
	}
	return [output];
}
