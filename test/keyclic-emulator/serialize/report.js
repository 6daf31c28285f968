'use strict';
// Report (demande) serialization: legacy shape (top-level `state`, `_embedded.stateTransitions`,
// tracking, integer priority) by default; 2025 shape (`phase`, workflow state, priority object,
// `_embedded.children` = operations) with payloadEra '2025'.
const { link, organizationLink, personLink, reportLink, withoutNulls } = require('./links');
const { workflowEmbedded, stateObject, tracking, openSeconds } = require('./workflow');
const { priorityObject } = require('./resources');
const { serializeOperation } = require('./operation');
const { allowedNames } = require('../workflow');
const { stableUuid } = require('../time');
const { feedbackIdOf } = require('./files');
const { targetGroupsOf } = require('../model/documents');
const { OPERATION_DONE_STATES } = require('../state-machines');

const optionalDate = (core, key, ms) => (ms == null ? {} : { [key]: core.date(ms) });

function reportTracking(core, report) {
	const ops = core.store.operationsOfReport(report.id);
	const resolved = ops.filter((o) => OPERATION_DONE_STATES.includes(o.state)).length;
	return tracking(core, 'report', report, { resolved: ops.length ? resolved / ops.length : 0, total: ops.length });
}

function serializeReport(core, report) {
	const links = {
		self: reportLink(report.id),
		operations: link(`/reports/${report.id}/operations`, { report: report.id }),
		organization: organizationLink(report.organizationId),
		tracking: link(`/reports/${report.id}/tracking`, { report: report.id }),
		feedback: link(`/feedbacks/${feedbackIdOf(report.id)}`, { feedback: feedbackIdOf(report.id) }),
		...(report.placeId ? { place: link(`/places/${report.placeId}`, { place: report.placeId }) } : {}),
		...(report.categoryId ? { category: link(`/categories/${report.categoryId}`, { category: report.categoryId }) } : {}),
	};

	if (core.options.payloadEra === '2025') {
		const workflowId = stableUuid(`workflow:report:${report.organizationId}`);
		return withoutNulls({
			type: 'Report',
			id: report.id,
			...(report.name ? { name: report.name } : {}),
			identificationNumber: report.identificationNumber,
			reference: report.reference,
			description: report.description,
			priority: priorityObject(report.priority),
			tags: [...report.tags],
			archived: report.archived === true,
			...optionalDate(core, 'dueBy', report.dueAt),
			...optionalDate(core, 'scheduledAt', report.scheduledAt),
			phase: stateObject(core, 'report', report.state),
			createdAt: core.date(report.createdAt),
			updatedAt: core.date(report.updatedAt),
			_links: {
				...links,
				workflow: link(`/workflows/${workflowId}`, { workflow: workflowId }),
				createdBy: personLink(report.createdBy),
			},
			_embedded: {
				workflow: workflowEmbedded(core, 'report', report),
				targetGroups: targetGroupsOf(report.organizationId),
				children: core.store.operationsOfReport(report.id).map((op) => serializeOperation(core, op)),
				documents: [],
			},
		});
	}

	return withoutNulls({
		type: 'Report',
		id: report.id,
		identificationNumber: report.identificationNumber,
		reference: report.reference,
		description: report.description,
		priority: report.priority,
		tags: [...report.tags],
		...optionalDate(core, 'dueAt', report.dueAt),
		state: report.state,
		createdAt: core.date(report.createdAt),
		updatedAt: core.date(report.updatedAt),
		_links: links,
		_embedded: {
			stateTransitions: allowedNames(core.machines.report, report.state),
			tracking: reportTracking(core, report),
			duration: { seconds: Math.round(openSeconds(core, 'report', report)) },
			targetGroups: targetGroupsOf(report.organizationId),
			workflow: workflowEmbedded(core, 'report', report),
		},
	});
}

module.exports = { serializeReport, reportTracking };
