'use strict';
// PATCH /reports/{report} (ReportPatch s18–s21, TaskPatch s25) and PATCH /operations/{operation}
// (OperationPatch, TaskPatch): only the fields sent change; unknown fields are a 400 (Symfony forms).
// No webhook event exists for an update, so none is sent.
const { stableUuid } = require('../time');
const v = require('./validate');

const REPORT_FIELDS = ['description', 'identificationNumber', 'priority', 'tags', 'dueAt', 'dueBy', 'category', 'archived'];
// s25 TaskPatch also has `completed` and `category`: kept, but s25's Operation shows neither
const OPERATION_FIELDS = [
	'name',
	'description',
	'identificationNumber',
	'scheduledAt',
	'priority',
	'tags',
	'dueBy',
	'archived',
	'completed',
	'category',
];

/** Priority as an integer 1‥3 (s18/s20) or the id of a Priority object (s21/s25, as serialized in the 2025 era). */
function priorityValue(body, errors) {
	const raw = body.priority;
	if (typeof raw === 'string') {
		const position = [1, 2, 3].find((n) => stableUuid(`priority:${n}`) === raw || String(n) === raw);
		if (position) return position;
		errors.push({ message: 'This value is not a valid priority (1, 2, 3 or a priority id).', path: 'priority' });
		return undefined;
	}
	return v.priority(body, errors);
}

function collect(body, allowed, { descriptionMax }) {
	v.requireObject(body);
	v.rejectExtraFields(body, allowed);
	const errors = [];
	const changes = {};
	const has = (k) => Object.prototype.hasOwnProperty.call(body, k);
	if (has('description')) changes.description = v.str(body, 'description', errors, { required: true, min: 1, max: descriptionMax });
	for (const k of ['name', 'identificationNumber']) if (has(k)) changes[k] = v.str(body, k, errors, { required: true, min: 1 });
	if (has('priority')) changes.priority = priorityValue(body, errors);
	if (has('tags')) changes.tags = v.tags(body, errors);
	for (const k of ['dueAt', 'dueBy']) if (has(k)) changes.dueAt = v.date(body, k, errors);
	if (has('scheduledAt')) changes.scheduledAt = v.date(body, 'scheduledAt', errors);
	if (has('category')) changes.categoryId = v.str(body, 'category', errors);
	if (has('completed')) {
		if (typeof body.completed !== 'boolean') errors.push({ message: 'This value should be of type bool.', path: 'completed' });
		else changes.completed = body.completed;
	}
	if (has('archived')) {
		if (typeof body.archived !== 'boolean') errors.push({ message: 'This value should be of type bool.', path: 'archived' });
		else changes.archived = body.archived;
	}
	v.throwIf(errors);
	return changes;
}

function applyPatch(core, resource, changes) {
	Object.assign(resource, changes);
	resource.updatedAt = core.clock();
	return resource;
}

function patchReport(core, actor, id, body) {
	const report = core.store.resourceFor(actor, 'report', id);
	return applyPatch(core, report, collect(body, REPORT_FIELDS, { descriptionMax: 255 }));
}

function patchOperation(core, actor, id, body) {
	const op = core.store.resourceFor(actor, 'operation', id);
	return applyPatch(core, op, collect(body, OPERATION_FIELDS, { descriptionMax: 10000 }));
}

module.exports = { patchReport, patchOperation, REPORT_FIELDS, OPERATION_FIELDS };
