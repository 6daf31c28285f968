import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** What one operation does for one input item: the output objects (one per Keyclic resource). */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

export type KeyclicResourceName = 'report' | 'operation' | 'organization';
