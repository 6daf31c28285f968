import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { isDataObject } from '../../../common/guards';
import { keyclicId, requiredText } from '../../helpers/input';
import { EVERY_VERSION_BUT_V3, inVersions } from '../../helpers/versions';
import { reportIdProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { feedbackOf } from './feedbackOf';

const properties: INodeProperties[] = [
	reportIdProperty,
	{
		displayName: 'Comment',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'Text of the comment, posted on the feedback the report comes from',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['addComment'] } }, properties);

/** GET /reports/{id} for its feedback, then POST /feedbacks/{feedback}/comments {text}; outputs {reportId, feedbackId, text, feedback}. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'reportId', 'Report ID', itemIndex);
	const text = requiredText(this, 'text', 'Comment', itemIndex);
	const what = 'add a comment to the report';
	const feedback = await feedbackOf(this, id, what);
	const answer = await inVersions(
		this,
		'Report → Add Comment',
		'POST /feedbacks/{feedback}/comments',
		EVERY_VERSION_BUT_V3,
		async () => await keyclicRequest(this, anyAnswer, 'POST', `/feedbacks/${feedback}/comments`, what, { body: { text } }),
	);
	return [{ reportId: id, feedbackId: feedback, text, ...(isDataObject(answer) ? { feedback: answer } : {}) }];
};
