import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { anyAnswer } from '../../../common/transport/apiSchemas';
import { keyclicCollect } from '../../../common/transport/paging';
import { documentItem, downloadChoice } from '../../helpers/documents';
import { keyclicId } from '../../helpers/input';
import { limitProperty, returnAllProperty } from '../common.description';
import type { ItemsExecute } from '../node.type';
import { downloadProperties, parentProperties } from './fields';

const properties: INodeProperties[] = [...parentProperties, returnAllProperty, limitProperty, ...downloadProperties];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['getAll'] } }, properties);

/** GET /reports/{id}/documents or /operations/{id}/documents (s25); with Download, each file as binary. */
export const executeItems: ItemsExecute = async function (itemIndex) {
	const parent = this.getNodeParameter('documentParent', itemIndex, 'report') === 'operation' ? 'operation' : 'report';
	const id = keyclicId(this, 'parentId', 'Report or Operation ID', itemIndex);
	const field = downloadChoice(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const max = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const documents = await keyclicCollect(this, anyAnswer, `/${parent}s/${id}/documents`, `list the documents of the ${parent}`, { max });
	const items = [];
	// one at a time: each file streams into the binary store before the next starts
	for (const document of documents) items.push(await documentItem(this, document, field));
	return items;
};
