import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { keyclicLocator } from '../../../common/locator';
import { keyclicId } from '../../helpers/input';
import { operationIdProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';

const memberLocator: INodeProperties = keyclicLocator({
	displayName: 'Member',
	name: 'member',
	searchListMethod: 'searchMembers',
	what: 'A member',
	dependsOn: ['operationId'],
	listHint: 'The Keyclic API 2025 has no member list: there, use By ID',
	description:
		'The member of the operation\'s organization who will do it. The list shows the organization\'s members (Keyclic API 2018–2021); "By ID" takes a member ID (not a person ID).',
});

const properties: INodeProperties[] = [operationIdProperty, memberLocator, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['assign'] } }, properties);

/** POST /operations/{id}/assign {member}. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const member = keyclicId(this, 'member', 'Member', itemIndex);
	return await sendForResource(
		this,
		'operation',
		{ method: 'POST', path: `/operations/${id}/assign`, what: 'assign the operation', body: { member } },
		itemIndex,
	);
};
