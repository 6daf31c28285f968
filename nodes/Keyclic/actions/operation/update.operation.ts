import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { collection, isoDate, keyclicId, pickText, requireSome } from '../../helpers/input';
import { operationIdProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';
import { descriptionField, identificationNumberField, nameField, scheduledAtField } from './fields';

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		descriptionField,
		identificationNumberField,
		{ ...nameField, required: false, description: 'New short title of the operation' },
		scheduledAtField,
	],
};

const properties: INodeProperties[] = [operationIdProperty, updateFields, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['update'] } }, properties);

/** PATCH /operations/{id} with the fields given (OperationPatch / TaskPatch). */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const fields = collection(this, 'updateFields', itemIndex);
	const body = pickText(fields, ['name', 'description', 'identificationNumber']);
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
