import { z } from 'zod';

// Shapes of the Keyclic API answers the trigger relies on (API.md §5): only what is used is checked.

export const webhookSchema = z
	.object({
		id: z.string(),
		event: z.string(),
		payloadUrl: z.string(),
		enabled: z.boolean().optional(),
	})
	.passthrough();

export const organizationSchema = z.object({ id: z.string(), name: z.string().optional() }).passthrough();

/** A HAL page: `{page, pages, _embedded: {items: [...]}}`. */
export function pageSchema<T extends z.ZodTypeAny>(item: T) {
	return z
		.object({
			page: z.coerce.number().optional(),
			pages: z.coerce.number().optional(),
			_embedded: z.object({ items: z.array(item) }).passthrough().optional(),
		})
		.passthrough();
}

export type KeyclicWebhook = z.infer<typeof webhookSchema>;
export type KeyclicOrganization = z.infer<typeof organizationSchema>;

/** What the trigger keeps in the workflow's static data (persisted by n8n with the workflow). */
export const registrationStateSchema = z.object({
	webhookToken: z.string().optional(),
	webhookIds: z.record(z.string()).optional(),
	organization: z.string().optional(),
});

export type RegistrationState = z.infer<typeof registrationStateSchema>;

/** Answers whose body does not matter (204 No Content of DELETE). */
export const anyAnswer = z.unknown();
