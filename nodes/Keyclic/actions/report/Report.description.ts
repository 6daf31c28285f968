import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../helpers/display';
import {
	commonFilters,
	limitProperty,
	organizationLocator,
	reportIdProperty,
	returnAllProperty,
	simplifyProperty,
	transitionLocator,
	transitionOptions,
} from '../common.description';

export const reportOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['report'] } },
	options: [
		{
			name: 'Change State',
			value: 'changeState',
			description: 'Apply a workflow transition to a report (accept, refuse, close…)',
			action: 'Change the state of a report',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a report by its ID',
			action: 'Get a report',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the reports of an organization, newest first, with optional filters',
			action: 'Get many reports',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the description, identification number, priority, tags or due date of a report',
			action: 'Update a report',
		},
	],
	default: 'get',
};

const reportFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add filter',
	default: {},
	options: [
		{
			displayName: 'Category ID',
			name: 'category',
			type: 'string',
			default: '',
			description: 'Only reports of this category (its UUID)',
		},
		...commonFilters.slice(0, 3),
		{
			displayName: 'Place ID',
			name: 'place',
			type: 'string',
			default: '',
			description: 'Only reports about this place (its UUID)',
		},
		...commonFilters.slice(3),
	],
};

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add field',
	default: {},
	options: [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'New description of the report (1 to 255 characters)',
		},
		{
			displayName: 'Due Date',
			name: 'dueDate',
			type: 'dateTime',
			default: '',
			description: 'When the report must be handled',
		},
		{
			displayName: 'Due Date Field',
			name: 'dueDateField',
			type: 'options',
			options: [
				{ name: 'dueBy (Keyclic API 2.14.6 and Later)', value: 'dueBy' },
				{ name: 'dueAt (Older Keyclic API)', value: 'dueAt' },
			],
			default: 'dueBy',
			description: 'Name Keyclic expects for the due date: it was renamed in 2021',
		},
		{
			displayName: 'Identification Number',
			name: 'identificationNumber',
			type: 'string',
			default: '',
			description: "The organization's own number for the report",
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'string',
			default: '',
			description:
				'Priority: a number (1 = highest) for older Keyclic APIs, the ID of a priority for newer ones. A number is sent as a number.',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'plomberie, urgent',
			description: 'Comma-separated tags; they replace the current ones',
		},
	],
};

export const reportProperties: INodeProperties[] = [
	...showFor('report', ['get', 'changeState', 'update'], [reportIdProperty]),
	...showFor('report', ['getAll'], [organizationLocator, returnAllProperty, limitProperty, reportFilters]),
	...showFor('report', ['changeState'], [transitionLocator('searchReportTransitions', 'report'), transitionOptions]),
	...showFor('report', ['update'], [updateFields]),
	...showFor('report', ['get', 'getAll', 'changeState', 'update'], [simplifyProperty]),
];
