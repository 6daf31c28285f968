import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { isDataObject } from '../../../common/guards';
import { keyclicId } from '../../helpers/input';
import { EVERY_VERSION_BUT_V3, inVersions } from '../../helpers/versions';
import { reportIdProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [reportIdProperty];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['getTracking'] } }, properties);

/** GET /reports/{id}/tracking: the report's tracking (progression of its operations, checkpoints) as Keyclic answers it. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'reportId', 'Report ID', itemIndex);
	const what = 'get the tracking of the report';
	const answer = await inVersions(
		this,
		'Report → Get Tracking',
		'GET /reports/{report}/tracking',
		EVERY_VERSION_BUT_V3,
		async () => await keyclicRequest(this, anyAnswer, 'GET', `/reports/${id}/tracking`, what),
	);
	if (!isDataObject(answer)) {
		const problem = 'the tracking is not a JSON object';
		throw new NodeApiError(
			this.getNode(),
			{ message: problem },
			{ message: `Could not ${what}: unexpected answer from Keyclic`, description: problem },
		);
	}
	return [{ reportId: id, ...answer }];
};
