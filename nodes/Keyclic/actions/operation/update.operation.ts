import { collection, isoDate, keyclicId, pickText, requireSome } from '../../helpers/input';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';

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
