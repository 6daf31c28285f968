'use strict';
// The Tickets API ("v3", s25v3.json) over the 2025 store: a ticket is a report or an operation (same id, same data as
// the v2 routes). Here: the organization header, lookup, the GET /tickets query (filters, ordering, paging), the
// merge-patch and removal. Switches (options.js): ticketsUnknownInput, ticketsLimitOver50 (the spec is silent on both).
const fs = require('node:fs');
const path = require('node:path');
const { HttpError, badRequest, notFound, validationError } = require('../errors');
const { parseDate, stableUuid } = require('../time');
const { deleteOperation } = require('./operations');
const { operatorMembership } = require('../serialize/ticket');
const v = require('./validate');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The query parameters GET /tickets declares in the spec copy (what "unknown" means). */
const SPEC_QUERY = (() => {
	const spec = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'specs', 's25v3.json'), 'utf8'));
	return new Set(spec.paths['/tickets'].get.parameters.filter((p) => p.in === 'query').map((p) => p.name));
})();

/** X-Organization-Id (required on every /tickets call): missing or not a UUID → 400, not the user's → 403. */
function organizationHeader(core, req, actor) {
	const raw = req.headers['x-organization-id'];
	if (raw === undefined || raw === '') {
		throw new HttpError(400, 'Missing X-Organization-Id header (the UUID of the organization the call acts in).', [
			{ message: 'This value should not be blank.', path: 'X-Organization-Id' },
		]);
	}
	if (!UUID.test(String(raw))) throw badRequest(`X-Organization-Id "${raw}" is not a valid UUID.`, 'X-Organization-Id');
	return core.store.organizationFor(actor, String(raw)).id;
}

/** Every ticket of an organization: [{kind, rec}]. */
function ticketsOf(core, organizationId) {
	const of = (kind, map) => [...map.values()].filter((r) => r.organizationId === organizationId).map((rec) => ({ kind, rec }));
	return [...of('report', core.store.reports), ...of('operation', core.store.operations)];
}

/** One ticket of the header's organization; another organization's is not found, as an unknown id. */
function findTicket(core, organizationId, id) {
	for (const [kind, map] of [
		['report', core.store.reports],
		['operation', core.store.operations],
	]) {
		const rec = map.get(id);
		if (rec && rec.organizationId === organizationId) return { kind, rec };
	}
	throw notFound(`Ticket "${id}" not found.`);
}

/** Seconds, as the API shows and compares dates (no fractions in its answers). */
const seconds = (ms) => Math.floor(ms / 1000) * 1000;
/** The last segment of an IRI ("/categories/<id>"), or the id itself. */
const idOf = (value) => String(value).split('/').filter(Boolean).pop() || '';

const DATE_FIELDS = { createdAt: 'createdAt', updatedAt: 'updatedAt', dueBy: 'dueAt', scheduledAt: 'scheduledAt' };
const DATE_OPS = {
	after: (t, b) => t >= b,
	strictly_after: (t, b) => t > b,
	before: (t, b) => t <= b,
	strictly_before: (t, b) => t < b,
};

/** What each association filter compares: the ticket's value (an id) for `state`, `place`… */
function associationValues(core, { kind, rec }) {
	const report = kind === 'report' ? rec : core.store.reports.get(rec.reportId);
	const member = kind === 'operation' ? operatorMembership(core, rec) : null;
	return {
		state: stableUuid(`${kind}:state:${rec.state}`),
		phase: kind === 'report' ? stableUuid(`report:state:${rec.state}`) : undefined,
		category: rec.categoryId,
		place: report ? report.placeId : undefined,
		priority: stableUuid(`priority:${rec.priority}`),
		'assignments.member': member ? member.id : undefined,
		parent: kind === 'operation' ? rec.reportId : undefined,
	};
}
const ASSOCIATIONS = ['state', 'phase', 'category', 'place', 'priority', 'assignments.member', 'parent'];
const ORDERS = ['createdAt', 'updatedAt', 'dueBy', 'scheduledAt'];

/** Reads a boolean filter ("true"/"1", "false"/"0"); undefined when unreadable. */
const bool = (raw) => ({ true: true, 1: true, false: false, 0: false })[String(raw).toLowerCase()];

/**
 * The request's filters, order and page. A parameter the spec does not declare, or an unreadable value, is ignored
 * (API Platform's default) or refused with a 400 (ticketsUnknownInput 'reject'); one the spec declares that the
 * emulator does not apply is always refused, so a test cannot pass on a filter that did nothing.
 */
