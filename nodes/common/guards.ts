import type { IDataObject } from 'n8n-workflow';

/** A JSON object (not null, not an array): the only shape n8n items and Keyclic bodies may have. */
export function isDataObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
