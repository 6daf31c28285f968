import type { INodeProperties } from 'n8n-workflow';

import { organizationLocator } from '../../common/organization';
import { UUID_EXAMPLE } from '../../common/uuid';

// Parameters used by several operations. Descriptions are written for people and for AI agents alike.

/** Organization: from a searchable list or by ID (the trigger's locator too). */
export const organizationProperty: INodeProperties = {
	...organizationLocator,
	description: 'The Keyclic organization to list from (its UUID in "By ID" mode)',
};

export const reportIdProperty: INodeProperties = {
	displayName: 'Report ID',
	name: 'reportId',
	type: 'string',
	default: '',
	required: true,
	placeholder: `e.g. ${UUID_EXAMPLE}`,
	description: 'UUID of the Keyclic report (for example the "ID" or "Report ID" field of a Keyclic Trigger item)',
};

export const operationIdProperty: INodeProperties = {
	displayName: 'Operation ID',
	name: 'operationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: `e.g. ${UUID_EXAMPLE}`,
	description: 'UUID of the Keyclic operation (intervention)',
};

/** Tags of an update (report, operation, ticket): a comma list (helpers/input.ts commaList) that replaces the current ones. */
export const tagsField: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	placeholder: 'e.g. plumbing, urgent',
	description: 'Comma-separated tags; they replace the current ones',
};

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return the same normalized fields as the Keyclic Trigger (ID, state, state label, organization ID, report ID, links) with the raw resource in "payload", instead of the resource exactly as Keyclic returns it',
};

export const returnAllProperty: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** Transition: the ones the resource itself lists (loaded when picked), or an ID/name typed or computed. */
export function transitionLocator(searchListMethod: string, what: string): INodeProperties {
	return {
		displayName: 'Transition',
		name: 'transition',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The workflow transition to apply to the ${what}. The list shows the transitions the ${what} itself allows now; "By ID" takes a transition ID or, for older Keyclic workflows, its name (accept, refuse…).`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: false },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. accept',
			},
		],
	};
}

export const transitionOptions: INodeProperties = {
	displayName: 'Options',
	name: 'transitionOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Comment',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Comment recorded with the state change (Keyclic API 2.13.20 and later)',
		},
		{
			displayName: 'Date',
			name: 'datetime',
			type: 'dateTime',
			default: '',
			description: 'When the change happened, if not now (Keyclic API 2.13.20 and later)',
		},
	],
};

/** Filters shared by the report and operation lists. */
export const commonFilters: INodeProperties[] = [
	{
		displayName: 'Created After',
		name: 'after',
		type: 'dateTime',
		default: '',
		description: 'Only resources created after this date',
	},
	{
		displayName: 'Created Before',
		name: 'before',
		type: 'dateTime',
		default: '',
		description: 'Only resources created before this date',
	},
	{
		displayName: 'Order',
		name: 'order',
		type: 'options',
		options: [
			{ name: 'Newest First', value: 'desc' },
			{ name: 'Oldest First', value: 'asc' },
		],
		default: 'desc',
		description: 'Sort order by creation date',
	},
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Free text Keyclic searches for (Keyclic API 2020 and later)',
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'string',
		default: '',
		placeholder: 'e.g. NEW',
		description:
			"State code to keep (NEW, ACCEPTED, IN_PROGRESS…). The codes depend on the organization's workflow; Keyclic does not document them.",
	},
];

/** The binary fields a photo upload sends (Report → Add Photo, Operation → Add Photo): one, a comma list, or *. */
export const photoFieldsProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the photo: several separated by commas, or * for all',
	description:
		'Name of the binary field of the input item that holds the photo (JPEG or PNG). Several photos: their fields separated by commas (photo_0, photo_1), or * for every binary field of the item.',
};

/** A date filter of a Get Many (a dateTime parameter, empty by default). */
export const dateFilter = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description,
});
