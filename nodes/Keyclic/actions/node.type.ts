import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** What one operation does for one input item: the output objects (one per Keyclic resource). */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

/** An `<operation>.operation.ts` file: its parameters (shown for its resource and operation only) and what it does. */
export type KeyclicOperation = { description: INodeProperties[]; execute: OperationExecute };

/** A `<Resource>.resource.ts` file: its entry in the Resource list, its operations, and every parameter of them. */
export type KeyclicResource = {
	option: INodePropertyOptions;
	operations: Record<string, KeyclicOperation>;
	description: INodeProperties[];
};
