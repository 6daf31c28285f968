import type { IDataObject } from 'n8n-workflow';

import { collection, isoDate, keyclicId, pickText, requireSome } from '../../helpers/input';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';

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
	if (typeof fields.tags === 'string') {
		const tags = fields.tags
			.split(',')
			.map((t) => t.trim())
			.filter((t) => t !== '');
		if (tags.length > 0) body.tags = tags;
	}
	const due = isoDate(this, fields.dueDate, 'Due Date', itemIndex);
	if (due) body[fields.dueDateField === 'dueAt' ? 'dueAt' : 'dueBy'] = due;
	requireSome(this, body, 'Update Fields', itemIndex);
	return await sendForResource(this, 'report', { method: 'PATCH', path: `/reports/${id}`, what: 'update the report', body }, itemIndex);
};
