import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { collection, keyclicId, pickText } from '../../helpers/input';
import { FILE_CONTENT_TYPES, jsonBodyWithFile, uploadFile } from '../../helpers/upload';
import type { OperationExecute } from '../node.type';
import { parentProperties } from './fields';

const properties: INodeProperties[] = [
	...parentProperties,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file',
		description: 'Name of the binary field of the input item that holds the file; its name and MIME type are sent with it',
	},
	{
		displayName: 'Additional Fields',
		name: 'documentFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Container',
				name: 'container',
				type: 'string',
				default: '',
				description: 'The container of the document, as your Keyclic API expects it (the 2021 API requires one)',
			},
			{
				displayName: 'Target Group ID',
				name: 'targetGroup',
				type: 'string',
				default: '',
				description: 'Who may see the document: a target group ID of the organization',
			},
			{
				displayName: 'Type ID',
				name: 'type',
				type: 'string',
				default: '',
				description: 'The document type ID (an invoice, a quote…) of the organization',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['upload'] } }, properties);

/** POST /reports/{id}/documents or /operations/{id}/documents (s25) with DocumentData; the file as a base64 data URI. */
export const execute: OperationExecute = async function (itemIndex) {
	const parent = this.getNodeParameter('documentParent', itemIndex, 'report') === 'operation' ? 'operation' : 'report';
	const id = keyclicId(this, 'parentId', 'Report or Operation ID', itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const file = await uploadFile(this, itemIndex, { property, accepted: FILE_CONTENT_TYPES, what: 'a document' });
	const fields = pickText(collection(this, 'documentFields', itemIndex), ['container', 'type', 'targetGroup']);
	const body = jsonBodyWithFile(
		file,
		(content): IDataObject => ({
			...(fields.container === undefined ? {} : { container: fields.container }),
			...(fields.type === undefined ? {} : { type: fields.type }),
			file: { content, contentType: file.mimeType, name: file.fileName },
			permission: fields.targetGroup === undefined ? {} : { targetGroup: fields.targetGroup },
		}),
	);
	const answer = await keyclicRequest(this, anyAnswer, 'POST', `/${parent}s/${id}/documents`, `upload the document to the ${parent}`, {
		body,
	});
	return typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? [{ ...answer }] : [{ uploaded: true }];
};
