import type { IDataObject } from 'n8n-workflow';

/** A JSON object (not null, not an array): the only shape n8n items and Keyclic bodies may have. */
export function isDataObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` of a value of unknown shape (an error, a body): undefined when it is no object or has no such key. */
export function read(value: unknown, key: string): unknown {
	return typeof value === 'object' && value !== null && key in value ? (Reflect.get(value, key) as unknown) : undefined;
}
