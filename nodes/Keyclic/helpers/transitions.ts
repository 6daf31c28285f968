import type { INodeListSearchItems } from 'n8n-workflow';
import { z } from 'zod/v4';

// The transitions a report or operation allows now, as the resource itself lists them (docs/keyclic-api.md §5):
// `_embedded.workflow.transitions[]` ({id, name, from, to}, API 2020+), else the legacy
// `_embedded.stateTransitions` names (2018–2020). Which of id or name the 2020+ API expects in
// `transition` is not documented: the node sends what the resource lists (the id when there is one).

const stateRef = z.object({ name: z.string().optional(), reference: z.string().optional(), key: z.string().optional() }).loose();

const transitionsOf = z
	.object({
		_embedded: z
			.object({
				workflow: z
					.object({
						transitions: z.array(z.object({ id: z.string(), name: z.string().optional(), to: stateRef.optional() }).loose()).optional(),
					})
					.loose()
					.optional(),
				stateTransitions: z.array(z.string()).optional(),
			})
			.loose()
			.optional(),
	})
	.loose();

/** Picker entries for the transitions `resource` lists (empty when it lists none or is not a resource). */
export function transitionChoices(resource: unknown): INodeListSearchItems[] {
	const parsed = transitionsOf.safeParse(resource);
	if (!parsed.success) return [];
	const embedded = parsed.data._embedded;
	const modern = embedded?.workflow?.transitions ?? [];
	if (modern.length > 0) {
		return modern.map((t) => {
			const to = t.to?.name ?? t.to?.reference ?? t.to?.key;
			const label = t.name ?? t.id;
			return { name: to ? `${label} → ${to}` : label, value: t.id };
		});
	}
	return (embedded?.stateTransitions ?? []).map((name) => ({ name, value: name }));
}
