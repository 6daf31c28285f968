import type { INodeProperties } from 'n8n-workflow';

// Parameters of Report → Get Photos and Operation → Get Photos (each operation file shows them for itself).

export const photoOutputProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'photoOutput',
		type: 'options',
		options: [
			{
				name: 'One Item per Photo',
				value: 'itemPerPhoto',
				description: 'Each photo on its own output item, in the binary field named below',
			},
			{
				name: 'All Photos on One Item',
				value: 'allOnOneItem',
				description: 'One output item holding every photo (photo_0, photo_1…), as an e-mail or chat node wants its attachments',
			},
		],
		default: 'itemPerPhoto',
		description: 'How to lay out the photos in the output',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { photoOutput: ['itemPerPhoto'] } },
		hint: 'The name of the output binary field to put the photo in',
		description: 'Name of the binary field each photo is written to',
	},
	{
		displayName: 'Field Prefix',
		name: 'binaryPrefix',
		type: 'string',
		default: 'photo_',
		required: true,
		displayOptions: { show: { photoOutput: ['allOnOneItem'] } },
		description: 'Start of the binary field names: the photos go to photo_0, photo_1… with the default',
	},
];
