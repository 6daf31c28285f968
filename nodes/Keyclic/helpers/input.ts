import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isDataObject } from '../../common/guards';
import { locatorValue } from '../../common/locator';
import { UUID_EXAMPLE, isUuid } from '../../common/uuid';

// Parameter readers that refuse bad input BEFORE any call to Keyclic, with an error naming the parameter.

function refuse(context: IExecuteFunctions, itemIndex: number, label: string, problem: string, fix: string): never {
	throw new NodeOperationError(context.getNode(), `The "${label}" parameter ${problem}`, { itemIndex, description: fix });
}

/** A string parameter, trimmed; plain values of resource locators are read too. */
function text(context: IExecuteFunctions, name: string, itemIndex: number, fallback = ''): string {
	const value: unknown = context.getNodeParameter(name, itemIndex, fallback, { extractValue: true });
	if (value === null || value === undefined) return '';
	return String(value).trim();
}

/** A Keyclic ID (UUID); names the parameter when it is missing or malformed. */
export function keyclicId(context: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = text(context, name, itemIndex);
	if (value === '')
		refuse(context, itemIndex, label, 'is empty', `Give the UUID of the Keyclic ${label.replace(/ ID$/, '').toLowerCase()}.`);
	if (!isUuid(value)) {
		refuse(context, itemIndex, label, `is not a Keyclic ID: "${value}"`, `Keyclic IDs are UUIDs like ${UUID_EXAMPLE}.`);
	}
	return value;
}

/**
 * An optional ID of a collection (a filter, an additional field): a resource locator's value or a plain string (as
 * workflows made before the lists have it); undefined when empty; names the field when it is not a UUID.
 */
export function optionalId(context: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	const id = locatorValue(value);
	if (id === '') return undefined;
	if (!isUuid(id)) refuse(context, itemIndex, label, `is not a Keyclic ID: "${id}"`, `Keyclic IDs are UUIDs like ${UUID_EXAMPLE}.`);
	return id;
}

/**
 * A required text parameter that must not be blank. `fix` says what to enter (default "Enter the <label>."),
 * `fallback` is the parameter's default when the node has none set.
 */
export function requiredText(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	{ fix, fallback }: { fix?: string; fallback?: string } = {},
): string {
	const value = text(context, name, itemIndex, fallback);
	if (value === '') refuse(context, itemIndex, label, 'is empty', fix ?? `Enter the ${label.toLowerCase()}.`);
	return value;
}

/** A date parameter (n8n's dateTime or an ISO string) as ISO 8601, or undefined when empty. */
export function isoDate(context: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = Date.parse(String(value));
	if (Number.isNaN(ms))
		refuse(context, itemIndex, label, `is not a date: "${String(value)}"`, 'Use an ISO 8601 date, for example 2025-05-02T09:00:00Z.');
	return new Date(ms).toISOString();
}

/** A collection parameter (additional fields, filters…) as an object. */
export function collection(context: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const value: unknown = context.getNodeParameter(name, itemIndex, {});
	return isDataObject(value) ? value : {};
}

/** Copies the non-empty string fields `keys` of `source` into a request body. */
export function pickText(source: IDataObject, keys: string[]): IDataObject {
	const body: IDataObject = {};
	for (const key of keys) {
		const value = source[key];
		if (typeof value === 'string' && value.trim() !== '') body[key] = value.trim();
	}
	return body;
}

/** A comma-separated text as a list: entries trimmed, empty ones left out ([] for anything but a string). */
export function commaList(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** The date fields of `source` as ISO 8601, each under its key (`[field, key, label]`); names a field that is not a date. */
export function pickDates(
	context: IExecuteFunctions,
	source: IDataObject,
	fields: Array<[string, string, string]>,
	itemIndex: number,
): IDataObject {
	const picked: IDataObject = {};
	for (const [field, key, label] of fields) {
		const date = isoDate(context, source[field], label, itemIndex);
		if (date) picked[key] = date;
	}
	return picked;
}

/** Refuses an update that changes nothing. */
export function requireSome(context: IExecuteFunctions, body: IDataObject, label: string, itemIndex: number): IDataObject {
	if (Object.keys(body).length === 0) {
		refuse(context, itemIndex, label, 'is empty', `Add at least one field to change with "${label}".`);
	}
	return body;
}
