import { z } from 'zod/v4';

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
