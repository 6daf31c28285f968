import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../helpers/display';
import {
	UUID_PLACEHOLDER,
	commonFilters,
	limitProperty,
	operationIdProperty,
	organizationLocator,
	reportIdProperty,
	returnAllProperty,
	simplifyProperty,
	transitionLocator,
	transitionOptions,
} from '../common.description';

export const operationOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['operation'] } },
	options: [
		{
			name: 'Add Comment',
			value: 'addComment',
			description: 'Post a comment (or a reminder) on an operation',
			action: 'Add a comment to an operation',
		},
		{
			name: 'Assign',
			value: 'assign',
			description: 'Give an operation to a member of the organization (a technician, a contractor…)',
			action: 'Assign an operation to a member',
		},
		{
			name: 'Change State',
			value: 'changeState',
			description: 'Apply a workflow transition to an operation (progress, resolve…)',
			action: 'Change the state of an operation',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create an operation (intervention) to handle a report',
			action: 'Create an operation for a report',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Permanently delete an operation from Keyclic, with its comments and history. The report stays. This cannot be undone.',
			action: 'Delete an operation permanently',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get an operation by its ID',
			action: 'Get an operation',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the operations of an organization or of one report, newest first',
			action: 'Get many operations',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the name, description, identification number or scheduled date of an operation',
			action: 'Update an operation',
		},
	],
	default: 'get',
};

const scheduledAt: INodeProperties = {
	displayName: 'Scheduled Date',
	name: 'scheduledAt',
	type: 'dateTime',
	default: '',
	description: 'When the intervention is planned',
};

const description: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'What must be done',
};

const identificationNumber: INodeProperties = {
	displayName: 'Identification Number',
	name: 'identificationNumber',
	type: 'string',
	default: '',
	description: "The organization's own number for the operation (Keyclic numbers it otherwise)",
};

const createName: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Replace the circuit breaker',
	description: 'Short title of the operation',
};

const createFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add field',
	default: {},
	options: [description, identificationNumber, scheduledAt],
};

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add field',
	default: {},
	options: [
		description,
		identificationNumber,
		{ ...createName, required: false, description: 'New short title of the operation' },
		scheduledAt,
	],
};

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
			placeholder: UUID_PLACEHOLDER,
		},
	],
};

const commentText: INodeProperties = {
	displayName: 'Comment',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	description: 'Text of the comment, visible to the people who follow the operation in Keyclic',
};

const commentOptions: INodeProperties = {
	displayName: 'Options',
	name: 'commentOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Comment', value: 'Comment' },
				{ name: 'Reminder', value: 'Reminder' },
			],
			default: 'Comment',
			description: 'Kind of message (Keyclic API 2021 and later; older APIs only take comments)',
		},
	],
};

const listOf: INodeProperties = {
	displayName: 'Operations Of',
	name: 'listOf',
	type: 'options',
	options: [
		{ name: 'An Organization', value: 'organization' },
		{ name: 'A Report', value: 'report' },
	],
	default: 'organization',
	description: 'List the operations of a whole organization, or those of one report',
};

const operationFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add filter',
	default: {},
	options: commonFilters,
};

export const operationProperties: INodeProperties[] = [
	...showFor('operation', ['create'], [reportIdProperty, createName, createFields]),
	...showFor('operation', ['get', 'update', 'assign', 'changeState', 'addComment', 'delete'], [operationIdProperty]),
	...showFor('operation', ['getAll'], [listOf]),
	...showFor(
		'operation',
		['getAll'],
		[
			{ ...organizationLocator, displayOptions: { show: { listOf: ['organization'] } } },
			{ ...reportIdProperty, displayOptions: { show: { listOf: ['report'] } } },
			returnAllProperty,
			limitProperty,
			operationFilters,
		],
	),
	...showFor('operation', ['update'], [updateFields]),
	...showFor('operation', ['assign'], [memberLocator]),
	...showFor('operation', ['changeState'], [transitionLocator('searchOperationTransitions', 'operation'), transitionOptions]),
	...showFor('operation', ['addComment'], [commentText, commentOptions]),
	...showFor('operation', ['create', 'get', 'getAll', 'update', 'assign', 'changeState', 'addComment'], [simplifyProperty]),
];
