import type { INodeProperties } from 'n8n-workflow';

import { UUID_EXAMPLE } from '../../../common/uuid';

// Parameters the Document operations share (each operation file shows them for itself).

export const documentIdProperty: INodeProperties = {
	displayName: 'Document ID',
	name: 'documentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: `e.g. ${UUID_EXAMPLE}`,
	description: 'UUID of the Keyclic document',
};

export const parentProperties: INodeProperties[] = [
	{
		displayName: 'Of',
		name: 'documentParent',
		type: 'options',
		options: [
			{ name: 'Report', value: 'report', description: 'The documents of a report (Keyclic 2020 and later)' },
			{ name: 'Operation', value: 'operation', description: 'The documents of an operation (Keyclic 2025)' },
		],
		default: 'report',
		description: 'Whether the documents belong to a report or to an operation',
	},
	{
		displayName: 'Report or Operation ID',
		name: 'parentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: `e.g. ${UUID_EXAMPLE}`,
		description: 'UUID of the report or operation the documents belong to',
	},
];

export const downloadProperties: INodeProperties[] = [
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description: "Whether to add each document's file to its item as binary data",
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { download: [true] } },
		hint: 'The name of the output binary field to put the file in',
		description: 'Name of the binary field the file is written to',
	},
];
