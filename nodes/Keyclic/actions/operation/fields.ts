import type { INodeProperties } from 'n8n-workflow';

// The fields of an operation that Create and Update both set.

export const scheduledAtField: INodeProperties = {
	displayName: 'Scheduled Date',
	name: 'scheduledAt',
	type: 'dateTime',
	default: '',
	description: 'When the intervention is planned',
};

export const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'What must be done',
};

export const identificationNumberField: INodeProperties = {
	displayName: 'Identification Number',
	name: 'identificationNumber',
	type: 'string',
	default: '',
	description: "The organization's own number for the operation (Keyclic numbers it otherwise)",
};

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. Replace the circuit breaker',
	description: 'Short title of the operation',
};
