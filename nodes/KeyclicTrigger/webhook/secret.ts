import { createHash, timingSafeEqual } from 'crypto';

/** Name of the query parameter that carries the secret in the URL given to Keyclic. */
export const TOKEN_QUERY_PARAMETER = 'token';

/** Minimum length accepted for a user-chosen secret (the credential test enforces it). */
export const MIN_TOKEN_LENGTH = 16;

export type TokenCheck = 'valid' | 'missing' | 'invalid';

/** Constant-time comparison: both sides are hashed first so lengths never leak. */
function sameSecret(expected: string, actual: string): boolean {
	const a = createHash('sha256').update(expected, 'utf8').digest();
	const b = createHash('sha256').update(actual, 'utf8').digest();
	return timingSafeEqual(a, b);
}

/** Checks the `token` query value of a call against the configured secret. */
export function checkToken(expected: string, received: unknown): TokenCheck {
	if (received === undefined || received === '') return 'missing';
	if (typeof received !== 'string') return 'invalid';
	return sameSecret(expected, received) ? 'valid' : 'invalid';
}

/** Problems with a secret chosen by the user, empty when it is fine. */
export function secretProblems(secret: string): string[] {
	const problems: string[] = [];
	if (secret.length < MIN_TOKEN_LENGTH) problems.push(`it must be at least ${MIN_TOKEN_LENGTH} characters long`);
	if (!/^[A-Za-z0-9._~-]*$/.test(secret)) {
		problems.push('it may only contain letters, digits and . _ ~ - (so it can be put in a URL unchanged)');
	}
	return problems;
}
