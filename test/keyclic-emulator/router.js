'use strict';
// Minimal method + path router: '/webhooks/:webhook' style patterns.

class Router {
	/** @param {string} [era] the emulator's era: routes registered with `eras` not listing it are left out (→ 404). */
	constructor(era, part = 'all') {
		this.era = era;
		/** 'all', 'v2' (without the Tickets API routes) or 'v3' (only them, and the control routes): option ticketsHost. */
		this.part = part;
		this.routes = [];
	}

	/**
	 * @param {string} method
	 * @param {string} pattern e.g. '/organizations/:organization/webhooks'
	 * @param {(ctx: object) => Promise<{status: number, body?: any, headers?: object}>|object} handler
	 * @param {{public?: boolean, control?: boolean}} [opts] public: no bearer, app key optional;
	 *   control: emulator control route (no app key, no bearer, no faults)
	 *   eras: the eras that have the route (default: all)
	 *   api: 'v3' for the Tickets API (s25v3) routes
	 */
	add(method, pattern, handler, opts = {}) {
		if (opts.eras && this.era && !opts.eras.includes(this.era)) return this;
		if ((this.part === 'v2' && opts.api === 'v3') || (this.part === 'v3' && opts.api !== 'v3' && !opts.control)) return this;
		const keys = [];
		const source = pattern.replace(/:(\w+)/g, (_, k) => {
			keys.push(k);
			return '([^/]+)';
		});
		this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`), keys, handler, ...opts });
		return this;
	}

	/** {route, params} | {allowed: string[]} (path known, method not) | null */
	match(method, pathname) {
		const allowed = [];
		for (const route of this.routes) {
			const m = route.regex.exec(pathname);
			if (!m) continue;
			if (route.method !== method) {
				allowed.push(route.method);
				continue;
			}
			const params = {};
			route.keys.forEach((k, i) => {
				params[k] = decodeURIComponent(m[i + 1]);
			});
			return { route, params };
		}
		return allowed.length ? { allowed } : null;
	}
}

module.exports = { Router };
