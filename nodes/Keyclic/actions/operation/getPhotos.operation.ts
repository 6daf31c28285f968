import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicId } from '../../helpers/input';
import { operationPhotoLinks, photoItems, photoLayout } from '../../helpers/photos';
import { operationIdProperty } from '../common.description';
import type { ItemsExecute } from '../node.type';
import { photoOutputProperties } from '../photoParameters';

const properties: INodeProperties[] = [operationIdProperty, ...photoOutputProperties];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['getPhotos'] } }, properties);

/** GET /operations/{id} → each photo link (`_links.images[]`), downloaded as binary. */
export const executeItems: ItemsExecute = async function (itemIndex) {
	const operationId = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const layout = photoLayout(this, itemIndex);
	const links = await operationPhotoLinks(this, operationId);
	return await photoItems(this, { resource: 'operation', resourceId: operationId }, links, layout);
};
