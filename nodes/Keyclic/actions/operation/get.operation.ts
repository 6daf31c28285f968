import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { operationIdProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { getOne } from '../resourceCalls';

const properties: INodeProperties[] = [operationIdProperty, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['get'] } }, properties);

/** GET /operations/{id}. */
export const execute: OperationExecute = async function (itemIndex) {
	return await getOne(this, 'operation', itemIndex);
};
