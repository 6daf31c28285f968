'use strict';
// HTTP to one n8n instance (role "REST client" of test/harness/n8n.js): readiness, webhook URLs and
// calls, the owner's session, the API key and n8n's public API.
const { parseJsonOr } = require('../support/json');
const { waitUntil } = require('./wait');

const OWNER = { email: 'owner@keyclic.example', firstName: 'Keyclic', lastName: 'Tester', password: 'Keyclic-e2e-Passw0rd' };

class N8nClient {
	/** @param {import('./n8n').N8n} n8n the instance: baseUrl, webhookBases, version */
	constructor(n8n) {
		this.n8n = n8n;
		this.api = null;
		this.cookie = null;
	}

	/** Forgets the session and API key (after a stop: the next call makes them again). */
	reset() {
		this.api = null;
		this.cookie = null;
	}

	/**
	 * /healthz answers from the first second; while n8n migrates its database it serves a "starting up"
	 * page (HTTP 200, HTML, on every path, /rest/* included), then 404s, and only then the REST API.
	 * Ready means: /healthz/readiness says so (main and webhook processors) and the REST API answers as
	 * itself (an anonymous GET /rest/login is a JSON 401 from n8n's auth layer).
	 */
	async restReady() {
		for (const base of [this.n8n.baseUrl, ...(this.n8n.webhookBases || [])]) {
			if (!(await fetch(`${base}/healthz/readiness`)).ok) return false;
		}
		const r = await fetch(`${this.n8n.baseUrl}/rest/login`);
		const body = parseJsonOr(await r.text(), null);
		return r.status === 401 && body !== null && body.status === 'error';
	}

	/** Webhook bases that serve production calls: the main (regular) or each webhook processor (queue). */
	webhookServers() {
		const { webhookBases, baseUrl } = this.n8n;
		return webhookBases && webhookBases.length ? webhookBases : [baseUrl];
	}

	/**
	 * Production webhooks are registered several seconds after /healthz. A GET on a POST-only
	 * production webhook answers "…Did you mean to make a POST request?" once it is registered.
	 */
	async waitForWebhook(webhookPath, { timeoutMs = 120000, servers = this.webhookServers(), onPoll } = {}) {
		for (const base of servers) {
			await waitUntil(
				`webhook ${webhookPath} on ${base}`,
				async () => {
					const r = await fetch(`${base}/webhook/${webhookPath}`);
					return (await r.text()).includes('Did you mean to make a POST');
				},
				{ timeoutMs, onPoll },
			);
		}
	}

	/** Production URL of a trigger node with a fixed webhookId (`server` picks a webhook processor). */
	webhookUrl(webhookId, { query = '', server = 0, test = false } = {}) {
		const base = test ? this.n8n.baseUrl : this.webhookServers()[server];
		return `${base}/${test ? 'webhook-test' : 'webhook'}/${webhookId}/webhook${query}`;
	}

	/** POSTs a JSON (or raw string) body; returns { status, body, text }. */
	async post(url, body, { headers = {}, raw = false } = {}) {
		// a header given as null is not sent (with a Buffer body, fetch adds no content type either)
		const sent = Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).filter(([, v]) => v !== null));
		const r = await fetch(url, { method: 'POST', headers: sent, body: raw ? body : JSON.stringify(body) });
		const text = await r.text();
		return { status: r.status, body: parseJsonOr(text, undefined), text };
	}

	async rest(pathname, { method = 'GET', body, cookie } = {}) {
		const r = await fetch(`${this.n8n.baseUrl}${pathname}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': 'keyclic-e2e', ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = await r.json().catch(() => ({}));
		return { r, json };
	}

	/**
	 * The owner's session cookie: the owner is created the first time (later: a login), and the cookie is
	 * checked against the REST API before it is handed out, then kept for the instance's life (one login
	 * per instance also keeps clear of n8n's limit of 5 logins a minute per account). start() calls it
	 * before any workflow can run: see N8n.start.
	 */
	async login() {
		if (this.cookie) return this.cookie;
		const cookie = await this.newSession();
		const { r } = await this.rest('/rest/login', { cookie });
		if (r.status !== 200) {
			throw new Error(
				`n8n ${this.n8n.version} refused the owner session it had just issued (GET /rest/login -> HTTP ${r.status}): ` +
					'was the owner set up while a first production execution was finishing? (see N8n.start)',
			);
		}
		this.cookie = cookie;
		return cookie;
	}

	/** Creates the owner (first time) or logs in; returns the new session cookie. */
	async newSession() {
		let { r } = await this.rest('/rest/owner/setup', { method: 'POST', body: OWNER });
		if (r.status !== 200) {
			({ r } = await this.rest('/rest/login', {
				method: 'POST',
				body: { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
			}));
		}
		if (r.status !== 200) throw new Error(`n8n owner setup/login failed: HTTP ${r.status}`);
		return r.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
	}

	async apiKey() {
		if (this.api) return this.api;
		const scopes = [
			'execution:list',
			'execution:read',
			'workflow:list',
			'workflow:read',
			'workflow:create',
			'workflow:update',
			'workflow:activate',
			'workflow:deactivate',
		];
		const { r, json } = await this.rest('/rest/api-keys', {
			method: 'POST',
			cookie: await this.login(),
			body: { label: `e2e-${Date.now()}`, scopes, expiresAt: null },
		});
		const key = json && json.data && json.data.rawApiKey;
		if (!key) throw new Error(`n8n API key creation failed: HTTP ${r.status} ${JSON.stringify(json)}`);
		this.api = key;
		return this.api;
	}

	/** The error n8n recorded when it last failed to activate the workflow (null when none). */
	async activationError(workflowId) {
		const { r, json } = await this.rest(`/rest/active-workflows/error/${workflowId}`, { cookie: await this.login() });
		if (r.status !== 200) throw new Error(`GET /rest/active-workflows/error/${workflowId} -> ${r.status}`);
		return json.data === undefined ? null : json.data;
	}

	/** A call to n8n's public API (/api/v1): { status, body }. Activation errors come back here. */
	async publicApi(method, pathname, body) {
		const key = await this.apiKey();
		const r = await fetch(`${this.n8n.baseUrl}/api/v1${pathname}`, {
			method,
			headers: { 'X-N8N-API-KEY': key, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await r.text();
		return { status: r.status, body: parseJsonOr(text, text) };
	}
}

module.exports = { N8nClient, OWNER };
