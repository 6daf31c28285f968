import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { UUID_EXAMPLE } from '../../../common/uuid';
import { keyclicId } from '../../helpers/input';
import { operationIdProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { sendForResource } from '../resourceCalls';

const memberLocator: INodeProperties = {
	displayName: 'Member',
	name: 'member',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The member of the operation\'s organization who will do it. The list shows the organization\'s members; "By ID" takes a member ID (not a person ID).',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchMembers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: `e.g. ${UUID_EXAMPLE}`,
		},
	],
};

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
