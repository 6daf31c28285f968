'use strict';
// Reports: get, list (paging + filters), patch, workflow. POST /reports is an emulator convenience (the real API creates reports from feedbacks).
const { paginate } = require('../pagination');
const { serializeReport, reportTracking } = require('../serialize');
const model = require('../model/reports');
const { patchReport } = require('../model/patch');
const { applyFilters } = require('../model/filters');

module.exports = function register(router) {
	router.add('POST', '/reports', ({ core, actor, body }) => {
		const r = model.createReport(core, actor, body);
		return { status: 201, body: serializeReport(core, r), headers: { location: `/reports/${r.id}` } };
	});
	router.add('GET', '/reports/:report', ({ core, actor, params }) => ({
		status: 200,
		body: serializeReport(core, core.store.resourceFor(actor, 'report', params.report)),
	}));
	router.add('GET', '/reports/:report/tracking', ({ core, actor, params }) => ({
		status: 200,
		body: reportTracking(core, core.store.resourceFor(actor, 'report', params.report)),
	}));
	router.add('GET', '/organizations/:organization/reports', ({ core, actor, params, query }) => ({
		status: 200,
		body: paginate(
			applyFilters(model.organizationReports(core, actor, params.organization), query),
			`/organizations/${params.organization}/reports`,
			query,
			(r) => serializeReport(core, r),
		),
	}));
	router.add('PATCH', '/reports/:report', ({ core, actor, params, body }) => ({
		status: 200,
		body: serializeReport(core, patchReport(core, actor, params.report, body)),
	}));
	router.add('POST', '/reports/:report/workflow', ({ core, actor, params, body }) => ({
		status: 200,
		body: serializeReport(core, model.transitionReport(core, actor, params.report, body)),
	}));
};
