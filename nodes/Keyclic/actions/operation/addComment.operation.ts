import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { collection, keyclicId, requiredText } from '../../helpers/input';
import { operationIdProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';

const commentText: INodeProperties = {
	displayName: 'Comment',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	description: 'Text of the comment, visible to the people who follow the operation in Keyclic',
};

const commentOptions: INodeProperties = {
	displayName: 'Options',
	name: 'commentOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Comment', value: 'Comment' },
				{ name: 'Reminder', value: 'Reminder' },
			],
			default: 'Comment',
			description: 'Kind of message (Keyclic API 2021 and later; older APIs only take comments)',
		},
	],
};

const properties: INodeProperties[] = [operationIdProperty, commentText, commentOptions, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['addComment'] } }, properties);

/** POST /operations/{id}/comments {text, type?}: Keyclic answers the operation. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const text = requiredText(this, 'text', 'Comment', itemIndex);
	const options = collection(this, 'commentOptions', itemIndex);
	const body: IDataObject = { text };
	// `type` exists from API 2021 on: sent only when chosen, so older APIs keep working
	if (options.type === 'Comment' || options.type === 'Reminder') body.type = options.type;
	return await sendForResource(
		this,
		'operation',
		{ method: 'POST', path: `/operations/${id}/comments`, what: 'comment on the operation', body },
		itemIndex,
	);
};
