import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { operationIdProperty, simplifyProperty, transitionLocator, transitionOptions } from '../common.description';
import type { OperationExecute } from '../node.type';
import { changeState } from '../resourceCalls';

const properties: INodeProperties[] = [
	operationIdProperty,
	transitionLocator('searchOperationTransitions', 'operation'),
	transitionOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['changeState'] } }, properties);

/** POST /operations/{id}/workflow. */
export const execute: OperationExecute = async function (itemIndex) {
	return await changeState(this, 'operation', itemIndex);
};
