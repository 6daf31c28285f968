import type { INodeProperties } from 'n8n-workflow';

import { isDataObject } from './guards';
import { UUID_EXAMPLE, UUID_PATTERN } from './uuid';

// Every Keyclic resource the user picks (organization, place, category, member, document type…): one
// resource locator shape, a searchable list (a listSearch method of the node) or the ID typed in.

export interface LocatorOptions {
	displayName: string;
	name: string;
	/** The listSearch method that fills "From List". */
	searchListMethod: string;
	/** What the ID is of, for the By ID validation message: "A place ID is a UUID". */
	what: string;
	description?: string;
	/** Parameters whose change reloads the list (n8n's loadOptionsDependsOn), e.g. `organization.value`. */
	dependsOn?: string[];
	/** Whether By ID must be a UUID (Keyclic's IDs); false where no spec says what the value is. */
	uuid?: boolean;
	required?: boolean;
	/** Shown under the list (why it may be empty, where the values come from). */
	listHint?: string;
}

/** A resource locator: From List (searchable) or By ID. */
export function keyclicLocator(options: LocatorOptions): INodeProperties {
	const { displayName, name, searchListMethod, what, description, dependsOn, uuid = true, required = true, listHint } = options;
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		...(description === undefined ? {} : { description }),
		...(dependsOn === undefined ? {} : { typeOptions: { loadOptionsDependsOn: dependsOn } }),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				...(listHint === undefined ? {} : { hint: listHint }),
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: uuid ? `e.g. ${UUID_EXAMPLE}` : 'e.g. an ID of your Keyclic organization',
				...(uuid ? { validation: [{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: `${what} ID is a UUID` } }] } : {}),
			},
		],
	};
}

/** The value of a resource locator (`{__rl, mode, value}`) or of a plain string parameter, trimmed; '' when neither. */
export function locatorValue(value: unknown): string {
	const inner = isDataObject(value) ? value.value : value;
	if (typeof inner === 'string') return inner.trim();
	return typeof inner === 'number' ? String(inner) : '';
}
