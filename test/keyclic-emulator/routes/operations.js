'use strict';
// Operations (interventions).
const { paginate } = require('../pagination');
const { serializeOperation, operationTracking } = require('../serialize');
const model = require('../model/operations');
const { patchOperation } = require('../model/patch');
const { applyFilters } = require('../model/filters');
const { activityPage } = require('../model/comments');
const { pageActivities } = require('../model/activity-paging');

module.exports = function register(router) {
	const one = (core, op) => ({ status: 200, body: serializeOperation(core, op) });
	router.add('POST', '/operations', ({ core, actor, body }) => {
		const op = model.createOperation(core, actor, body);
		return { status: 201, body: serializeOperation(core, op), headers: { location: `/operations/${op.id}` } };
	});
	router.add('GET', '/operations/:operation', ({ core, actor, params }) =>
		one(core, core.store.resourceFor(actor, 'operation', params.operation)),
	);
	router.add('GET', '/operations/:operation/tracking', ({ core, actor, params }) => ({
		status: 200,
		body: operationTracking(core, core.store.resourceFor(actor, 'operation', params.operation)),
	}));
	router.add('DELETE', '/operations/:operation', ({ core, actor, params }) => {
		model.deleteOperation(core, actor, params.operation);
		return { status: 204 };
	});
	router.add('GET', '/reports/:report/operations', ({ core, actor, params, query }) => ({
		status: 200,
		body: paginate(
			applyFilters(model.reportOperations(core, actor, params.report), query),
			`/reports/${params.report}/operations`,
			query,
			(o) => serializeOperation(core, o),
		),
	}));
	router.add('GET', '/organizations/:organization/operations', ({ core, actor, params, query }) => ({
		status: 200,
		body: paginate(
			applyFilters(model.organizationOperations(core, actor, params.organization), query),
			`/organizations/${params.organization}/operations`,
			query,
			(o) => serializeOperation(core, o),
		),
	}));
	router.add('POST', '/operations/:operation/workflow', ({ core, actor, params, body }) =>
		one(core, model.transitionOperation(core, actor, params.operation, body)),
	);
	router.add('PATCH', '/operations/:operation', ({ core, actor, params, body }) =>
		one(core, patchOperation(core, actor, params.operation, body)),
	);
	router.add('POST', '/operations/:operation/comments', ({ core, actor, params, body }) =>
		one(core, model.commentOperation(core, actor, params.operation, body)),
	);
	router.add('GET', '/operations/:operation/comments', ({ core, actor, params, query }) => ({
		status: 200,
		body: pageActivities(activityPage(core, core.store.resourceFor(actor, 'operation', params.operation)), query),
	}));
	router.add('POST', '/operations/:operation/assign', ({ core, actor, params, body }) =>
		one(core, model.assignOperation(core, actor, params.operation, body)),
	);
};
