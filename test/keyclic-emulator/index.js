'use strict';
// Local Keyclic API emulator (test tool). See docs/emulator.md.
//   const { createEmulator } = require('./test/keyclic-emulator');
//   const emu = await createEmulator({ port: 0 });  …  await emu.close();
const { normalizeOptions } = require('./options');
const { createCore } = require('./core');
const { createServer } = require('./server');
const { buildRouter } = require('./routes');
const { parseFaultRequest, initialFaults } = require('./faults');
const { snapshot } = require('./snapshot');
const seed = require('./seed');
const { PLACES, addPlace } = require('./model/places');
const { addCategory } = require('./routes/categories');
const { WEBHOOK_EVENTS } = require('./model/webhooks');
const reports = require('./model/reports');
const operations = require('./model/operations');
const webhooks = require('./model/webhooks');
const { serializeReport, serializeOperation, serializeWebhook } = require('./serialize');
const { activityPage } = require('./model/comments');
const { createFileHost } = require('./files/host');
const { SAMPLE_PHOTOS, SAMPLE_DOCUMENT } = require('./files/samples');
const files = require('./model/files');
const crypto = require('node:crypto');

/** What a test needs of a stored file: its id, name, MIME type, size, SHA-256 and where its bytes are. */
const fileInfo = (core, f) => ({
	id: f.id,
	name: f.name,
	contentType: f.contentType,
	size: f.bytes.length,
	sha256: crypto.createHash('sha256').update(f.bytes).digest('hex'),
	href: files.fileHref(core, f),
	bytes: f.bytes,
});

function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.removeListener('error', reject);
			resolve(server.address().port);
		});
	});
}

