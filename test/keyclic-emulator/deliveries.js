'use strict';
// Webhook notifications: POST {event, payload} (content-type application/json) to every enabled
// webhook of the organization subscribed to the event. Asynchronous, ordered per webhook, one attempt
// (no retries: Keyclic documents none), every attempt recorded. Only loopback URLs are contacted
// unless allowNonLoopbackDeliveries is set; other attempts are recorded as skipped.
const http = require('node:http');
const https = require('node:https');

const SNAKE = Object.freeze({
	reportCreated: 'report_created',
	reportStateChanged: 'report_state_changed',
	operationCreated: 'operation_created',
	operationStateChanged: 'operation_state_changed',
	operationRemoved: 'operation_removed',
});

const LOOPBACK_HOSTS = Object.freeze(['127.0.0.1', 'localhost', '[::1]']);

/** Wire name of an event: camelCase (default) or snake_case. */
function eventName(event, style) {
	return style === 'snake' ? SNAKE[event] || event : event;
}

function isLoopbackUrl(url) {
	try {
		return LOOPBACK_HOSTS.includes(new URL(url).hostname.toLowerCase());
	} catch {
		return false;
	}
}

class Deliveries {
	constructor(core) {
		this.core = core;
		/** every attempt, oldest first (the same array for the emulator's whole life) */
		this.records = [];
		this.queues = new Map();
		this.requests = new Set();
		this.pending = 0;
		this.generation = 0;
		this.closed = false;
		this.nextId = 1;
	}

	/** Queues one delivery per matching webhook; the payload is the snapshot taken now. */
	dispatch(event, organizationId, payload) {
		const hooks = [...this.core.store.webhooks.values()]
			.filter((w) => w.organizationId === organizationId && w.enabled && w.event === event)
			.sort((a, b) => a.seq - b.seq);
		const name = eventName(event, this.core.options.eventNames);
		const body = JSON.stringify({ event: name, payload });
		for (const hook of hooks) this.enqueue(hook.id, (gen) => this.deliver({ ...hook }, name, body, gen));
		return hooks.length;
	}

	enqueue(key, task) {
		const gen = this.generation;
		this.pending++;
		const next = (this.queues.get(key) || Promise.resolve())
			.then(() => (gen === this.generation && !this.closed ? task(gen) : undefined))
			.catch(() => undefined)
			.finally(() => {
				this.pending--;
				if (this.queues.get(key) === next) this.queues.delete(key);
				if (this.pending === 0) this.core.events.emit('idle');
			});
		this.queues.set(key, next);
	}

	async deliver(hook, event, body, gen) {
		const started = this.core.clock();
		const record = {
			id: this.nextId++,
			webhook: hook.id,
			organization: hook.organizationId,
			event,
			url: hook.payloadUrl,
			status: null,
			ok: false,
			error: null,
			skipped: false,
			time: new Date(started).toISOString(),
			durationMs: 0,
			body: JSON.parse(body),
		};
		if (!this.core.options.allowNonLoopbackDeliveries && !isLoopbackUrl(hook.payloadUrl)) {
			record.skipped = true;
			record.error = 'skipped: payloadUrl is not a loopback URL (set allowNonLoopbackDeliveries to deliver)';
		} else {
			const { status, error } = await this.post(hook.payloadUrl, body);
			record.status = status;
			record.error = error;
			record.ok = status !== null && status >= 200 && status < 300;
		}
		record.durationMs = this.core.clock() - started;
		if (gen !== this.generation || this.closed) return;
		this.records.push(record);
		this.core.events.emit('delivery', record);
	}

	/** One POST; resolves {status, error} and never rejects. */
	post(url, body) {
		return new Promise((resolve) => {
			let req;
			const done = (status, error) => {
				this.requests.delete(req);
				resolve({ status, error });
			};
			try {
				const u = new URL(url);
				const lib = u.protocol === 'https:' ? https : http;
				req = lib.request(u, {
					method: 'POST',
					agent: false,
					headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
				});
			} catch (err) {
				done(null, err.message);
				return;
			}
			this.requests.add(req);
			req.setTimeout(this.core.options.deliveryTimeoutMs, () =>
				req.destroy(new Error(`timeout after ${this.core.options.deliveryTimeoutMs} ms`)),
			);
			req.on('response', (res) => {
				res.resume();
				res.on('end', () => done(res.statusCode, null));
				res.on('error', (err) => done(res.statusCode, err.message));
			});
			req.on('error', (err) => done(null, err.message || err.code || String(err)));
			req.end(body);
		});
	}

	/** Forgets recorded and queued deliveries; in-flight ones finish unrecorded. */
	clear() {
		this.generation++;
		this.records.length = 0;
	}

	close() {
		this.closed = true;
		this.generation++;
		for (const req of this.requests) req.destroy();
		this.requests.clear();
	}

	/** Resolves with a copy of the records once at least n were recorded. */
	waitFor(n, timeoutMs = 5000) {
		return this.waitUntil(
			() => this.records.length >= n,
			'delivery',
			timeoutMs,
			() => `waitForDeliveries: expected ${n} deliveries, got ${this.records.length} after ${timeoutMs} ms`,
		).then(() => [...this.records]);
	}

	/** Resolves once no delivery is queued or in flight. */
	waitForIdle(timeoutMs = 5000) {
		return this.waitUntil(
			() => this.pending === 0,
			'idle',
			timeoutMs,
			() => `waitForIdle: ${this.pending} deliveries still pending after ${timeoutMs} ms`,
		).then(() => [...this.records]);
	}

	waitUntil(test, eventNameToWatch, timeoutMs, message) {
		if (test()) return Promise.resolve();
		const events = this.core.events;
		return new Promise((resolve, reject) => {
			const check = () => {
				if (!test()) return;
				cleanup();
				resolve();
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(message()));
			}, timeoutMs);
			timer.unref();
			const cleanup = () => {
				clearTimeout(timer);
				events.removeListener(eventNameToWatch, check);
			};
			events.on(eventNameToWatch, check);
		});
	}
}

module.exports = { Deliveries, eventName, isLoopbackUrl, SNAKE_EVENT_NAMES: SNAKE };
