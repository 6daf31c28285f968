import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicId } from '../../helpers/input';
import { photoItems, photoLayout, reportPhotoLinks } from '../../helpers/photos';
import { reportIdProperty } from '../common.description';
import type { ItemsExecute } from '../node.type';
import { photoOutputProperties } from '../photoParameters';

const properties: INodeProperties[] = [reportIdProperty, ...photoOutputProperties];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['getPhotos'] } }, properties);

/** GET /reports/{id} → its feedback → each photo link, downloaded as binary. */
export const executeItems: ItemsExecute = async function (itemIndex) {
	const reportId = keyclicId(this, 'reportId', 'Report ID', itemIndex);
	const layout = photoLayout(this, itemIndex);
	const links = await reportPhotoLinks(this, reportId);
	return await photoItems(this, { resource: 'report', resourceId: reportId }, links, layout);
};
