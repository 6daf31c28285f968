import { keyclicId } from '../../helpers/input';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';

/** POST /operations/{id}/assign {member}. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const member = keyclicId(this, 'member', 'Member', itemIndex);
	return await sendForResource(
		this,
		'operation',
		{ method: 'POST', path: `/operations/${id}/assign`, what: 'assign the operation', body: { member } },
		itemIndex,
	);
};
