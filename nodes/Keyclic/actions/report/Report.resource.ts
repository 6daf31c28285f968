import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as addComment from './addComment.operation';
import * as addPhoto from './addPhoto.operation';
import * as changeState from './changeState.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getComments from './getComments.operation';
import * as getAll from './getAll.operation';
import * as getPhotos from './getPhotos.operation';
import * as getTracking from './getTracking.operation';
import * as update from './update.operation';

export const option: INodePropertyOptions = {
	name: 'Report',
	value: 'report',
	description: 'A request filed about a place: a leak, a broken lift…',
};

export const operations = { addComment, addPhoto, changeState, create, get, getAll, getComments, getPhotos, getTracking, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Add Comment',
				value: 'addComment',
				description: 'Post a comment on a report (on the feedback it comes from)',
				action: 'Add a comment to a report',
			},
			{
				name: 'Add Photo',
				value: 'addPhoto',
				description: 'Attach photos (JPEG or PNG) from input binary fields to a report (on the feedback it comes from)',
				action: 'Add a photo to a report',
			},
			{
				name: 'Change State',
				value: 'changeState',
				description: 'Apply a workflow transition to a report (accept, refuse, close…)',
				action: 'Change the state of a report',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'File a new report about a place, as an occupant would (Keyclic makes the report from this feedback)',
				action: 'Create a report',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a report by its ID',
				action: 'Get a report',
			},
			{
				name: 'Get Comments',
				value: 'getComments',
				description: 'List the comments of a report (those of the feedback it comes from), newest first',
				action: 'Get the comments of a report',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the reports of an organization, newest first, with optional filters',
				action: 'Get many reports',
			},
			{
				name: 'Get Photos',
				value: 'getPhotos',
				description: "Download the occupant's photos of a report as binary files (one item per photo, or all on one item)",
				action: 'Get the photos of a report',
			},
			{
				name: 'Get Tracking',
				value: 'getTracking',
				description: 'Get how far the handling of a report has gone (progression of its operations, checkpoints)',
				action: 'Get the tracking of a report',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the description, identification number, priority, tags or due date of a report',
				action: 'Update a report',
			},
		],
		default: 'get',
	},
	...addComment.description,
	...addPhoto.description,
	...changeState.description,
	...create.description,
	...get.description,
	...getAll.description,
	...getComments.description,
	...getPhotos.description,
	...getTracking.description,
	...update.description,
];
