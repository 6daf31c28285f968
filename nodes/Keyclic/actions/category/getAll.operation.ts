import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { isDataObject } from '../../../common/guards';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { keyclicCollect } from '../../../common/transport/paging';
import { keyclicId } from '../../helpers/input';
import { UP_TO_2021, inVersions, organizationExists } from '../../helpers/versions';
import { limitProperty, organizationProperty, returnAllProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	{ ...organizationProperty, description: 'The Keyclic organization whose categories to list (its UUID in "By ID" mode)' },
	returnAllProperty,
	limitProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['category'], operation: ['getAll'] } }, properties);

/** GET /organizations/{id}/categories (Keyclic API 2018–2021). */
export const execute: OperationExecute = async function (itemIndex) {
	const organization = keyclicId(this, 'organization', 'Organization', itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const max = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const categories = await inVersions(
		this,
		'Category → Get Many',
		'GET /organizations/{organization}/categories',
		UP_TO_2021,
		async () =>
			await keyclicCollect(this, anyAnswer, `/organizations/${organization}/categories`, "list the organization's categories", { max }),
		{ exists: organizationExists(this, organization) },
	);
	return categories.filter(isDataObject);
};
