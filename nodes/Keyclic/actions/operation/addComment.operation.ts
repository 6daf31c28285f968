import type { IDataObject } from 'n8n-workflow';

import { collection, keyclicId, requiredText } from '../../helpers/input';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';

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
