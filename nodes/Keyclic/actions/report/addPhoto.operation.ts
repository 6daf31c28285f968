import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { isDataObject } from '../../../common/guards';

import { keyclicId } from '../../helpers/input';
import { photoFailureError, photoFieldNames, postPhotos, readFeedbackTarget, readPhotos } from '../../helpers/photoUpload';
import { photoFieldsProperty, reportIdProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { feedbackOf } from './feedbackOf';

const properties: INodeProperties[] = [reportIdProperty, photoFieldsProperty];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['addPhoto'] } }, properties);

/**
 * Every photo checked first; then the report's feedback (which holds a report's photos) tells which call its API has:
 * POST /feedbacks/{feedback}/attachments (s25), else POST /feedbacks/{feedback}/images (s18–s21), one per photo.
 * Outputs {reportId, feedbackId, photoCount, feedback}.
 */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'reportId', 'Report ID', itemIndex);
	const fields = photoFieldNames(this, itemIndex, this.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Input Binary Field');
	const photos = await readPhotos(this, itemIndex, fields, 'a report photo');
	const what = 'add the photo to the report';
	const feedback = await feedbackOf(this, id, what, 'photos');
	const target = await readFeedbackTarget(this, feedback, what);
	const result = await postPhotos(this, target, photos, what);
	if ('failure' in result) throw photoFailureError(result.failure, { retry: `Report → Add Photo (Report ID ${id})` });
	return [
		{ reportId: id, feedbackId: feedback, photoCount: photos.length, ...(isDataObject(result.answer) ? { feedback: result.answer } : {}) },
	];
};