function parseTicketQuery(core, query, declared = SPEC_QUERY) {
	const strict = core.options.ticketsUnknownInput === 'reject';
	const errors = [];
	const unreadable = (name, message) => strict && errors.push({ message, path: name });
	const q = { dates: [], associations: {}, booleans: {}, order: [], page: 1, limit: 10, paginate: true };
	for (const name of new Set(query.keys())) {
		const values = query.getAll(name);
		const last = values[values.length - 1];
		const base = name.replace(/\[\]$/, '');
		const date = /^(createdAt|updatedAt|dueBy|scheduledAt)\[(after|strictly_after|before|strictly_before)\]$/.exec(name);
		const order = /^order\[(.+)\]$/.exec(name);
		if (!declared.has(name)) unreadable(name, `Unknown filter "${name}": GET /tickets does not declare it.`);
		else if (date) {
			const at = parseDate(last);
			if (Number.isNaN(at)) unreadable(name, `"${last}" is not a valid date-time.`);
			else q.dates.push({ field: DATE_FIELDS[date[1]], op: DATE_OPS[date[2]], at: seconds(at) });
		} else if (order) {
			if (!ORDERS.includes(order[1]))
				errors.push({ message: `The emulator does not apply ${name} (only ${ORDERS.join(', ')}).`, path: name });
			else if (!['asc', 'desc'].includes(String(last).toLowerCase())) unreadable(name, 'This value should be "asc" or "desc".');
			else q.order.push({ field: DATE_FIELDS[order[1]], dir: String(last).toLowerCase() === 'asc' ? 1 : -1 });
		} else if (ASSOCIATIONS.includes(base)) {
			const list = (q.associations[base] = q.associations[base] || new Set());
			for (const value of name.endsWith('[]') ? values : [last]) list.add(idOf(value));
		} else if (name === 'archived' || name === 'completed') {
			if (bool(last) === undefined) unreadable(name, 'This value should be a boolean (true, false, 1 or 0).');
			else q.booleans[name] = bool(last);
		} else if (name === 'page') {
			q.page = Number(last);
			if (!/^-?\d+$/.test(last) || q.page < 1) errors.push({ message: 'Page should not be less than 1.', path: 'page' });
		} else if (name === 'limit') {
			q.limit = Number(last);
			if (!/^-?\d+$/.test(last) || q.limit < 0) errors.push({ message: 'Limit should not be less than 0.', path: 'limit' });
			else if (q.limit > 50) {
				if (core.options.ticketsLimitOver50 === 'reject') errors.push({ message: 'Limit should not be greater than 50.', path: 'limit' });
				else q.limit = 50;
			}
		} else if (name === 'pagination') {
			if (bool(last) === undefined) unreadable(name, 'This value should be a boolean.');
			else q.paginate = bool(last);
		} else errors.push({ message: `The emulator does not apply the filter "${name}" (Keyclic's spec declares it).`, path: name });
	}
	if (errors.length) throw validationError(errors);
	return q;
}

/** The paging of a sub-collection (workflow transitions declare page, limit and pagination only). */
const parsePageQuery = (core, query) => parseTicketQuery(core, query, new Set(['page', 'limit', 'pagination']));

/** The tickets the query keeps, ordered (ties: creation order). */
function queryTickets(core, organizationId, q) {
	const kept = ticketsOf(core, organizationId).filter((t) => {
		const { rec } = t;
		for (const d of q.dates) if (rec[d.field] == null || !d.op(seconds(rec[d.field]), d.at)) return false;
		for (const [name, value] of Object.entries(q.booleans)) if ((rec[name] === true) !== value) return false;
		const own = associationValues(core, t);
		for (const [name, wanted] of Object.entries(q.associations)) if (!wanted.has(own[name])) return false;
		return true;
	});
	return kept.sort((a, b) => {
		for (const o of q.order) {
			const x = a.rec[o.field] == null ? -Infinity : seconds(a.rec[o.field]);
			const y = b.rec[o.field] == null ? -Infinity : seconds(b.rec[o.field]);
			if (x !== y) return o.dir * (x < y ? -1 : 1);
		}
		return a.rec.seq - b.rec.seq;
	});
}

