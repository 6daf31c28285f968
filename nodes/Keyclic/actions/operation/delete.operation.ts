import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { keyclicId } from '../../helpers/input';
import { operationIdProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [operationIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['delete'] } }, properties);

/** DELETE /operations/{id} (204): the operation is gone for good. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	await keyclicRequest(this, anyAnswer, 'DELETE', `/operations/${id}`, 'delete the operation');
	return [{ id, deleted: true }];
};
