// A fake Keyclic API behind n8n's HTTP client (see n8n.ts): in-memory webhooks, organizations and
// reports/operations, routed by method + path, every request recorded. n8n's own
// httpRequestWithAuthentication gets the credential, authenticates the request and wraps errors; the
// errors thrown here are shaped like the ones n8n's HTTP client throws (message + response.status).
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { passedRequest } from './n8n';
import type { HttpHandler } from './n8n';

/** Base URL of the "Keyclic API" credential in these tests (not a real host). */
export const API_BASE_URL = 'https://api.keyclic.example';

export interface FakeWebhook {
	id: string;
	event: string;
	payloadUrl: string;
	organization: string;
	enabled?: boolean;
}

export interface FakeOrganization {
	id: string;
	name?: string;
}

export interface ApiRequest {
	/** Credential type asked of httpRequestWithAuthentication. */
	credentialType: string;
	method: string;
	url: string;
	/** Path below the host, without the query string. */
	path: string;
	qs: IDataObject;
	body: unknown;
	/** The request options exactly as the trigger passed them (before n8n authenticated them). */
	options: IHttpRequestOptions;
	/** The headers n8n sent (with the credential's authentication). */
	headers: IDataObject;
}

/** An error like n8n's HTTP client throws for an HTTP error status (axios-like). */
export function httpError(status: number): Error {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		httpCode: String(status),
		response: { status, data: {} },
	});
}

type Next = () => Promise<unknown>;

/** Answers a request instead of the default routes; `next()` runs the default route. May throw. */
export type Interceptor = (request: ApiRequest, next: Next) => unknown;

interface Interception {
	method: string;
	path: string | RegExp;
	respond: Interceptor;
}

/** The signature of `helpers.httpRequestWithAuthentication` as a node calls it. */
export type AuthenticatedRequest = (credentialType: string, options: IHttpRequestOptions) => Promise<unknown>;

export class FakeKeyclicApi {
	webhooks: FakeWebhook[] = [];

	organizations: FakeOrganization[] = [];

	/** Bodies of GET `/reports/<id>` and `/operations/<id>`, by path. */
	resources = new Map<string, IDataObject>();

	requests: ApiRequest[] = [];

	private interceptions: Interception[] = [];

	private lastId = 0;

	/** Adds a webhook as if it had been created earlier (by us or by someone else); returns it. */
	addWebhook(webhook: Omit<FakeWebhook, 'id'> & { id?: string }): FakeWebhook {
		const stored: FakeWebhook = { enabled: true, ...webhook, id: webhook.id ?? this.newId() };
		this.webhooks.push(stored);
		return stored;
	}

	/** Routes `method path` (exact path or a RegExp on it) to `respond` before the default routes. */
	intercept(method: string, path: string | RegExp, respond: Interceptor): void {
		this.interceptions.push({ method, path, respond });
	}

	/** Requests with this method (and path, when given). */
	calls(method: string, path?: string | RegExp): ApiRequest[] {
		return this.requests.filter((request) => request.method === method && (path === undefined || matches(path, request.path)));
	}

	/**
	 * Answers what n8n's HTTP client sends, `request(options)`: give it as `api`/`http` to the builders of
	 * n8n.ts. Also callable as a hand-made `httpRequestWithAuthentication(credentialType, options)`.
	 */
	readonly request = (async (first: string | IHttpRequestOptions, second?: IHttpRequestOptions): Promise<unknown> => {
		const sent = typeof first === 'string' ? (second as IHttpRequestOptions) : first;
		const passed = typeof first === 'string' ? { credentialType: first, options: sent } : passedRequest(sent);
		const url = new URL(sent.url);
		const request: ApiRequest = {
			credentialType: passed?.credentialType ?? '',
			method: sent.method ?? 'GET',
			url: sent.url,
			path: url.pathname,
			qs: { ...(sent.qs ?? {}) },
			body: sent.body,
			options: passed?.options ?? sent,
			headers: { ...(sent.headers ?? {}) },
		};
		this.requests.push(request);
		const next = async () => await this.route(request);
		const interception = this.interceptions.find((i) => i.method === request.method && matches(i.path, request.path));
		if (interception) return await interception.respond(request, next);
		return await next();
	}) as HttpHandler & AuthenticatedRequest;

	private newId(): string {
		this.lastId += 1;
		return `webhook-${this.lastId}`;
	}

	private async route(request: ApiRequest): Promise<unknown> {
		const { method, path } = request;
		// n8n logs in again (the credential's preAuthentication) when Keyclic answers 401
		if (method === 'POST' && path === '/security/login') return { accessToken: `example-access-token-${this.newId()}` };
		const webhookList = path.match(/^\/organizations\/([^/]+)\/webhooks$/);
		if (method === 'GET' && webhookList) {
			const organization = decodeURIComponent(webhookList[1]);
			return halPage(
				this.webhooks.filter((w) => w.organization === organization),
				request.qs,
			);
		}
		if (method === 'GET' && path === '/organizations') return halPage(this.organizations, request.qs);
		if (method === 'POST' && path === '/webhooks') {
			const body = request.body as IDataObject;
			return {
				...this.addWebhook({
					event: String(body.event),
					organization: String(body.organization),
					payloadUrl: String(body.payloadUrl),
				}),
				_links: { self: { href: '/webhooks/created' } },
			};
		}
		const webhookPath = path.match(/^\/webhooks\/([^/]+)$/);
		if (method === 'DELETE' && webhookPath) {
			const id = decodeURIComponent(webhookPath[1]);
			const index = this.webhooks.findIndex((w) => w.id === id);
			if (index < 0) throw httpError(404);
			this.webhooks.splice(index, 1);
			return '';
		}
		const resource = this.resources.get(path);
		if (method === 'GET' && resource) return JSON.parse(JSON.stringify(resource)) as IDataObject;
		throw httpError(404);
	}
}

function matches(pattern: string | RegExp, path: string): boolean {
	return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

/** `{page, pages, limit, total, _embedded: {items}}` for the requested page (1-based, `limit` per page). */
export function halPage<T extends object>(all: T[], qs: IDataObject): IDataObject {
	const page = Number(qs.page ?? 1);
	const limit = Number(qs.limit ?? 10);
	const items = all.slice((page - 1) * limit, page * limit).map((item) => ({ ...item }));
	return { page, pages: Math.max(1, Math.ceil(all.length / limit)), limit, total: all.length, _embedded: { items } };
}
