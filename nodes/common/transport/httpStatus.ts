import { read } from '../guards';

/**
 * The HTTP status of a failed request, whichever n8n helper threw it: `httpCode` (NodeApiError),
 * `statusCode` (the request helpers) or `response.status` (httpRequest's axios-like error). Used by the
 * transport and by the credential's login.
 */
export function httpStatusOf(error: unknown): number | undefined {
	for (const value of [read(error, 'httpCode'), read(error, 'statusCode'), read(read(error, 'response'), 'status')]) {
		const n = Number(value);
		if (value !== null && value !== '' && Number.isInteger(n) && n > 0) return n;
	}
	return undefined;
}
