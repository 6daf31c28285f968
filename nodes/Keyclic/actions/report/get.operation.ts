import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { reportIdProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { getOne } from '../resourceCalls';

const properties: INodeProperties[] = [reportIdProperty, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['get'] } }, properties);

/** GET /reports/{id}. */
export const execute: OperationExecute = async function (itemIndex) {
	return await getOne(this, 'report', itemIndex);
};
