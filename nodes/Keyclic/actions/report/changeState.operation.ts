import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { reportIdProperty, simplifyProperty, transitionLocator, transitionOptions } from '../common.description';
import type { OperationExecute } from '../node.type';
import { changeState } from '../resourceCalls';

const properties: INodeProperties[] = [
	reportIdProperty,
	transitionLocator('searchReportTransitions', 'report'),
	transitionOptions,
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['changeState'] } }, properties);

/** POST /reports/{id}/workflow. */
export const execute: OperationExecute = async function (itemIndex) {
	return await changeState(this, 'report', itemIndex);
};
