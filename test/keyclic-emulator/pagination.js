'use strict';
// HAL paginated collections: {page, limit, pages, total, _links: {self, first, last, next?, previous?},
// _embedded: {items}} (docs/keyclic-api.md §2). Query: page (1), limit (10; the specs set no maximum), order asc|desc (desc, by
// createdAt), after / before (date-time, exclusive bounds on createdAt).
const { validationError } = require('./errors');
const { parseDate } = require('./time');

function positiveInt(raw, fallback, path, errors, max) {
	if (raw === null || raw === '') return fallback;
	const n = Number(raw);
	if (!/^\d+$/.test(raw) || n < 1 || (max && n > max)) {
		errors.push({ message: `This value should be an integer between 1 and ${max || 'infinity'}.`, path });
		return fallback;
	}
	return n;
}

/** Reads page/limit/order/after/before from URLSearchParams; 400 on invalid values. */
function parsePageQuery(query, defaultLimit = 10) {
	const errors = [];
	const page = positiveInt(query.get('page'), 1, 'page', errors);
	const limit = positiveInt(query.get('limit'), defaultLimit, 'limit', errors);
	const order = (query.get('order') || 'desc').toLowerCase();
	if (order !== 'asc' && order !== 'desc') errors.push({ message: 'This value should be "asc" or "desc".', path: 'order' });
	const bounds = {};
	for (const key of ['after', 'before']) {
		const raw = query.get(key);
		if (raw === null || raw === '') continue;
		bounds[key] = parseDate(raw);
		if (Number.isNaN(bounds[key])) errors.push({ message: 'This value is not a valid date-time.', path: key });
	}
	if (errors.length) throw validationError(errors);
	// links keep every other query parameter (order, after, before and the filters)
	const extra = {};
	for (const [key, value] of query) if (key !== 'page' && key !== 'limit' && value) extra[key] = value;
	return { page, limit, order, after: bounds.after, before: bounds.before, extra };
}

function href(basePath, page, limit, extra) {
	const qs = new URLSearchParams({ page: String(page), limit: String(limit), ...extra });
	return `${basePath}?${qs}`;
}

/**
 * @param {{createdAt: number, seq: number}[]} items internal records
 * @param {string} basePath collection path (relative href)
 * @param {URLSearchParams} query request query
 * @param {(item: any) => object} serialize item → HAL resource
 * @param {{sort?: boolean}} [opts] sort=false keeps the given order (organizations)
 */
function paginate(items, basePath, query, serialize, opts = {}) {
	const q = parsePageQuery(query);
	let list = items.filter((i) => (q.after === undefined || i.createdAt > q.after) && (q.before === undefined || i.createdAt < q.before));
	if (opts.sort !== false) {
		const dir = q.order === 'asc' ? 1 : -1;
		list = [...list].sort((a, b) => dir * (a.createdAt - b.createdAt || a.seq - b.seq));
	}
	const total = list.length;
	const pages = Math.max(1, Math.ceil(total / q.limit));
	const start = (q.page - 1) * q.limit;
	const links = {
		self: { href: href(basePath, q.page, q.limit, q.extra) },
		first: { href: href(basePath, 1, q.limit, q.extra) },
		last: { href: href(basePath, pages, q.limit, q.extra) },
	};
	if (q.page < pages) links.next = { href: href(basePath, q.page + 1, q.limit, q.extra) };
	if (q.page > 1) links.previous = { href: href(basePath, Math.min(q.page - 1, pages), q.limit, q.extra) };
	return {
		page: q.page,
		limit: q.limit,
		pages,
		total,
		_links: links,
		_embedded: { items: list.slice(start, start + q.limit).map(serialize) },
	};
}

module.exports = { paginate, parsePageQuery };
