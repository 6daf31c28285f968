import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { isDataObject } from '../../../common/guards';
import { keyclicId } from '../../helpers/input';
import { EVERY_VERSION_BUT_V3, inVersions } from '../../helpers/versions';
import { operationIdProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [operationIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['getTracking'] } }, properties);

/** GET /operations/{id}/tracking: the operation's tracking (its states over time) as Keyclic answers it. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const what = 'get the tracking of the operation';
	const answer = await inVersions(
		this,
		'Operation → Get Tracking',
		'GET /operations/{operation}/tracking',
		EVERY_VERSION_BUT_V3,
		async () => await keyclicRequest(this, anyAnswer, 'GET', `/operations/${id}/tracking`, what),
	);
	if (!isDataObject(answer)) {
		const problem = 'the tracking is not a JSON object';
		throw new NodeApiError(
			this.getNode(),
			{ message: problem },
			{ message: `Could not ${what}: unexpected answer from Keyclic`, description: problem },
		);
	}
	return [{ operationId: id, ...answer }];
};
