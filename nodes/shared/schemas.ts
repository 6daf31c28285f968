import { z } from 'zod';

import { fastAccept } from './fastAccept';
import type { Accept } from './fastAccept';

// zod schemas for what Keyclic POSTs, tolerant of both payload eras (see README "Payload eras"):
//  - 2018-2020: top-level `state` (a string in the docs, an array in the spec) + `_embedded.stateTransitions`;
//  - 2021-2025: no `state`; the state is `_embedded.workflow.state` (and `phase` on reports).
// Every object is `passthrough()`: unknown HAL fields are kept, never dropped.
// Valid payloads are accepted by predicates derived from these schemas (fastAccept.ts: same verdicts,
// without zod's per-call copies); zod itself runs when a payload is not accepted, and says why.

const dateTime = z
	.string()
	.refine((value) => !Number.isNaN(Date.parse(value)), { message: 'must be an ISO 8601 date-time' });

const halLink = z.object({ href: z.string() }).passthrough();

/** `_links.<rel>`: `{href}`, an array of them (images, equipments), or a bare string (the 2018 doc sample). */
const halLinkValue = z.union([halLink, z.array(halLink), z.string()]);

const workflowState = z
	.object({
		reference: z.string().optional(),
		key: z.string().optional(),
		name: z.string().optional(),
	})
	.passthrough();

const embedded = z
	.object({
		workflow: z.object({ state: workflowState.optional() }).passthrough().optional(),
		// string[] in the spec; the 2018 doc sample (the one with bare-string `_links`) has a string ("...").
		stateTransitions: z.union([z.array(z.string()), z.string()]).optional(),
	})
	.passthrough();

const resourceFields = {
	id: z.string().uuid({ message: 'must be a UUID' }),
	state: z.union([z.string(), z.array(z.string())]).optional(),
	createdAt: dateTime.optional(),
	updatedAt: dateTime.optional(),
	_links: z.record(halLinkValue).optional(),
	_embedded: embedded.optional(),
};

export const reportSchema = z
	.object({ type: z.literal('Report'), ...resourceFields, phase: workflowState.optional() })
	.passthrough();

export const operationSchema = z.object({ type: z.literal('Operation'), ...resourceFields }).passthrough();

export const PAYLOAD_SCHEMAS = { report: reportSchema, operation: operationSchema } as const;

/** Fast "zod would accept this" predicates of the payload schemas (undefined if a schema ever transforms). */
export const PAYLOAD_ACCEPT: Record<ResourceType, Accept | undefined> = {
	report: fastAccept(reportSchema),
	operation: fastAccept(operationSchema),
};

/** Report or operation. */
export type ResourceType = 'report' | 'operation';

export type Report = z.infer<typeof reportSchema>;
export type Operation = z.infer<typeof operationSchema>;
export type KeyclicResource = Report | Operation;
export type HalLinkValue = z.infer<typeof halLinkValue>;

/** What a report or an operation normalizes to: the fields the trigger's items (and any node's simplified output) carry. */
export type NormalizedResource = {
	resourceType: ResourceType;
	/** Report or operation UUID. */
	id: string;
	/** State code (`NEW`, `ACCEPTED`, `IN_PROGRESS`…), whichever payload era; null if the payload has none. */
	state: string | null;
	/** Human label of the state in the organization's language, when the payload has one. */
	stateLabel: string | null;
	createdAt: string | null;
	updatedAt: string | null;
	/** Organization that owns the resource (from `_links.organization`), when present. */
	organizationId: string | null;
	/** The report this item belongs to: the report's own id, or an operation's parent report. */
	reportId: string | null;
	/** HAL links flattened to rel → href (an array of hrefs for multi-valued rels). */
	links: Record<string, string | string[]>;
};
