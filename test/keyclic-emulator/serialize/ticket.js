'use strict';
// Ticket (s25v3 `Ticket.jsonhal-Read`): a report or an operation of the 2025 store under the Tickets API's ("v3")
// serialization. A ticket's id is the report's or the operation's; an operation's `_links.parent` is its report's ticket,
// a report's `_links.children` its operations'. Links are bare `{href}` (API Platform's HAL), no `type` field.
const { stateObject } = require('./workflow');
const { priorityObject } = require('./resources');
const { photoLinks, feedbackIdOf } = require('./files');
const { placeById } = require('../model/places');
const { CATEGORIES } = require('../routes/categories');
const { CREATED_AT } = require('../seed');
const { stableUuid } = require('../time');

const href = (h) => ({ href: h });
const ticketHref = (id) => `/tickets/${id}`;

/** WorkflowState.jsonhal-Read: the 2025 WorkflowState without its `type`, with a self link. */
function v3State(core, kind, key) {
	const { type, ...state } = stateObject(core, kind, key);
	return { _links: { self: href(`/workflow-states/${state.id}`) }, ...state };
}

function v3Priority(position) {
	const { type, ...p } = priorityObject(position);
	return { _links: { self: href(`/ticket-priorities/${p.id}`) }, ...p };
}

function v3Category(core, id) {
	const c = [...CATEGORIES, ...core.store.extraCategories].find((x) => x.id === id);
	if (!c) return undefined;
	return {
		_links: { self: href(`/categories/${c.id}`), organization: href(`/organizations/${c.organizationId}`) },
		id: c.id,
		name: c.name,
		enabled: true,
		createdAt: core.date(CREATED_AT),
		updatedAt: core.date(CREATED_AT),
	};
}

function v3Place(core, id) {
	const p = id ? placeById(core, id) : null;
	if (!p) return undefined;
	return {
		_links: { self: href(`/places/${p.id}`) },
		id: p.id,
		name: p.name,
		createdAt: core.date(CREATED_AT),
		updatedAt: core.date(CREATED_AT),
	};
}

/** The membership id of an operation's operator (the v3 `assignments.member` the filter compares). */
const operatorMembership = (core, op) => (op.operatorId ? core.store.findMember(op.organizationId, op.operatorId) : null);

const assignmentId = (op) => stableUuid(`assignment:${op.id}:${op.operatorId}`);

/** Absolute photo URLs (`images` is format uri): API-relative hrefs (fileLinks 'api') get the emulator's URL. */
const imageUrls = (core, kind, id) =>
	photoLinks(core, kind, id).map((l) => (l.href.startsWith('/') ? `${core.emulator.url}${l.href}` : l.href));

/** @param {'report'|'operation'} kind */
function serializeTicket(core, kind, rec) {
	const isReport = kind === 'report';
	const report = isReport ? rec : core.store.reports.get(rec.reportId);
	const children = isReport ? core.store.operationsOfReport(rec.id) : [];
	const member = isReport ? null : operatorMembership(core, rec);
	const assignments = member
		? [{ _links: { self: href(`/assignments/${assignmentId(rec)}`), member: href(`/members/${member.id}`) }, id: assignmentId(rec) }]
		: [];
	const optional = (key, value) => (value === undefined || value === null || value === '' ? {} : { [key]: value });
	const placeId = report ? report.placeId : undefined;
	const feedbackId = report ? feedbackIdOf(report.id) : null;
	const feedback = report && core.store.feedbacks.get(feedbackId);
	return {
		_links: {
			self: href(ticketHref(rec.id)),
			organization: href(`/organizations/${rec.organizationId}`),
			...(isReport ? {} : { parent: href(ticketHref(rec.reportId)) }),
			assignments: assignments.map((a) => a._links.self),
			equipments: [],
			children: children.map((c) => href(ticketHref(c.id))),
		},
		id: rec.id,
		...optional('name', rec.name),
		...optional('description', rec.description),
		tags: [...(rec.tags || [])],
		reference: rec.reference,
		completed: rec.completed === true,
		archived: rec.archived === true,
		...optional('scheduledAt', rec.scheduledAt == null ? null : core.date(rec.scheduledAt)),
		...optional('dueBy', rec.dueAt == null ? null : core.date(rec.dueAt)),
		createdAt: core.date(rec.createdAt),
		updatedAt: core.date(rec.updatedAt),
		images: imageUrls(core, kind, isReport ? rec.id : rec.id),
		_embedded: {
			state: v3State(core, kind, rec.state),
			...(isReport ? { phase: v3State(core, kind, rec.state) } : {}),
			priority: v3Priority(rec.priority),
			...optional('category', rec.categoryId ? v3Category(core, rec.categoryId) : undefined),
			...optional('place', v3Place(core, placeId)),
			...(report
				? {
						feedback: {
							_links: { self: href(`/feedbacks/${feedbackId}`) },
							id: feedbackId,
							visibility: (feedback && feedback.visibility) || 'VISIBILITY_PRIVATE',
							createdAt: core.date(report.createdAt),
							updatedAt: core.date(report.createdAt),
						},
					}
				: {}),
			assignments,
			equipments: [],
			children: children.map((c) => ticketHref(c.id)),
		},
	};
}

module.exports = { serializeTicket, v3State, operatorMembership, ticketHref };
