import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { documentItem, downloadChoice } from '../../helpers/documents';
import { keyclicId } from '../../helpers/input';
import type { ItemsExecute } from '../node.type';
import { documentIdProperty, downloadProperties } from './fields';

const properties: INodeProperties[] = [documentIdProperty, ...downloadProperties];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['get'] } }, properties);

/** GET /documents/{id}; with Download, its file as binary. */
export const executeItems: ItemsExecute = async function (itemIndex) {
	const id = keyclicId(this, 'documentId', 'Document ID', itemIndex);
	const field = downloadChoice(this, itemIndex);
	const answer = await keyclicRequest(this, anyAnswer, 'GET', `/documents/${id}`, 'get the document');
	return [await documentItem(this, answer, field)];
};
