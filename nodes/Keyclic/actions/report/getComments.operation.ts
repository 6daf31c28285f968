import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicId } from '../../helpers/input';
import { EVERY_VERSION_BUT_V3, inVersions } from '../../helpers/versions';
import { limitProperty, reportIdProperty, returnAllProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { collectActivities } from '../operation/getComments.operation';
import { feedbackOf } from './feedbackOf';

const properties: INodeProperties[] = [reportIdProperty, returnAllProperty, limitProperty];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['getComments'] } }, properties);

/** GET /reports/{id} for its feedback, then GET /feedbacks/{feedback}/comments: one item per comment, newest first. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'reportId', 'Report ID', itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const max = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const what = 'get the comments of the report';
	const feedback = await feedbackOf(this, id, what);
	return await inVersions(
		this,
		'Report → Get Comments',
		'GET /feedbacks/{feedback}/comments',
		EVERY_VERSION_BUT_V3,
		async () => await collectActivities(this, `/feedbacks/${feedback}/comments`, what, max),
	);
};
