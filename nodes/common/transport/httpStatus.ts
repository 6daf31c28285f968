/**
 * The HTTP status of a failed request, whichever n8n helper threw it: `httpCode` (NodeApiError),
 * `statusCode` (the request helpers) or `response.status` (httpRequest's axios-like error). Used by the
 * transport and by the credential's login.
 */
export function httpStatusOf(error: unknown): number | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const response = 'response' in error ? error.response : undefined;
	const candidates = [
		'httpCode' in error ? error.httpCode : undefined,
		'statusCode' in error ? error.statusCode : undefined,
		typeof response === 'object' && response !== null && 'status' in response ? response.status : undefined,
	];
	for (const value of candidates) {
		const n = Number(value);
		if (value !== null && value !== '' && Number.isInteger(n) && n > 0) return n;
	}
	return undefined;
}
