import { keyclicId } from '../../helpers/input';
import type { OperationExecute } from '../node.type';
import { listResources } from '../resourceCalls';

/** The operations of an organization (GET /organizations/{id}/operations) or of a report (GET /reports/{id}/operations). */
export const execute: OperationExecute = async function (itemIndex) {
	const path =
		this.getNodeParameter('listOf', itemIndex, 'organization') === 'report'
			? `/reports/${keyclicId(this, 'reportId', 'Report ID', itemIndex)}/operations`
			: `/organizations/${keyclicId(this, 'organization', 'Organization', itemIndex)}/operations`;
	return await listResources(this, 'operation', path, itemIndex);
};
