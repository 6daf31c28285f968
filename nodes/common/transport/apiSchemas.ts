import { z } from 'zod/v4';

// Shapes of the Keyclic API answers the trigger relies on (docs/keyclic-api.md §1, §4): only what is used is checked.

export const webhookSchema = z.looseObject({
	id: z.string(),
	event: z.string(),
	payloadUrl: z.string(),
	enabled: z.boolean().optional(),
});

export const organizationSchema = z.looseObject({ id: z.string(), name: z.string().optional() });

export type KeyclicWebhook = z.infer<typeof webhookSchema>;
export type KeyclicOrganization = z.infer<typeof organizationSchema>;

/** What the trigger keeps in the workflow's static data (persisted by n8n with the workflow). */
export const registrationStateSchema = z.object({
	webhookToken: z.string().optional(),
	// n8n's static-data proxy adds its own `__dataChanged: boolean` to nested objects: keep the string ids only
	webhookIds: z
		.record(z.string(), z.unknown())
		.transform((ids) => Object.fromEntries(Object.entries(ids).filter((entry): entry is [string, string] => typeof entry[1] === 'string')))
		.optional(),
	organization: z.string().optional(),
});

export type RegistrationState = z.infer<typeof registrationStateSchema>;

/** Answers whose body does not matter (204 No Content of DELETE). */
export const anyAnswer = z.unknown();
