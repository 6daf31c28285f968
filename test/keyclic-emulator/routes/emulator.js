'use strict';
// Control routes for tests (no app key, no bearer, never affected by faults).
const { badRequest, notFound } = require('../errors');

const clockState = (core) => ({ now: core.date(core.clock()), nowMs: core.clock(), offsetMs: core.clockOffsetMs });

module.exports = function register(router) {
	const control = { control: true };
	router.add('GET', '/_emulator', ({ core }) => ({ status: 200, body: core.emulator.info() }), control);
	router.add('GET', '/_emulator/state', ({ core }) => ({ status: 200, body: core.emulator.state }), control);
	router.add('GET', '/_emulator/deliveries', ({ core }) => ({ status: 200, body: [...core.deliveries.records] }), control);
	router.add(
		'DELETE',
		'/_emulator/deliveries',
		({ core }) => {
			core.deliveries.clear();
			return { status: 204 };
		},
		control,
	);
	router.add('GET', '/_emulator/clock', ({ core }) => ({ status: 200, body: clockState(core) }), control);
	router.add(
		'POST',
		'/_emulator/clock',
		({ core, body }) => {
			if (!body || !Number.isFinite(body.advanceMs))
				throw badRequest('advanceMs: a number of milliseconds to move the clock by.', 'advanceMs');
			core.emulator.advanceClock(body.advanceMs);
			return { status: 200, body: clockState(core) };
		},
		control,
	);
	router.add('GET', '/_emulator/faults', ({ core }) => ({ status: 200, body: { ...core.faults } }), control);
	router.add(
		'POST',
		'/_emulator/faults',
		async ({ core, body }) => {
			if (body && body.down === 'refuse') {
				throw badRequest('down: "refuse" stops the listener and can only be set programmatically; use down: true over HTTP.');
			}
			return { status: 200, body: await core.emulator.setFault(body) };
		},
		control,
	);
	router.add(
		'POST',
		'/_emulator/reset',
		async ({ core }) => {
			await core.emulator.reset();
			return { status: 200, body: core.emulator.state };
		},
		control,
	);
	router.add(
		'PATCH',
		'/_emulator/webhooks/:webhook',
		({ core, params, body }) => {
			if (!core.store.webhooks.has(params.webhook)) throw notFound(`Webhook "${params.webhook}" not found.`);
			if (!body || typeof body.enabled !== 'boolean') throw badRequest('enabled: This value should be a boolean.', 'enabled');
			core.emulator.setWebhookEnabled(params.webhook, body.enabled);
			return { status: 200, body: core.emulator.state.webhooks.find((w) => w.id === params.webhook) };
		},
		control,
	);
};
