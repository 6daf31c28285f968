// Keyclic identifies every resource (organization, report, operation, member…) by a UUID.

/** A Keyclic ID, as the pattern of n8n's `regex` parameter validation (a string) and of isUuid(). */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** What the editor shows in an empty ID field, and what error messages give as an example. */
export const UUID_EXAMPLE = '2cfb5108-682f-4648-85a1-0f15dbca0780';

const uuid = new RegExp(UUID_PATTERN);

/** Whether `value` is a Keyclic ID. */
export function isUuid(value: string): boolean {
	return uuid.test(value);
}
