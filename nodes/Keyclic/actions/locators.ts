import type { INodeProperties } from 'n8n-workflow';

import { keyclicLocator } from '../../common/locator';

// The place and category pickers (nodes/common/locator.ts), as several operations use them.

/** A place: of the organization chosen in the node, else of every organization of the account (searchPlaces). */
export const placeLocator: INodeProperties = keyclicLocator({
	displayName: 'Place',
	name: 'place',
	searchListMethod: 'searchPlaces',
	what: 'A place',
	dependsOn: ['organization.value'],
});

/** A category: of the organization chosen in the node, or of the one that manages the chosen place (searchCategories). */
export const categoryLocator: INodeProperties = keyclicLocator({
	displayName: 'Category',
	name: 'category',
	searchListMethod: 'searchCategories',
	what: 'A category',
	dependsOn: ['organization.value', 'place.value'],
	listHint: 'The Keyclic API 2025 has no category list: there, use By ID',
});
