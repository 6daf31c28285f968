import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

export const option: INodePropertyOptions = {
	name: 'Document',
	value: 'document',
	description: 'A file kept on a report or an operation: a quote, an invoice, a signed intervention report…',
};

export const operations = { delete: del, get, getAll, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Permanently delete a document and its file from Keyclic. This cannot be undone.',
				action: 'Delete a document permanently',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a document by its ID, optionally with its file as binary',
				action: 'Get a document',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the documents of a report or an operation, optionally with their files as binary',
				action: 'Get many documents',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Attach a file from an input binary field to a report or an operation as a document',
				action: 'Upload a document',
			},
		],
		default: 'getAll',
	},
	...del.description,
	...get.description,
	...getAll.description,
	...upload.description,
];
