import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { collection, commaList, isoDate, keyclicId, pickText, requireSome } from '../../helpers/input';
import { reportIdProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'New description of the report (1 to 255 characters)',
		},
		{
			displayName: 'Due Date',
			name: 'dueDate',
			type: 'dateTime',
			default: '',
			description: 'When the report must be handled',
		},
		{
			displayName: 'Due Date Field',
			name: 'dueDateField',
			type: 'options',
			options: [
				{ name: 'Due By (Keyclic API 2.14.6 and Later)', value: 'dueBy' },
				{ name: 'Due At (Older Keyclic API)', value: 'dueAt' },
			],
			default: 'dueBy',
			description: 'Name Keyclic expects for the due date: it was renamed in 2021',
		},
		{
			displayName: 'Identification Number',
			name: 'identificationNumber',
			type: 'string',
			default: '',
			description: "The organization's own number for the report",
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'string',
			default: '',
			description:
				'Priority: a number (1 = highest) for older Keyclic APIs, the ID of a priority for newer ones. A number is sent as a number.',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. plumbing, urgent',
			description: 'Comma-separated tags; they replace the current ones',
		},
	],
};

const properties: INodeProperties[] = [reportIdProperty, updateFields, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['update'] } }, properties);

/** PATCH /reports/{id} with the fields given (ReportPatch / TaskPatch). */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'reportId', 'Report ID', itemIndex);
	const fields = collection(this, 'updateFields', itemIndex);
	const body: IDataObject = pickText(fields, ['description', 'identificationNumber']);
	if (typeof fields.priority === 'string' && fields.priority.trim() !== '') {
		const priority = fields.priority.trim();
		// an integer for older APIs, the id of a priority for newer ones
		body.priority = /^\d+$/.test(priority) ? Number(priority) : priority;
	}
	const tags = commaList(fields.tags);
	if (tags.length > 0) body.tags = tags;
	const due = isoDate(this, fields.dueDate, 'Due Date', itemIndex);
	if (due) body[fields.dueDateField === 'dueAt' ? 'dueAt' : 'dueBy'] = due;
	requireSome(this, body, 'Update Fields', itemIndex);
	return await sendForResource(this, 'report', { method: 'PATCH', path: `/reports/${id}`, what: 'update the report', body }, itemIndex);
};
