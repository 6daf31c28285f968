'use strict';
// Webhook CRUD (docs/keyclic-api.md §4). Events are the five camelCase names (never snake_case, like WebhookData);
// the organization must be one of the actor's (403 otherwise); `enabled` is not writable over the API.
const crypto = require('node:crypto');
const { forbidden } = require('../errors');
const { requireObject, rejectExtraFields, httpUrlError, throwIf } = require('./validate');

const WEBHOOK_EVENTS = Object.freeze([
	'reportCreated',
	'reportStateChanged',
	'operationCreated',
	'operationStateChanged',
	'operationRemoved',
]);

function eventError(v) {
	if (typeof v !== 'string' || v === '') return 'This value should not be blank.';
	if (!WEBHOOK_EVENTS.includes(v)) return `The value you selected is not a valid choice (${WEBHOOK_EVENTS.join(', ')}).`;
	return null;
}

function createWebhook(core, actor, body) {
	requireObject(body);
	rejectExtraFields(body, ['event', 'organization', 'payloadUrl']);
	const errors = [];
	const ev = eventError(body.event);
	if (ev) errors.push({ message: ev, path: 'event' });
	if (typeof body.organization !== 'string' || body.organization === '') {
		errors.push({ message: 'This value should not be blank.', path: 'organization' });
	}
	const url = httpUrlError(body.payloadUrl);
	if (url) errors.push({ message: url, path: 'payloadUrl' });
	throwIf(errors);
	if (!core.store.isMember(actor.id, body.organization)) {
		throw forbidden('You are not a member of this organization.');
	}
	const now = core.clock();
	const webhook = {
		id: crypto.randomUUID(),
		organizationId: body.organization,
		event: body.event,
		payloadUrl: body.payloadUrl,
		enabled: true,
		createdAt: now,
		updatedAt: now,
		seq: core.store.nextSeq(),
	};
	core.store.webhooks.set(webhook.id, webhook);
	return webhook;
}

function updateWebhook(core, actor, id, body) {
	const webhook = core.store.resourceFor(actor, 'webhook', id);
	requireObject(body);
	rejectExtraFields(body, ['event', 'payloadUrl']);
	const errors = [];
	if (body.event !== undefined) {
		const ev = eventError(body.event);
		if (ev) errors.push({ message: ev, path: 'event' });
	}
	if (body.payloadUrl !== undefined) {
		const url = httpUrlError(body.payloadUrl);
		if (url) errors.push({ message: url, path: 'payloadUrl' });
	}
	throwIf(errors);
	if (body.event !== undefined) webhook.event = body.event;
	if (body.payloadUrl !== undefined) webhook.payloadUrl = body.payloadUrl;
	webhook.updatedAt = core.clock();
	return webhook;
}

function deleteWebhook(core, actor, id) {
	core.store.resourceFor(actor, 'webhook', id);
	core.store.webhooks.delete(id);
}

function organizationWebhooks(core, actor, organizationId) {
	core.store.organizationFor(actor, organizationId);
	return [...core.store.webhooks.values()].filter((w) => w.organizationId === organizationId);
}

module.exports = { WEBHOOK_EVENTS, createWebhook, updateWebhook, deleteWebhook, organizationWebhooks };
