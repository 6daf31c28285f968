import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { collection, isoDate, keyclicId, pickText, requiredText } from '../../helpers/input';
import { reportIdProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';
import { descriptionField, identificationNumberField, nameField, scheduledAtField } from './fields';

const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [descriptionField, identificationNumberField, scheduledAtField],
};

const properties: INodeProperties[] = [reportIdProperty, nameField, additionalFields, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['create'] } }, properties);

/** POST /operations {report, name, description?, identificationNumber?, scheduledAt?}. */
export const execute: OperationExecute = async function (itemIndex) {
	const report = keyclicId(this, 'reportId', 'Report ID', itemIndex);
	const name = requiredText(this, 'name', 'Name', itemIndex);
	const fields = collection(this, 'additionalFields', itemIndex);
	const body = { report, name, ...pickText(fields, ['description', 'identificationNumber']) };
	const scheduledAt = isoDate(this, fields.scheduledAt, 'Scheduled Date', itemIndex);
	return await sendForResource(
		this,
		'operation',
		{ method: 'POST', path: '/operations', what: 'create the operation', body: scheduledAt ? { ...body, scheduledAt } : body },
		itemIndex,
	);
};
