import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** What one operation does for one input item: the output objects (one per Keyclic resource). */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

/** What an operation with binary output does for one input item: whole output items (json and binary). */
export type ItemsExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

/**
 * An `<operation>.operation.ts` file: its parameters (shown for its resource and operation only) and what it
 * does (`execute`, or `executeItems` when its output carries files).
 */
export type KeyclicOperation =
	| { description: INodeProperties[]; execute: OperationExecute }
	| { description: INodeProperties[]; executeItems: ItemsExecute };

/** A `<Resource>.resource.ts` file: its entry in the Resource list, its operations, and every parameter of them. */
export type KeyclicResource = {
	option: INodePropertyOptions;
	operations: Record<string, KeyclicOperation>;
	description: INodeProperties[];
};
