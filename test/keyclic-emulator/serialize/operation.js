'use strict';
// Operation (intervention) serialization: legacy shape (top-level `state`, `_embedded.stateTransitions`,
// tracking) by default, 2025 shape (workflow state only, priority object…) with payloadEra '2025'.
const { link, organizationLink, personLink, reportLink, withoutNulls } = require('./links');
const { workflowEmbedded, tracking, openSeconds } = require('./workflow');
const { serializePerson, priorityObject } = require('./resources');
const { allowedNames } = require('../workflow');
const { photoLinks, firstImageLink } = require('./files');
const { documentTypesOf, targetGroupsOf } = require('../model/documents');

const optionalDate = (core, key, ms) => (ms == null ? {} : { [key]: core.date(ms) });

function operationTracking(core, op) {
	return tracking(core, 'operation', op, { resolved: op.state === 'RESOLVED' ? 1 : 0, total: 1 });
}

function serializeOperation(core, op) {
	const operator = op.operatorId ? core.store.people.get(op.operatorId) : null;
	const links = {
		self: link(`/operations/${op.id}`, { operation: op.id }),
		report: reportLink(op.reportId),
		organization: organizationLink(op.organizationId),
	};
	const operatorLink = op.operatorId ? { operator: personLink(op.operatorId) } : {};
	const operatorEmbedded = operator ? { operator: serializePerson(core, operator) } : {};
	const trackingLink = link(`/operations/${op.id}/tracking`, { operation: op.id });

	if (core.options.payloadEra === '2025') {
		const creator = core.store.people.get(op.createdBy);
		return withoutNulls({
			type: 'Operation',
			id: op.id,
			name: op.name,
			identificationNumber: op.identificationNumber,
			reference: op.reference,
			description: op.description,
			priority: priorityObject(op.priority),
			tags: [...op.tags],
			archived: op.archived === true,
			...optionalDate(core, 'dueBy', op.dueAt),
			...optionalDate(core, 'scheduledAt', op.scheduledAt),
			createdAt: core.date(op.createdAt),
			updatedAt: core.date(op.updatedAt),
			_links: {
				...links,
				assignments: link(`/operations/${op.id}/assignments`, { operation: op.id }),
				tracking: trackingLink,
				images: photoLinks(core, 'operation', op.id),
				...operatorLink,
			},
			_embedded: {
				workflow: workflowEmbedded(core, 'operation', op),
				...(creator ? { createdBy: serializePerson(core, creator) } : {}),
				documents: [],
				documentTypes: documentTypesOf(op.organizationId),
				targetGroups: targetGroupsOf(op.organizationId),
				...operatorEmbedded,
			},
		});
	}

	return withoutNulls({
		type: 'Operation',
		id: op.id,
		identificationNumber: op.identificationNumber,
		name: op.name,
		description: op.description,
		...optionalDate(core, 'scheduledAt', op.scheduledAt),
		state: op.state,
		createdAt: core.date(op.createdAt),
		updatedAt: core.date(op.updatedAt),
		_links: {
			...links,
			createdBy: personLink(op.createdBy),
			tracking: trackingLink,
			...firstImageLink(core, 'operation', op.id),
			images: photoLinks(core, 'operation', op.id),
			...operatorLink,
		},
		_embedded: {
			stateTransitions: allowedNames(core.machines.operation, op.state),
			tracking: operationTracking(core, op),
			duration: { seconds: Math.round(openSeconds(core, 'operation', op)) },
			workflow: workflowEmbedded(core, 'operation', op),
			...operatorEmbedded,
		},
	});
}

module.exports = { serializeOperation, operationTracking };
