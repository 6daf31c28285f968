'use strict';
// Webhook management (docs/keyclic-api.md §4): specs 2.0.3 … 2.21.0 (s20, s21). The 2022+ API has none (s25: webhooks are created by Keyclic on
// request), so in the 2025 era these routes do not exist and answer 404.
const LEGACY = { eras: ['legacy'] };
const { paginate } = require('../pagination');
const { serializeWebhook } = require('../serialize');
const model = require('../model/webhooks');

module.exports = function register(router) {
	router.add(
		'POST',
		'/webhooks',
		({ core, actor, body }) => {
			const w = model.createWebhook(core, actor, body);
			return { status: 201, body: serializeWebhook(core, w), headers: { location: `/webhooks/${w.id}` } };
		},
		LEGACY,
	);
	router.add(
		'GET',
		'/organizations/:organization/webhooks',
		({ core, actor, params, query }) => ({
			status: 200,
			body: paginate(
				model.organizationWebhooks(core, actor, params.organization),
				`/organizations/${params.organization}/webhooks`,
				query,
				(w) => serializeWebhook(core, w),
			),
		}),
		LEGACY,
	);
	router.add(
		'GET',
		'/webhooks/:webhook',
		({ core, actor, params }) => ({
			status: 200,
			body: serializeWebhook(core, core.store.resourceFor(actor, 'webhook', params.webhook)),
		}),
		LEGACY,
	);
	router.add(
		'PATCH',
		'/webhooks/:webhook',
		({ core, actor, params, body }) => ({
			status: 200,
			body: serializeWebhook(core, model.updateWebhook(core, actor, params.webhook, body)),
		}),
		LEGACY,
	);
	router.add(
		'DELETE',
		'/webhooks/:webhook',
		({ core, actor, params }) => {
			model.deleteWebhook(core, actor, params.webhook);
			return { status: 204 };
		},
		LEGACY,
	);
};
