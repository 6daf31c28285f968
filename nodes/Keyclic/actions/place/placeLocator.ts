import type { INodeProperties } from 'n8n-workflow';

import { UUID_EXAMPLE, UUID_PATTERN } from '../../../common/uuid';

/** A place: from the places of the credential's organizations (searchPlaces), or by ID. Each use sets name and description. */
export const placeLocator: INodeProperties = {
	displayName: 'Place',
	name: 'place',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchPlaces', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: `e.g. ${UUID_EXAMPLE}`,
			validation: [{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: 'A place ID is a UUID' } }],
		},
	],
};
