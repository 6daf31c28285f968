import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { keyclicLocator, locatorValue } from '../../../common/locator';
import { failedStatus, keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { collection, keyclicId, pickText } from '../../helpers/input';
import { documentTypesFor, jsonBodyWithFile, olderApisRefuse, uploadFile } from '../../helpers/upload';
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
				...keyclicLocator({
					displayName: 'Target Group',
					name: 'targetGroup',
					searchListMethod: 'searchTargetGroups',
					what: 'A target group',
					uuid: false,
					required: false,
					dependsOn: ['documentParent', 'parentId'],
					listHint: 'Read from the report or operation (its embedded target groups); else use By ID',
				}),
				description:
					'Who may see the document: a target group of the organization. The list shows those the report (Keyclic API 2020 and later) or the operation (2025) embeds.',
			},
			{
				...keyclicLocator({
					displayName: 'Type',
					name: 'type',
					searchListMethod: 'searchDocumentTypes',
					what: 'A document type',
					uuid: false,
					required: false,
					dependsOn: ['documentParent', 'parentId'],
					listHint: 'Only operations of the Keyclic API 2025 embed their document types; for a report, use By ID',
				}),
				description:
					'The document type (an invoice, a quote…) of the organization. The list shows those the operation embeds (Keyclic API 2025); reports embed none: give its ID.',
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
	const file = await uploadFile(this, itemIndex, { property, ...documentTypesFor(parent), what: 'a document' });
	const collected = collection(this, 'documentFields', itemIndex);
	const fields = pickText(collected, ['container']);
	const type = locatorValue(collected.type);
	const targetGroup = locatorValue(collected.targetGroup);
	const body = jsonBodyWithFile(
		file,
		(content): IDataObject => ({
			...(fields.container === undefined ? {} : { container: fields.container }),
			...(type === '' ? {} : { type }),
			file: { content, contentType: file.mimeType, name: file.fileName },
			permission: targetGroup === '' ? {} : { targetGroup },
		}),
	);
	const answer = await keyclicRequest(this, anyAnswer, 'POST', `/${parent}s/${id}/documents`, `upload the document to the ${parent}`, {
		body,
	}).catch((error: unknown) => {
		const hint = olderApisRefuse(file.mimeType);
		if (error instanceof NodeApiError && failedStatus(error) === 400 && hint !== undefined) {
			error.description = `${error.description ?? ''} ${hint}`.trim();
		}
		throw error;
	});
	return typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? [{ ...answer }] : [{ uploaded: true }];
};
