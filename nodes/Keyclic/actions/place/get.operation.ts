import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { isDataObject } from '../../../common/guards';
import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { keyclicId } from '../../helpers/input';
import { EVERY_VERSION_BUT_V3, inVersions } from '../../helpers/versions';
import type { OperationExecute } from '../node.type';
import { placeLocator } from '../locators';

const properties: INodeProperties[] = [{ ...placeLocator, name: 'placeId', description: 'The Keyclic place to get' }];

export const description = updateDisplayOptions({ show: { resource: ['place'], operation: ['get'] } }, properties);

/** GET /places/{id}: the place as Keyclic returns it. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'placeId', 'Place', itemIndex);
	const what = 'get the place';
	const answer = await inVersions(
		this,
		'Place → Get',
		'GET /places/{place}',
		EVERY_VERSION_BUT_V3,
		async () => await keyclicRequest(this, anyAnswer, 'GET', `/places/${id}`, what),
	);
	if (!isDataObject(answer)) {
		const problem = 'the place is not a JSON object';
		throw new NodeApiError(
			this.getNode(),
			{ message: problem },
			{ message: `Could not ${what}: unexpected answer from Keyclic`, description: problem },
		);
	}
	return [answer];
};
