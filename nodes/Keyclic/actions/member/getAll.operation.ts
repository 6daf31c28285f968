import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { isDataObject } from '../../../common/guards';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { keyclicCollect } from '../../../common/transport/paging';
import { keyclicId } from '../../helpers/input';
import { MEMBER_LIST_HINT, UP_TO_2021, inVersions, organizationExists } from '../../helpers/versions';
import { limitProperty, organizationProperty, returnAllProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	{ ...organizationProperty, description: 'The Keyclic organization whose members to list (its UUID in "By ID" mode)' },
	returnAllProperty,
	limitProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['member'], operation: ['getAll'] } }, properties);

/** GET /organizations/{id}/members (Keyclic API 2018–2021; the 2025 API has no such list). */
export const execute: OperationExecute = async function (itemIndex) {
	const organization = keyclicId(this, 'organization', 'Organization', itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const max = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const members = await inVersions(
		this,
		'Member → Get Many',
		'GET /organizations/{organization}/members',
		UP_TO_2021,
		async () => await keyclicCollect(this, anyAnswer, `/organizations/${organization}/members`, "list the organization's members", { max }),
		{ exists: organizationExists(this, organization), hint: MEMBER_LIST_HINT },
	);
	return members.filter(isDataObject);
};