/** An API Platform HAL collection: `_embedded.item[]`, `totalItems`, `itemsPerPage`, `_links` (self, first, last, next, previous, item). */
function halCollection(list, basePath, query, q, serialize) {
	const total = list.length;
	const items = q.paginate ? list.slice((q.page - 1) * q.limit, q.page * q.limit) : list;
	const hrefFor = (page) => {
		const qs = new URLSearchParams([...query].filter(([k]) => k !== 'page'));
		if (page !== undefined) qs.set('page', String(page));
		const s = qs.toString();
		return { href: s ? `${basePath}?${s}` : basePath };
	};
	const serialized = items.map(serialize);
	const links = { self: hrefFor(q.paginate ? q.page : undefined) };
	if (q.paginate) {
		const last = q.limit > 0 ? Math.max(1, Math.ceil(total / q.limit)) : 1;
		Object.assign(links, { first: hrefFor(1), last: hrefFor(last) });
		if (q.page > 1) links.previous = hrefFor(q.page - 1);
		if (q.page < last) links.next = hrefFor(q.page + 1);
	}
	links.item = serialized.map((s) => s._links.self);
	return { _links: links, totalItems: total, ...(q.paginate ? { itemsPerPage: q.limit } : {}), _embedded: { item: serialized } };
}

// EditTicketCommand: the fields of s25's TaskPatch. Type errors are a 400, blank required values a 422 (API Platform).
const EDIT_FIELDS = [
	'archived',
	'category',
	'completed',
	'description',
	'dueBy',
	'identificationNumber',
	'name',
	'priority',
	'scheduledAt',
	'tags',
];
const PRIORITY_POSITIONS = [1, 2, 3];

/** PATCH /tickets/{id} (application/merge-patch+json): the fields sent change, `null` clears an optional one. */
function patchTicket(core, ticket, body) {
	v.requireObject(body);
	const extra = Object.keys(body).filter((k) => !EDIT_FIELDS.includes(k));
	if (extra.length && core.options.ticketsUnknownInput === 'reject') {
		throw validationError(extra.map((k) => ({ message: 'This field was not expected.', path: k })));
	}
	const has = (k) => Object.prototype.hasOwnProperty.call(body, k);
	const errors = [];
	const invalid = [];
	const changes = {};
	for (const k of ['archived', 'completed']) {
		if (!has(k)) continue;
		if (typeof body[k] !== 'boolean') invalid.push({ message: 'This value should be of type bool.', path: k });
		else changes[k] = body[k];
	}
	for (const k of ['description', 'identificationNumber', 'name']) {
		if (!has(k)) continue;
		if (body[k] === null) {
			if (k === 'name') changes.name = undefined;
			else errors.push({ message: 'This value should not be blank.', path: k });
		} else if (typeof body[k] !== 'string') invalid.push({ message: 'This value should be of type string.', path: k });
		else if (body[k].trim() === '') errors.push({ message: 'This value should not be blank.', path: k });
		else changes[k] = body[k];
	}
	for (const [k, field] of [
		['dueBy', 'dueAt'],
		['scheduledAt', 'scheduledAt'],
	]) {
		if (!has(k)) continue;
		if (body[k] === null) changes[field] = undefined;
		else {
			const at = parseDate(body[k]);
			if (Number.isNaN(at)) invalid.push({ message: 'This value is not a valid date-time.', path: k });
			else changes[field] = at;
		}
	}
	if (has('tags')) {
		if (body.tags === null) changes.tags = [];
		else changes.tags = v.tags(body, invalid);
	}
	if (has('category')) {
		if (body.category === null) changes.categoryId = undefined;
		else if (typeof body.category !== 'string') invalid.push({ message: 'This value should be an IRI.', path: 'category' });
		else changes.categoryId = idOf(body.category);
	}
	if (has('priority')) {
		const position = PRIORITY_POSITIONS.find(
			(n) => typeof body.priority === 'string' && stableUuid(`priority:${n}`) === idOf(body.priority),
		);
		if (body.priority === null) changes.priority = 2;
		else if (position) changes.priority = position;
		else invalid.push({ message: `Item not found for "${body.priority}".`, path: 'priority' });
	}
	if (invalid.length) throw validationError(invalid);
	if (errors.length) {
		const e = validationError(errors);
		throw new HttpError(422, e.message, e.errors);
	}
	Object.assign(ticket.rec, changes);
	ticket.rec.updatedAt = core.clock();
	return ticket;
}

/** DELETE /tickets/{id}: an operation is removed as DELETE /operations/{id} (operationRemoved); a report with its operations. */
function deleteTicket(core, actor, ticket) {
	if (ticket.kind === 'operation') return deleteOperation(core, actor, ticket.rec.id);
	for (const op of core.store.operationsOfReport(ticket.rec.id)) deleteOperation(core, actor, op.id);
	core.store.reports.delete(ticket.rec.id);
}

module.exports = {
	organizationHeader,
	findTicket,
	parseTicketQuery,
	parsePageQuery,
	queryTickets,
	halCollection,
	patchTicket,
	deleteTicket,
	SPEC_QUERY,
};
