import { z } from 'zod/v4';

// Shapes of the Keyclic API answers the nodes rely on (docs/keyclic-api.md §1, §4): only what is used is checked.

export const webhookSchema = z.looseObject({
	id: z.string(),
	event: z.string(),
	payloadUrl: z.string(),
	enabled: z.boolean().optional(),
});

export const organizationSchema = z.looseObject({ id: z.string(), name: z.string().optional() });

export type KeyclicWebhook = z.infer<typeof webhookSchema>;

/** Answers whose body does not matter (204 No Content of DELETE). */
export const anyAnswer = z.unknown();