function stopListening(server) {
	return new Promise((resolve) => {
		if (!server.listening) return resolve();
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

function seedSampleData(core) {
	const actor = core.store.people.get(seed.DEMO_USER.id);
	for (const [index, s] of seed.SAMPLE_REPORTS.entries()) {
		const r = reports.createReport(core, actor, {
			organization: s.organization,
			description: s.description,
			tags: s.tags,
			priority: s.priority,
		});
		for (const transition of s.transitions) reports.transitionReport(core, actor, r.id, { transition });
		for (const op of s.operations) operations.createOperation(core, actor, { report: r.id, ...op });
		if (index === 0) {
			for (const photo of SAMPLE_PHOTOS) files.addFile(core, { kind: 'report', id: r.id }, 'photo', photo);
			const doc = files.addFile(core, { kind: 'report', id: r.id }, 'document', SAMPLE_DOCUMENT);
			Object.assign(doc, { documentType: null, targetGroup: null, container: null, createdBy: actor.id, updatedAt: doc.createdAt });
		}
	}
}

/**
 * Starts an emulator on 127.0.0.1 (or ::1).
 * @param {object} [options] see docs/emulator.md, Options (port, host, eventNames, payloadEra, tokenLifetimeSeconds, jwtSecret,
 *   appKeys, allowNonLoopbackDeliveries, deliveryTimeoutMs, seedSampleData, utcOffsetMinutes, clock, stateMachines)
 */
async function createEmulator(options = {}) {
	const opts = normalizeOptions(options);
	const core = createCore(opts);
	const separate = opts.ticketsHost === 'separate';
	const server = createServer(core, buildRouter(opts.payloadEra, separate ? 'v2' : 'all'));
	core.fileHost = await createFileHost(() => core.store.files, { host: opts.host }).listen();
	const port = await listen(server, opts.port, opts.host);
	const hostUrl = (p) => `http://${opts.host === '::1' ? '[::1]' : opts.host}:${p}`;
	const url = hostUrl(port);
	// option ticketsHost 'separate': the Tickets API on a port of its own (the same data, faults and contract)
	const ticketsServer = separate ? createServer(core, buildRouter(opts.payloadEra, 'v3')) : null;
	const ticketsUrl = ticketsServer ? hostUrl(await listen(ticketsServer, 0, opts.host)) : url;
	const demo = () => core.store.people.get(seed.DEMO_USER.id);
	if (opts.seedSampleData) seedSampleData(core);

	/** Follows faults.down === 'refuse': stop or resume listening on the same port. */
	async function syncListening() {
		if (core.closed) return;
		if (core.faults.down === 'refuse' && server.listening) await stopListening(server);
		else if (core.faults.down !== 'refuse' && !server.listening) await listen(server, port, opts.host);
	}

	const emu = {
		url,
		/** Where the Tickets API ("v3") answers: `url`, or its own host with the option ticketsHost 'separate'. */
		ticketsUrl,
		port,
		host: opts.host,
		options: opts,
		events: core.events,
		store: core.store,
		seed: Object.freeze({
			user: seed.DEMO_USER,
			technician: seed.TECHNICIAN,
			organizations: seed.ORGANIZATIONS,
			foreignOrganization: seed.FOREIGN_ORGANIZATION,
			appKey: opts.appKeys[0],
			appKeys: opts.appKeys,
			webhookEvents: WEBHOOK_EVENTS,
			places: PLACES,
		}),
		/** Plain copy of webhooks, reports, operations, faults and delivery counts. */
		get state() {
			return snapshot(core);
		},
		/** Every delivery attempt (live array, cleared by reset()/clearDeliveries()). */
		get deliveries() {
			return core.deliveries.records;
		},
		get faults() {
			return { ...core.faults };
		},
		info() {
			return {
				url,
				credentials: { login: seed.DEMO_USER.login, password: seed.DEMO_USER.password },
				appKey: opts.appKeys[0],
				organizations: seed.ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name })),
				technician: { personId: seed.TECHNICIAN.id, memberId: seed.TECHNICIAN.membershipId, organization: seed.ORGANIZATIONS[0].id },
				errorFormat: core.errorFormat,
				eventNames: opts.eventNames,
				payloadEra: opts.payloadEra,
				webhookEvents: WEBHOOK_EVENTS,
				ticketsUrl,
				now: core.date(core.clock()),
			};
		},
		/** The emulator's time (ms): its clock option, moved by advanceClock. */
		now: () => core.clock(),
		/** Moves the emulator's clock by `ms` (an hour later: 3600000); every later date, bound and token expiry follow. */
		advanceClock(ms) {
			if (!Number.isFinite(ms)) throw new TypeError('advanceClock(ms) takes a number of milliseconds');
			core.clockOffsetMs += ms;
			return core.clock();
		},
		/** Applies fault switches/actions (see faults.js); resolves with the current switches. */
		async setFault(input) {
			const { set, reset, expireTokens } = parseFaultRequest(input);
			if (reset) Object.assign(core.faults, initialFaults());
			Object.assign(core.faults, set);
			if (expireTokens) core.tokens.expireAll();
			await syncListening();
			return { ...core.faults };
		},
		/** 'vnd' (vnd.error, API ≤ 2.17.1) or 'problem' (later API): the format of every error body from now on. */
		setErrorFormat(format) {
			if (format !== 'vnd' && format !== 'problem') throw new TypeError('errorFormat must be "vnd" or "problem"');
			core.errorFormat = format;
		},
		get errorFormat() {
			return core.errorFormat;
		},
		/** Back to the seed: no webhooks/reports/operations/deliveries, no faults. Tokens stay valid. */
		async reset() {
			core.deliveries.clear();
			core.store.reset();
			core.fileHost.requests.length = 0;
			core.fileRequests.length = 0;
			Object.assign(core.faults, initialFaults());
			core.errorFormat = opts.errorFormat;
			core.clockOffsetMs = 0;
			await syncListening();
			if (opts.seedSampleData) seedSampleData(core);
		},
		seedSampleData: () => seedSampleData(core),
		/** The local file host serving photo and document bytes (url, requests it received). */
		get fileHost() {
			return { url: core.fileHost.url, requests: core.fileHost.requests };
		},
		/** Requests the API's own file route received (option fileLinks 'api'). */
		get fileRequests() {
			return core.fileRequests;
		},
		/** Adds a place / a category to an organization ({organizationId, name}); reset() forgets them. */
		addPlace: (place) => ({ ...addPlace(core, place) }),
		addCategory: (category) => ({ ...addCategory(core, category) }),
		/** Stores a photo on a report (its feedback) or an operation: {name, contentType, bytes}. */
		addPhoto: (kind, id, file) => fileInfo(core, files.addFile(core, { kind, id }, 'photo', file)),
		/** The photos of a report or operation, oldest first. */
		photos: (kind, id) => files.filesOf(core, kind, id, 'photo').map((f) => fileInfo(core, f)),
		/** The documents of a report or operation, oldest first. */
		documents: (kind, id) => files.filesOf(core, kind, id, 'document').map((f) => fileInfo(core, f)),
		clearDeliveries: () => core.deliveries.clear(),
		waitForDeliveries: (n, timeoutMs) => core.deliveries.waitFor(n, timeoutMs),
		waitForIdle: (timeoutMs) => core.deliveries.waitForIdle(timeoutMs),
		/** A valid bearer token for the demo user (no HTTP call). */
		issueToken: () => core.tokens.issue(demo()),
		/** Headers for an authenticated API call as the demo user. */
		authHeaders: () => ({
			'x-keyclic-app': opts.appKeys[0],
			authorization: `Bearer ${core.tokens.issue(demo())}`,
			'content-type': 'application/json',
		}),
		// Domain helpers acting as the demo user; same validation and notifications as the HTTP routes.
		createWebhook: (body) => serializeWebhook(core, webhooks.createWebhook(core, demo(), body)),
		/** As PATCH /webhooks/{id} ({event?, payloadUrl?}) and DELETE /webhooks/{id} (no HTTP call). */
		updateWebhook: (id, body) => serializeWebhook(core, webhooks.updateWebhook(core, demo(), id, body)),
		deleteWebhook: (id) => webhooks.deleteWebhook(core, demo(), id),
		setWebhookEnabled(id, enabled) {
			const w = core.store.webhooks.get(id);
			if (!w) throw new Error(`unknown webhook ${id}`);
			w.enabled = Boolean(enabled);
			w.updatedAt = core.clock();
		},
		createReport: (body) => serializeReport(core, reports.createReport(core, demo(), body)),
		transitionReport: (id, transition) => serializeReport(core, reports.transitionReport(core, demo(), id, { transition })),
		createOperation: (body) => serializeOperation(core, operations.createOperation(core, demo(), body)),
		transitionOperation: (id, transition) => serializeOperation(core, operations.transitionOperation(core, demo(), id, { transition })),
		assignOperation: (id, member = seed.DEMO_USER.id) => serializeOperation(core, operations.assignOperation(core, demo(), id, { member })),
		deleteOperation: (id) => operations.deleteOperation(core, demo(), id),
		/** Comments an operation as POST /operations/{id}/comments does (no HTTP call). */
		commentOperation: (id, text) => serializeOperation(core, operations.commentOperation(core, demo(), id, { text })),
		/** The operation's comments as GET /operations/{id}/comments answers them. */
		operationComments: (id) => activityPage(core, core.store.resourceFor(demo(), 'operation', id)),
		/** While held, POST /feedbacks/issues records feedbacks without making their report (as Keyclic before it has). */
		holdFeedbackReports: (hold = true) => {
			core.holdFeedbackReports = Boolean(hold);
		},
		/** Stops the server, drops connections, aborts deliveries. Safe to call twice. */
		async close() {
			if (core.closed) return;
			core.closed = true;
			core.deliveries.close();
			core.cancelTimers();
			await stopListening(server);
			server.closeAllConnections();
			if (ticketsServer) await stopListening(ticketsServer);
			await core.fileHost.close();
			core.events.emit('close');
		},
	};
	core.emulator = emu;
	return emu;
}

module.exports = {
	createEmulator,
	DEMO_USER: seed.DEMO_USER,
	TECHNICIAN: seed.TECHNICIAN,
	ORGANIZATIONS: seed.ORGANIZATIONS,
	WEBHOOK_EVENTS,
};
