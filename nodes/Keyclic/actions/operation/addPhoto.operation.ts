import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { keyclicId } from '../../helpers/input';
import { asResource, resourceOutput } from '../../helpers/output';
import { PHOTO_CONTENT_TYPES, jsonBodyWithFile, uploadFile } from '../../helpers/upload';
import { operationIdProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	operationIdProperty,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the photo',
		description: 'Name of the binary field of the input item that holds the photo (JPEG or PNG)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['addPhoto'] } }, properties);

/** Only s25 operations embed `documentTypes`: that API takes photos as attachments, the older ones as images. */
const eraProbe = z.looseObject({ _embedded: z.looseObject({ documentTypes: z.array(z.unknown()).optional() }).optional() });

/**
 * GET /operations/{id} tells which call this API version has (known before sending, never by trying):
 * POST /operations/{id}/attachments {content, contentType, name} (s25), else POST /operations/{id}/images {image} (s18–s21).
 */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const file = await uploadFile(this, itemIndex, { property, accepted: PHOTO_CONTENT_TYPES, what: 'an operation photo' });
	const what = 'add the photo to the operation';
	const operation = await keyclicRequest(this, eraProbe, 'GET', `/operations/${id}`, what);
	const attachments = Array.isArray(operation._embedded?.documentTypes);
	const answer = attachments
		? await keyclicRequest(this, anyAnswer, 'POST', `/operations/${id}/attachments`, what, {
				body: jsonBodyWithFile(file, (content) => ({ content, contentType: file.mimeType, name: file.fileName })),
			})
		: await keyclicRequest(this, anyAnswer, 'POST', `/operations/${id}/images`, what, {
				body: jsonBodyWithFile(file, (image) => ({ image })),
			});
	return [resourceOutput(asResource(this, 'operation', answer, what), false)];
};
