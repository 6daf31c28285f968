import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as addComment from './addComment.operation';
import * as addPhoto from './addPhoto.operation';
import * as assign from './assign.operation';
import * as changeState from './changeState.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getComments from './getComments.operation';
import * as getAll from './getAll.operation';
import * as getPhotos from './getPhotos.operation';
import * as getTracking from './getTracking.operation';
import * as update from './update.operation';

export const option: INodePropertyOptions = {
	name: 'Operation',
	value: 'operation',
	description: 'An intervention an organization carries out to handle a report',
};

export const operations = {
	addComment,
	addPhoto,
	assign,
	changeState,
	create,
	delete: del,
	get,
	getAll,
	getComments,
	getPhotos,
	getTracking,
	update,
};

export const description: INodeProperties[] = [
	{
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
				name: 'Add Photo',
				value: 'addPhoto',
				description: 'Attach a photo (JPEG or PNG) from an input binary field to an operation',
				action: 'Add a photo to an operation',
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
				description:
					'Permanently delete an operation from Keyclic, with its comments and history. The report stays. This cannot be undone.',
				action: 'Delete an operation permanently',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an operation by its ID',
				action: 'Get an operation',
			},
			{
				name: 'Get Comments',
				value: 'getComments',
				description: 'List the comments and reminders of an operation, newest first',
				action: 'Get the comments of an operation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the operations of an organization or of one report, newest first',
				action: 'Get many operations',
			},
			{
				name: 'Get Photos',
				value: 'getPhotos',
				description: "Download the technician's photos of an operation as binary files (one item per photo, or all on one item)",
				action: 'Get the photos of an operation',
			},
			{
				name: 'Get Tracking',
				value: 'getTracking',
				description: 'Get the tracking of an operation (its states over time)',
				action: 'Get the tracking of an operation',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, description, identification number or scheduled date of an operation',
				action: 'Update an operation',
			},
		],
		default: 'get',
	},
	...addComment.description,
	...addPhoto.description,
	...assign.description,
	...changeState.description,
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...getComments.description,
	...getPhotos.description,
	...getTracking.description,
	...update.description,
];
