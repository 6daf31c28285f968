'use strict';
// Operations: creation on a report, lookup, listing, workflow transitions, assignment and removal.
const crypto = require('node:crypto');
const { badRequest, notFound, forbidden } = require('../errors');
const { findTransition, transitionsFrom } = require('../workflow');
const { serializeOperation } = require('../serialize');
const v = require('./validate');
const { commentData, transitionExtras, addActivity } = require('./comments');

const pad6 = (n) => String(n).padStart(6, '0');

/** The membership for `member` (membership or person id) in the operation's organization, or a 400. */
function memberOf(core, organizationId, member, errors) {
	if (typeof member !== 'string' || member === '') {
		errors.push({ message: 'This value should not be blank.', path: 'member' });
		return null;
	}
	const m = core.store.findMember(organizationId, member);
	if (!m) errors.push({ message: 'This member does not belong to the organization.', path: 'member' });
	return m;
}

function applyTransition(core, op, t) {
	const now = core.clock();
	op.state = t.to;
	op.history.push({ state: t.to, at: now });
	if (core.options.stateChangeTouchesUpdatedAt) op.updatedAt = now;
	core.notify('operationStateChanged', op.organizationId, () => serializeOperation(core, op));
}

function createOperation(core, actor, body) {
	v.requireObject(body);
	const errors = [];
	if (typeof body.report !== 'string' || body.report === '') {
		errors.push({ message: 'This value should not be blank.', path: 'report' });
	}
	v.throwIf(errors);
	const report = core.store.reports.get(body.report);
	if (!report) throw notFound(`Report "${body.report}" not found.`);
	if (!core.store.isMember(actor.id, report.organizationId)) throw forbidden('Access denied to this report.');
	const data = {
		name: v.str(body, 'name', errors),
		description: v.str(body, 'description', errors, { max: 10000 }),
		identificationNumber: v.str(body, 'identificationNumber', errors),
		tags: v.tags(body, errors),
		priority: v.priority(body, errors),
		scheduledAt: v.date(body, 'scheduledAt', errors),
		dueAt: v.date(body, 'dueBy', errors),
	};
	const member = body.member !== undefined ? memberOf(core, report.organizationId, body.member, errors) : null;
	v.throwIf(errors);
	if (core.machines.report.finalStates.includes(report.state)) {
		throw badRequest(`Operations cannot be added to a report in state ${report.state}.`, 'report');
	}
	const now = core.clock();
	const n = ++core.store.counters.operation;
	const state = core.machines.operation.initialState;
	const op = {
		id: crypto.randomUUID(),
		organizationId: report.organizationId,
		reportId: report.id,
		...data,
		identificationNumber: data.identificationNumber || `INT-${new Date(now).getUTCFullYear()}-${pad6(n)}`,
		reference: `${report.reference}-${n}`,
		operatorId: member ? member.personId : null,
		state,
		history: [{ state, at: now }],
		createdBy: actor.id,
		createdAt: now,
		updatedAt: now,
		seq: core.store.nextSeq(),
	};
	core.store.operations.set(op.id, op);
	core.notify('operationCreated', op.organizationId, () => serializeOperation(core, op));
	return op;
}

function reportOperations(core, actor, reportId) {
	core.store.resourceFor(actor, 'report', reportId);
	return core.store.operationsOfReport(reportId);
}

function organizationOperations(core, actor, organizationId) {
	core.store.organizationFor(actor, organizationId);
	return [...core.store.operations.values()].filter((o) => o.organizationId === organizationId);
}

function transitionOperation(core, actor, id, body) {
	const op = core.store.resourceFor(actor, 'operation', id);
	v.requireObject(body);
	const t = findTransition(core.machines.operation, op.state, body.transition);
	const extras = transitionExtras(body);
	addActivity(core, actor, op, { verb: `transition:${t.name}`, text: extras.text, at: extras.at });
	applyTransition(core, op, t);
	return op;
}

/** Sets the operator; applies the `assign` transition when the machine has one from the current state. */
function assignOperation(core, actor, id, body) {
	const op = core.store.resourceFor(actor, 'operation', id);
	v.requireObject(body);
	const errors = [];
	const member = memberOf(core, op.organizationId, body.member, errors);
	v.throwIf(errors);
	const t = transitionsFrom(core.machines.operation, op.state).find((x) => x.name === 'assign');
	if (!t && core.machines.operation.finalStates.includes(op.state)) {
		throw badRequest(`An operation in state ${op.state} cannot be assigned.`, 'member');
	}
	op.operatorId = member.personId;
	op.updatedAt = core.clock();
	if (t) applyTransition(core, op, t);
	return op;
}

/** POST /operations/{operation}/comments: records the comment; the API answers the Operation. */
function commentOperation(core, actor, id, body) {
	const op = core.store.resourceFor(actor, 'operation', id);
	const { text, type } = commentData(body);
	addActivity(core, actor, op, { verb: type === 'Reminder' ? 'reminder' : 'comment', text, type });
	op.updatedAt = core.clock();
	return op;
}

function deleteOperation(core, actor, id) {
	const op = core.store.resourceFor(actor, 'operation', id);
	const last = serializeOperation(core, op);
	core.store.operations.delete(id);
	core.notify('operationRemoved', op.organizationId, () => last);
}

module.exports = {
	createOperation,
	reportOperations,
	organizationOperations,
	transitionOperation,
	assignOperation,
	commentOperation,
	deleteOperation,
};
