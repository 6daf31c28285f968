import { keyclicId } from '../../helpers/input';
import type { OperationExecute } from '../node.type';
import { listResources } from '../resourceCalls';

export const execute: OperationExecute = async function (itemIndex) {
	const organization = keyclicId(this, 'organization', 'Organization', itemIndex);
	return await listResources(this, 'report', `/organizations/${organization}/reports`, itemIndex);
};
