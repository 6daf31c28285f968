'use strict';
// createEmulator options: defaults and validation (unknown keys are rejected to catch typos).
const crypto = require('node:crypto');
const { APP_KEYS } = require('./seed');
const { DEFAULT_MACHINES } = require('./state-machines');
const { compileMachine } = require('./workflow');

const DEFAULTS = Object.freeze({
	port: 0,
	host: '127.0.0.1',
	eventNames: 'camel',
	payloadEra: 'legacy',
	tokenLifetimeSeconds: 86400,
	jwtSecret: undefined,
	appKeys: APP_KEYS,
	allowNonLoopbackDeliveries: false,
	deliveryTimeoutMs: 5000,
	seedSampleData: false,
	utcOffsetMinutes: 0,
	clock: undefined,
	stateMachines: undefined,
	/** default: the era's (vnd.error, s20 `Error`, in legacy; problem, s25 `Problem`, in 2025) */
	errorFormat: undefined,
	/** 'host': file links are absolute URLs on the file host; 'api': relative hrefs the API serves with its login. */
	fileLinks: 'host',
	// The Tickets API ("v3", 2025 era). Where the spec is silent, each reading is a switch (docs/emulator-tickets.md, "Switches"):
	/** 'same': served at the base URL; 'separate': on a host of its own (emu.ticketsUrl), the base URL answers it 404. */
	ticketsHost: 'same',
	/** 'login': the login's accessToken is a v3 bearer; 'exchange': v3 takes only a token /auth/token gave for the login's idToken. */
	ticketsToken: 'login',
	/** 'ignore': unknown GET /tickets parameters, unreadable values and unknown PATCH fields are ignored (API Platform); 'reject': 400. */
	ticketsUnknownInput: 'ignore',
	/** 'clamp': a limit over 50 gives 50 (API Platform); 'reject': 400. */
	ticketsLimitOver50: 'clamp',
	/** Whether a state change moves the resource's updatedAt (true: every change does). */
	stateChangeTouchesUpdatedAt: true,
});

const HOSTS = { '127.0.0.1': '127.0.0.1', localhost: '127.0.0.1', '::1': '::1', '[::1]': '::1' };
const EVENT_STYLES = { camel: 'camel', camelCase: 'camel', snake: 'snake', snake_case: 'snake' };

function fail(message) {
	throw new TypeError(`keyclic-emulator: ${message}`);
}

function normalizeOptions(input = {}) {
	const unknown = Object.keys(input).filter((k) => !(k in DEFAULTS));
	if (unknown.length) fail(`unknown option(s) ${unknown.join(', ')}`);
	const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
	if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) fail('port must be an integer 0..65535');
	if (!HOSTS[o.host]) fail('host must be a loopback address (127.0.0.1, localhost or ::1)');
	if (!EVENT_STYLES[o.eventNames]) fail('eventNames must be "camel" or "snake"');
	if (o.payloadEra !== 'legacy' && o.payloadEra !== '2025') fail('payloadEra must be "legacy" or "2025"');
	if (!(o.tokenLifetimeSeconds > 0)) fail('tokenLifetimeSeconds must be > 0');
	if (!Array.isArray(o.appKeys) || !o.appKeys.every((k) => typeof k === 'string')) fail('appKeys must be a list of strings');
	if (!(o.deliveryTimeoutMs > 0)) fail('deliveryTimeoutMs must be > 0');
	if (!Number.isInteger(o.utcOffsetMinutes) || Math.abs(o.utcOffsetMinutes) > 14 * 60)
		fail('utcOffsetMinutes must be an integer in -840..840');
	if (o.errorFormat === undefined) o.errorFormat = o.payloadEra === '2025' ? 'problem' : 'vnd';
	if (o.errorFormat !== 'vnd' && o.errorFormat !== 'problem') fail('errorFormat must be "vnd" or "problem"');
	if (o.fileLinks !== 'host' && o.fileLinks !== 'api') fail('fileLinks must be "host" or "api"');
	const choice = (key, values) => values.includes(o[key]) || fail(`${key} must be ${values.map((x) => JSON.stringify(x)).join(' or ')}`);
	choice('ticketsHost', ['same', 'separate']);
	choice('ticketsToken', ['login', 'exchange']);
	choice('ticketsUnknownInput', ['ignore', 'reject']);
	choice('ticketsLimitOver50', ['clamp', 'reject']);
	choice('stateChangeTouchesUpdatedAt', [true, false]);
	if (o.clock !== undefined && typeof o.clock !== 'function') fail('clock must be a function returning ms');
	const machines = { ...DEFAULT_MACHINES, ...(o.stateMachines || {}) };
	return Object.freeze({
		...o,
		host: HOSTS[o.host],
		eventNames: EVENT_STYLES[o.eventNames],
		appKeys: Object.freeze([...o.appKeys]),
		jwtSecret: o.jwtSecret || crypto.randomBytes(32).toString('hex'),
		clock: o.clock || Date.now,
		machines: Object.freeze({
			report: compileMachine('report', machines.report),
			operation: compileMachine('operation', machines.operation),
		}),
	});
}

module.exports = { normalizeOptions, DEFAULTS };
