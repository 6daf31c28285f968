'use strict';
// The shared context every module receives: options, clock, data, tokens, faults, deliveries, events.
const { EventEmitter } = require('node:events');
const { Store } = require('./store');
const { TokenService } = require('./auth');
const { Deliveries } = require('./deliveries');
const { initialFaults } = require('./faults');
const { formatDate } = require('./time');

function createCore(options) {
	const events = new EventEmitter();
	events.setMaxListeners(0);
	const core = {
		options,
		/** options.clock moved by clockOffsetMs (emu.advanceClock, POST /_emulator/clock): "an hour later" for every date. */
		clock: () => options.clock() + core.clockOffsetMs,
		clockOffsetMs: 0,
		machines: options.machines,
		store: new Store(),
		events,
		faults: initialFaults(),
		/** 'vnd' or 'problem': the error body format (options.errorFormat, emu.setErrorFormat). */
		errorFormat: options.errorFormat,
		closed: false,
		timers: new Set(),
		emulator: null,
		/** The file host (files/host.js), set by createEmulator; requests to the API's own file route (fileLinks 'api'). */
		fileHost: null,
		fileRequests: [],
		date: (ms) => formatDate(ms, options.utcOffsetMinutes),
		/** The contract check (contract/index.js) when KEYCLIC_EMULATOR_CONTRACT=1, else null; loaded only then (it needs ajv). */
		contract: process.env.KEYCLIC_EMULATOR_CONTRACT === '1' ? require('./contract') : null,
	};
	core.tokens = new TokenService({ secret: options.jwtSecret, lifetimeSeconds: options.tokenLifetimeSeconds, clock: () => core.clock() });
	core.deliveries = new Deliveries(core);

	/** A resource event: deliver to subscribed webhooks and tell listeners. */
	core.notify = (event, organization, payloadFactory) => {
		const payload = payloadFactory();
		if (core.contract) {
			const violation = core.contract.checkPayload(options.payloadEra, JSON.parse(JSON.stringify(payload)));
			if (violation) core.contract.record(`${event} notification payload (era ${options.payloadEra}): ${violation}`);
		}
		const webhooks = core.deliveries.dispatch(event, organization, payload);
		events.emit('notification', { event, organization, payload, webhooks });
	};

	/** setTimeout that close() can cut short. */
	core.sleep = (ms) =>
		new Promise((resolve) => {
			const entry = { resolve };
			entry.timer = setTimeout(() => {
				core.timers.delete(entry);
				resolve();
			}, ms);
			core.timers.add(entry);
		});

	core.cancelTimers = () => {
		for (const entry of core.timers) {
			clearTimeout(entry.timer);
			entry.resolve();
		}
		core.timers.clear();
	};
	return core;
}

module.exports = { createCore };
