import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { keyclicId } from '../../helpers/input';
import type { OperationExecute } from '../node.type';
import { documentIdProperty } from './fields';

const properties: INodeProperties[] = [documentIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['delete'] } }, properties);

/** DELETE /documents/{id} (204): the document and its file are gone for good. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'documentId', 'Document ID', itemIndex);
	await keyclicRequest(this, anyAnswer, 'DELETE', `/documents/${id}`, 'delete the document');
	return [{ id, deleted: true }];
};
