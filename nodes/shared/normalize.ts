import type { IDataObject } from 'n8n-workflow';
import type { z } from 'zod';

import { PAYLOAD_ACCEPT, PAYLOAD_SCHEMAS } from './schemas';
import type { HalLinkValue, KeyclicResource, NormalizedResource, ResourceType } from './schemas';

export type ResourceCheck = { ok: true; resource: KeyclicResource } | { ok: false; problems: string[] };

export const RESOURCE_TYPE_NAMES: Record<ResourceType, 'Report' | 'Operation'> = { report: 'Report', operation: 'Operation' };

/** zod issues as `path: message` lines, the path prefixed (`payload.createdAt: …`). */
export function describeIssues(error: z.ZodError, prefix: string): string[] {
	return error.issues.map((issue) => {
		const where = [prefix, ...issue.path].filter((part) => part !== '').join('.');
		return `${where || 'body'}: ${issue.message}`;
	});
}

/** Is this object a Keyclic report (or operation) the normalization can read? `prefix` names it in problems. */
export function checkResource(resourceType: ResourceType, payload: IDataObject, prefix = 'payload'): ResourceCheck {
	// Fast path (fastAccept.ts): the schema accepts the payload and never transforms, so the payload itself
	// is the resource; zod's parse would only have copied it.
	if (PAYLOAD_ACCEPT[resourceType]?.(payload)) return { ok: true, resource: payload as KeyclicResource };
	const parsed = PAYLOAD_SCHEMAS[resourceType].safeParse(payload);
	if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error, prefix) };
	return { ok: true, resource: parsed.data };
}

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
function stateOf(resource: KeyclicResource): { state: string | null; stateLabel: string | null } {
	const workflowState = resource._embedded?.workflow?.state;
	const phase = resource.type === 'Report' ? resource.phase : undefined;
	const legacy = Array.isArray(resource.state) ? resource.state[0] : resource.state;
	const modern = workflowState?.reference ?? workflowState?.key ?? phase?.reference ?? phase?.key;
	const state = legacy ?? modern ?? null;
	// The label is only trusted when it describes the same state as the code we output.
	const labelSource = [workflowState, phase].find(
		(candidate) => candidate?.name !== undefined && (state === null || [candidate.reference, candidate.key].includes(state)),
	);
	return { state, stateLabel: labelSource?.name ?? null };
}

/** Id of the organization that owns the resource (from `_links.organization`), if any. */
export function organizationOf(resource: KeyclicResource): string | null {
	return idFromHref(firstHref(resource._links?.organization));
}

/** The normalized fields of a report or operation, whichever payload era. */
export function normalizeResource(resourceType: ResourceType, resource: KeyclicResource): NormalizedResource {
	const { state, stateLabel } = stateOf(resource);
	const links = resource._links;
	return {
		resourceType,
		id: resource.id,
		state,
		stateLabel,
		createdAt: resource.createdAt ?? null,
		updatedAt: resource.updatedAt ?? null,
		organizationId: organizationOf(resource),
		reportId: resourceType === 'report' ? resource.id : idFromHref(firstHref(links?.report)),
		links: flattenLinks(links),
	};
}
