import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { isDataObject } from '../../../common/guards';
import { organizationSchema } from '../../../common/transport/apiSchemas';
import { keyclicCollect } from '../../../common/transport/paging';
import { limitProperty, returnAllProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [returnAllProperty, limitProperty];

export const description = updateDisplayOptions({ show: { resource: ['organization'], operation: ['getAll'] } }, properties);

/** GET /organizations: the organizations of the credential's account. */
export const execute: OperationExecute = async function (itemIndex) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const max = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	const organizations = await keyclicCollect(this, organizationSchema, '/organizations', 'list your Keyclic organizations', { max });
	return organizations.flatMap((o) => (isDataObject(o) ? [o] : []));
};
