import type { IDataObject } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { isDataObject } from './guards';
import { RESOURCE_TYPE_NAMES, operationSchema, reportSchema } from './schemas';
import type { HalLinkValue, NormalizedResource, OperationFields, ReportFields, ResourceType } from './schemas';

/** A report or operation whose identity is certain: the right `type` and a non-empty string `id`. */
export type IdentifiedResource = { resourceType: ResourceType; id: string; payload: IDataObject };

export type Identification = { ok: true; resource: IdentifiedResource } | { ok: false; problem: string };

/**
 * Is `value` a Keyclic report (or operation)? Only identity is checked: a JSON object whose `type` is
 * `Report` (`Operation`) and whose `id` is a non-empty string. `where` names it in the problem.
 */
export function identify(resourceType: ResourceType, value: unknown, where = 'payload'): Identification {
	const expected = RESOURCE_TYPE_NAMES[resourceType];
	if (!isDataObject(value)) return { ok: false, problem: `${where}: must be a JSON object (a ${expected})` };
	if (value.type !== expected) {
		return { ok: false, problem: `${where}.type: must be "${expected}", got ${JSON.stringify(value.type ?? null)}` };
	}
	const { id } = value;
	if (typeof id !== 'string' || id === '') {
		return { ok: false, problem: `${where}.id: must be a non-empty string (the ${resourceType}'s id), got ${JSON.stringify(id ?? null)}` };
	}
	return { ok: true, resource: { resourceType, id, payload: value } };
}

/**
 * Is `value` a ticket of Keyclic's Tickets API (2025 "v3")? A JSON object with a non-empty string `id`. A ticket has no
 * `type`: one with a `_links.parent` (its report) is an operation, one without is a report (docs/keyclic-polling-trigger.md).
 */
export function identifyTicket(value: unknown, where = 'ticket'): Identification {
	if (!isDataObject(value)) return { ok: false, problem: `${where}: must be a JSON object (a ticket)` };
	const { id, _links: links } = value;
	if (typeof id !== 'string' || id === '') {
		return { ok: false, problem: `${where}.id: must be a non-empty string (the ticket's id), got ${JSON.stringify(id ?? null)}` };
	}
	const parent = isDataObject(links) ? links.parent : undefined;
	const resourceType: ResourceType = isDataObject(parent) && typeof parent.href === 'string' ? 'operation' : 'report';
	return { ok: true, resource: { resourceType, id, payload: value } };
}

/** A copy of `value` without what is at `path` (copies only the objects on the path; `value` is not touched). */
function without(value: unknown, path: readonly PropertyKey[]): unknown {
	if (path.length === 0 || !isDataObject(value)) return value;
	const [key, ...rest] = path;
	if (typeof key !== 'string' || !(key in value)) return value;
	const copy: Record<string, unknown> = { ...value };
	if (rest.length === 0) delete copy[key];
	else copy[key] = without(value[key], rest);
	return copy;
}

/**
 * Reads what `schema` describes, best-effort: every field zod does not accept is left out (and named
 * in `warnings`), then the rest is read again. Each pass removes at least one field, so it ends.
 */
function readBestEffort<T>(schema: z.ZodType<T>, payload: IDataObject, where: string): { data: T; warnings: string[] } {
	const warnings: string[] = [];
	let input: unknown = payload;
	for (;;) {
		const parsed = schema.safeParse(input);
		if (parsed.success) return { data: parsed.data, warnings };
		const before = input;
		for (const issue of parsed.error.issues) {
			warnings.push(`${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`);
			input = without(input, issue.path);
		}
		if (input === before) return { data: schema.parse({}), warnings }; // nothing removable: read nothing
	}
}

type WorkflowState = NonNullable<ReportFields['phase']>;

function firstHref(value: HalLinkValue | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value[0]?.href;
	return value.href;
}

function flattenLinks(links: Record<string, HalLinkValue> | undefined): Record<string, string | string[]> {
	const flat: Record<string, string | string[]> = {};
	for (const [rel, value] of Object.entries(links ?? {})) {
		if (typeof value === 'string') flat[rel] = value;
		else if (Array.isArray(value)) flat[rel] = value.map((link) => link.href);
		else flat[rel] = value.href;
	}
	return flat;
}

/** Last path segment of `/organizations/<id>`-like hrefs. */
function idFromHref(href: string | undefined): string | null {
	if (!href) return null;
	const segment = href.split('?')[0].split('/').filter(Boolean).pop();
	return segment ?? null;
}

/** State code whichever era: `state` (string, or first element of an array), else the workflow state. */
function stateOf(fields: OperationFields, phase: WorkflowState | undefined): { state: string | null; stateLabel: string | null } {
	const workflowState = fields._embedded?.workflow?.state ?? fields._embedded?.state;
	const legacy = Array.isArray(fields.state) ? fields.state[0] : fields.state;
	const modern = workflowState?.reference ?? workflowState?.key ?? phase?.reference ?? phase?.key;
	const state = legacy ?? modern ?? null;
	// The label is only trusted when it describes the same state as the code we output.
	const labelSource = [workflowState, phase].find(
		(candidate) => candidate?.name !== undefined && (state === null || [candidate.reference, candidate.key].includes(state)),
	);
	return { state, stateLabel: labelSource?.name ?? null };
}

function readFields(resource: IdentifiedResource, where: string) {
	if (resource.resourceType === 'report') {
		const { data, warnings } = readBestEffort(reportSchema, resource.payload, where);
		return { fields: data, phase: data.phase, warnings };
	}
	const { data, warnings } = readBestEffort(operationSchema, resource.payload, where);
	return { fields: data, phase: undefined, warnings };
}

/**
 * The normalized fields of a report or operation, whichever payload era. Never fails: a field of an
 * unexpected shape gives null (or is left out of `links`) and a line in `warnings`, whose paths start
 * with `where`.
 */
export function normalizeResource(resource: IdentifiedResource, where = 'payload'): NormalizedResource {
	const { resourceType, id } = resource;
	const { fields, phase, warnings } = readFields(resource, where);
	const { state, stateLabel } = stateOf(fields, phase);
	const links = fields._links;
	return {
		resourceType,
		id,
		state,
		stateLabel,
		createdAt: fields.createdAt ?? null,
		updatedAt: fields.updatedAt ?? null,
		organizationId: idFromHref(firstHref(links?.organization)),
		reportId: resourceType === 'report' ? id : idFromHref(firstHref(links?.report ?? links?.parent)),
		links: flattenLinks(links),
		warnings,
	};
}
