import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collection, commaList, isoDate, keyclicId } from '../../helpers/input';
import { commonFilters, dateFilter, limitProperty, organizationProperty, returnAllProperty, simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { categoryLocator, placeLocator } from '../locators';
import { listResources } from '../resourceCalls';

const since2021 = '(Keyclic API 2.13 of 2021 and later)';
const only2025 = '(Keyclic API 2025)';

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Archived',
			name: 'archived',
			type: 'boolean',
			default: false,
			description: `Whether to list only archived reports (on) or only reports not archived (off) ${only2025}`,
		},
		{
			...categoryLocator,
			required: false,
			description:
				'Only reports of this category. The list shows the categories of the chosen organization (Keyclic API 2018–2021; with the 2025 API, give its ID).',
		},
		...commonFilters.slice(0, 2),
		dateFilter('Due After', 'afterDueBy', `Only reports due after this date ${only2025}`),
		dateFilter('Due Before', 'beforeDueBy', `Only reports due before this date ${only2025}`),
		{
			displayName: 'Has Documents',
			name: 'hasDocuments',
			type: 'boolean',
			default: true,
			description: `Whether to list only reports with documents attached (on) or only reports without (off) ${since2021}`,
		},
		{
			displayName: 'Member ID',
			name: 'member',
			type: 'string',
			default: '',
			description: `Only reports of this member of the organization (its UUID; Keyclic does not document which link it compares) ${since2021}`,
		},
		commonFilters[2],
		{
			displayName: 'Phase',
			name: 'phase',
			type: 'string',
			default: '',
			description: `Only reports in this phase of the workflow (its ID or code, as Keyclic lists them) ${since2021}`,
		},
		{
			...placeLocator,
			required: false,
			description: 'Only reports about this place. The list shows the places of the chosen organization.',
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'string',
			default: '',
			description: `Only reports of this priority: a number (1 = highest) for older APIs, the ID of a priority for 2025 ${since2021}`,
		},
		dateFilter('Scheduled After', 'scheduledAfter', `Only reports scheduled after this date ${only2025}`),
		dateFilter('Scheduled Before', 'scheduledBefore', `Only reports scheduled before this date ${only2025}`),
		...commonFilters.slice(3),
		{
			displayName: 'States',
			name: 'states',
			type: 'string',
			default: '',
			placeholder: 'e.g. NEW, ACCEPTED',
			description: `Comma-separated state codes: reports in any of them (sent as states[]) ${since2021}`,
		},
	],
};

/** The filters of the 2021 and 2025 lists, as Keyclic names them (empty ones left out). */
function newerFilters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = collection(context, 'filters', itemIndex);
	const qs: IDataObject = {};
	for (const key of ['member', 'phase', 'priority']) {
		const value = filters[key];
		if (typeof value === 'string' && value.trim() !== '') qs[key] = value.trim();
	}
	if (typeof filters.archived === 'boolean') qs.archived = filters.archived;
	if (typeof filters.hasDocuments === 'boolean') qs.has_documents = filters.hasDocuments;
	const dates: Array<[string, string, string]> = [
		['afterDueBy', 'afterDueBy', 'Due After'],
		['beforeDueBy', 'beforeDueBy', 'Due Before'],
		['scheduledAfter', 'scheduled_at_after', 'Scheduled After'],
		['scheduledBefore', 'scheduled_at_before', 'Scheduled Before'],
	];
	for (const [name, key, label] of dates) {
		const date = isoDate(context, filters[name], label, itemIndex);
		if (date) qs[key] = date;
	}
	const states = commaList(filters.states);
	if (states.length > 0) qs.states = states;
	return qs;
}

const properties: INodeProperties[] = [organizationProperty, returnAllProperty, limitProperty, filters, simplifyProperty];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['getAll'] } }, properties);

/** GET /organizations/{id}/reports. */
export const execute: OperationExecute = async function (itemIndex) {
	const organization = keyclicId(this, 'organization', 'Organization', itemIndex);
	return await listResources(this, 'report', `/organizations/${organization}/reports`, itemIndex, newerFilters(this, itemIndex));
};
