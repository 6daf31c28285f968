// n8n's outbound HTTP client (see n8n.ts) answered by the Keyclic emulator (test/keyclic-emulator), started in process
// on a free port: the request n8n authenticated goes over real HTTP, and an error status is thrown the way n8n's
// client throws it (message + response.status + response.data), so n8n wraps it as it would in production.
import type { IHttpRequestOptions } from 'n8n-workflow';

import type { HttpHandler } from './n8n';

export function emulatorHttp(): HttpHandler {
	return async (options: IHttpRequestOptions) => {
		const url = new URL(options.url);
		for (const [key, value] of Object.entries(options.qs ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[key.toLowerCase()] = String(value);
		const hasBody = options.body !== undefined && options.method !== 'GET' && options.method !== 'DELETE';
		if (hasBody) headers['content-type'] = 'application/json';
		const res = await fetch(url, { method: options.method ?? 'GET', headers, body: hasBody ? JSON.stringify(options.body) : undefined });
		const text = await res.text();
		const data: unknown = text ? JSON.parse(text) : undefined;
		if (!res.ok) {
			throw Object.assign(new Error(`Request failed with status code ${res.status}`), {
				httpCode: String(res.status),
				response: { status: res.status, data: data ?? {} },
			});
		}
		return data;
	};
}
