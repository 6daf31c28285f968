import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { isDataObject } from '../../../common/guards';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { keyclicCollect } from '../../../common/transport/paging';
import { keyclicId } from '../../helpers/input';
import { EVERY_VERSION_BUT_V3, inVersions } from '../../helpers/versions';
import { limitProperty, organizationProperty, returnAllProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	{ ...organizationProperty, description: 'The Keyclic organization whose places to list (its UUID in "By ID" mode)' },
	returnAllProperty,
	limitProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['place'], operation: ['getAll'] } }, properties);

/** GET /organizations/{id}/places: the places an organization manages, page after page. */
export const execute: OperationExecute = async function (itemIndex) {
	const organization = keyclicId(this, 'organization', 'Organization', itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const max = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const places = await inVersions(
		this,
		'Place → Get Many',
		'GET /organizations/{organization}/places',
		EVERY_VERSION_BUT_V3,
		async () => await keyclicCollect(this, anyAnswer, `/organizations/${organization}/places`, "list the organization's places", { max }),
	);
	return places.filter(isDataObject);
};
