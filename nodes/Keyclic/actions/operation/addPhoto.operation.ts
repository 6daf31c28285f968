import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicId } from '../../helpers/input';
import { asResource, resourceOutput } from '../../helpers/output';
import { photoFailureError, photoFieldNames, postPhotos, readOperationTarget, readPhotos } from '../../helpers/photoUpload';
import { operationIdProperty, photoFieldsProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [operationIdProperty, photoFieldsProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['addPhoto'] } }, properties);

/**
 * Every photo checked first; then GET /operations/{id} tells which call this API version has (known before sending,
 * never by trying): POST /operations/{id}/attachments (s25), else POST /operations/{id}/images (s18–s21), one per photo.
 */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const fields = photoFieldNames(this, itemIndex, this.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Input Binary Field');
	const photos = await readPhotos(this, itemIndex, fields, 'an operation photo');
	const what = 'add the photo to the operation';
	const target = await readOperationTarget(this, id, what);
	const result = await postPhotos(this, target, photos, what);
	if ('failure' in result) throw photoFailureError(result.failure, { retry: `Operation → Add Photo (Operation ID ${id})` });
	return [resourceOutput(asResource(this, 'operation', result.answer, what), false)];
};
