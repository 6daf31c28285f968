import { z } from 'zod/v4';

// What the normalization reads of a Keyclic report or operation (docs/keyclic-trigger.md "Output", "Payload eras").
// Keyclic's serialization has changed several times, so none of this refuses a resource: identity (its
// `type` and `id`, see identify() in normalize.ts) is the only strict part. Every field below is read
// best-effort: a field of another shape is left out of the normalized item and named in its `warnings`.
//  - 2018-2020: top-level `state` (a string in the docs, an array in the spec);
//  - 2021-2025: no `state`; the state is `_embedded.workflow.state` (and `phase` on reports);
//  - a ticket (2025 Tickets API): `_embedded.state`, and an operation's report is `_links.parent`.
// Fields nobody reads are not checked, and zod's output keeps only the fields read (`payload`, in the item,
// is the object Keyclic sent, untouched).

/** Report or operation. */
export type ResourceType = 'report' | 'operation';

/** The `type` Keyclic gives each resource type. */
export const RESOURCE_TYPE_NAMES: Record<ResourceType, 'Report' | 'Operation'> = { report: 'Report', operation: 'Operation' };

const NOT_DATE = 'not an ISO 8601 date-time';

/** A date-time as Keyclic writes them (`2024-03-14T08:47:12+01:00`); anything `Date` can read from `YYYY-MM-DD…`. */
const dateTime = z
	.string({ error: NOT_DATE })
	.refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), { error: NOT_DATE });

const text = z.string({ error: 'not a string' });

const halLink = z.object({ href: text });

/** A rel name; `__proto__` would become the prototype of zod's copy of `_links`, so it is not one. */
const rel = z.string().refine((name) => name !== '__proto__', { error: 'not a link name' });

/** `_links.<rel>`: `{href}`, an array of them (images, equipments), or a bare string (the 2018 doc sample). */
const halLinkValue = z.union([halLink, z.array(halLink), z.string()], {
	error: 'not a link: expected {"href": "…"}, an array of them or a string',
});

const workflowState = z.object({ reference: text.optional(), key: text.optional(), name: text.optional() }, { error: 'not an object' });

const resourceShape = {
	state: z.union([z.string(), z.array(z.string())], { error: 'not a string or an array of strings' }).optional(),
	createdAt: dateTime.optional(),
	updatedAt: dateTime.optional(),
	_links: z.record(rel, halLinkValue, { error: 'not an object of links' }).optional(),
	_embedded: z
		.object(
			{
				workflow: z.object({ state: workflowState.optional() }, { error: 'not an object' }).optional(),
				// a ticket of the Tickets API (2025 "v3"): its state, a WorkflowState
				state: workflowState.optional(),
			},
			{ error: 'not an object' },
		)
		.optional(),
};

/** What the normalization reads of a report (era-specific `phase` included). */
export const reportSchema = z.object({ ...resourceShape, phase: workflowState.optional() });

/** What the normalization reads of an operation. */
export const operationSchema = z.object(resourceShape);

export type ReportFields = z.infer<typeof reportSchema>;
export type OperationFields = z.infer<typeof operationSchema>;
export type HalLinkValue = z.infer<typeof halLinkValue>;

/** What a report or an operation normalizes to: the fields the trigger's items (and any node's simplified output) carry. */
export type NormalizedResource = {
	resourceType: ResourceType;
	/** Report or operation id (a UUID). */
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
	/** Fields of an unexpected shape, left out of the fields above (`payload.createdAt: not an ISO 8601 date-time`); empty when all is well. */
	warnings: string[];
};
