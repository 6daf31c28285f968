'use strict';
// Webhook management (docs/keyclic-api.md §4).
const { paginate } = require('../pagination');
const { serializeWebhook } = require('../serialize');
const model = require('../model/webhooks');

module.exports = function register(router) {
	router.add('POST', '/webhooks', ({ core, actor, body }) => {
		const w = model.createWebhook(core, actor, body);
		return { status: 201, body: serializeWebhook(core, w), headers: { location: `/webhooks/${w.id}` } };
	});
	router.add('GET', '/organizations/:organization/webhooks', ({ core, actor, params, query }) => ({
		status: 200,
		body: paginate(
			model.organizationWebhooks(core, actor, params.organization),
			`/organizations/${params.organization}/webhooks`,
			query,
			(w) => serializeWebhook(core, w),
		),
	}));
	router.add('GET', '/webhooks/:webhook', ({ core, actor, params }) => ({
		status: 200,
		body: serializeWebhook(core, core.store.resourceFor(actor, 'webhook', params.webhook)),
	}));
	router.add('PATCH', '/webhooks/:webhook', ({ core, actor, params, body }) => ({
		status: 200,
		body: serializeWebhook(core, model.updateWebhook(core, actor, params.webhook, body)),
	}));
	router.add('DELETE', '/webhooks/:webhook', ({ core, actor, params }) => {
		model.deleteWebhook(core, actor, params.webhook);
		return { status: 204 };
	});
};
