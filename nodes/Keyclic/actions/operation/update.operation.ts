import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { collection, commaList, isoDate, keyclicId, pickText, requireSome } from '../../helpers/input';
import { operationIdProperty, simplifyProperty } from '../common.description';
import { UUID_EXAMPLE } from '../../../common/uuid';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';
import { descriptionField, identificationNumberField, nameField, scheduledAtField } from './fields';

/** TaskPatch fields: the 2025 API's PATCH /operations/{operation} only (OperationPatch of 2018–2021 has four fields). */
const ONLY_2025 = '(Keyclic API 2025; older APIs refuse it)';

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Archived',
			name: 'archived',
			type: 'boolean',
			default: false,
			description: `Whether the operation is archived ${ONLY_2025}`,
		},
		{
			displayName: 'Category ID',
			name: 'category',
			type: 'string',
			default: '',
			placeholder: `e.g. ${UUID_EXAMPLE}`,
			description: `UUID of the category of the operation ${ONLY_2025}`,
		},
		{
			displayName: 'Completed',
			name: 'completed',
			type: 'boolean',
			default: true,
			description: `Whether the operation is completed ${ONLY_2025}`,
		},
		descriptionField,
		{
			displayName: 'Due Date',
			name: 'dueBy',
			type: 'dateTime',
			default: '',
			description: `When the operation must be done, sent as dueBy ${ONLY_2025}`,
		},
		identificationNumberField,
		{ ...nameField, required: false, description: 'New short title of the operation' },
		{
			displayName: 'Priority ID',
			name: 'priority',
			type: 'string',
			default: '',
			description: `UUID of a priority of the organization ${ONLY_2025}`,
		},
		scheduledAtField,
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. plumbing, urgent',
			description: `Comma-separated tags; they replace the current ones ${ONLY_2025}`,
		},
	],
};

const properties: INodeProperties[] = [operationIdProperty, updateFields, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['update'] } }, properties);

/** PATCH /operations/{id} with the fields given (OperationPatch / TaskPatch). */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const fields = collection(this, 'updateFields', itemIndex);
	const body = pickText(fields, ['name', 'description', 'identificationNumber', 'category', 'priority']);
	for (const key of ['archived', 'completed']) if (typeof fields[key] === 'boolean') body[key] = fields[key];
	const dueBy = isoDate(this, fields.dueBy, 'Due Date', itemIndex);
	if (dueBy) body.dueBy = dueBy;
	const tags = commaList(fields.tags);
	if (tags.length > 0) body.tags = tags;
	const scheduledAt = isoDate(this, fields.scheduledAt, 'Scheduled Date', itemIndex);
	if (scheduledAt) body.scheduledAt = scheduledAt;
	requireSome(this, body, 'Update Fields', itemIndex);
	return await sendForResource(
		this,
		'operation',
		{ method: 'PATCH', path: `/operations/${id}`, what: 'update the operation', body },
		itemIndex,
	);
};
