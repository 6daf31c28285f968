'use strict';
// Collection filters of GET /organizations/{organization}/reports and …/operations (docs/keyclic-api.md §5):
// state (the state code, or a comma-separated list), place, category (ids), query (free text in the
// description, name, reference and identification number). Unknown filters are ignored, as the API does.

const FIELDS = ['description', 'name', 'reference', 'identificationNumber'];

function matches(item, query) {
	const state = query.get('state');
	if (
		state &&
		!state
			.split(',')
			.map((s) => s.trim().toUpperCase())
			.includes(item.state)
	)
		return false;
	for (const key of ['place', 'category']) {
		const wanted = query.get(key);
		if (wanted && item[`${key}Id`] !== wanted) return false;
	}
	if (!matchesMore(item, query)) return false;
	const text = (query.get('query') || '').trim().toLowerCase();
	if (text && !FIELDS.some((f) => typeof item[f] === 'string' && item[f].toLowerCase().includes(text))) return false;
	return true;
}

const { parseDate, stableUuid } = require('../time');

/** A date-time query bound, or undefined (an unreadable one keeps nothing). */
function bound(query, key) {
	const raw = query.get(key);
	return raw ? parseDate(raw) : undefined;
}

/**
 * The filters of the 2021 and 2025 report lists (states[], priority, archived, has_documents, due and
 * scheduled bounds). phase and member are not applied: what they compare is not documented.
 */
function matchesMore(item, query) {
	const states = query.getAll('states[]').map((s) => s.trim().toUpperCase());
	if (states.length && !states.includes(item.state)) return false;
	const priority = query.get('priority');
	if (priority && String(item.priority) !== priority && stableUuid(`priority:${item.priority}`) !== priority) return false;
	const archived = query.get('archived');
	if (archived && (item.archived === true) !== (archived === 'true' || archived === '1')) return false;
	// the emulator keeps no documents
	const hasDocuments = query.get('has_documents');
	if (hasDocuments === 'true' || hasDocuments === '1') return false;
	for (const [key, field, after] of [
		['afterDueBy', 'dueAt', true],
		['beforeDueBy', 'dueAt', false],
		['scheduled_at_after', 'scheduledAt', true],
		['scheduled_at_before', 'scheduledAt', false],
	]) {
		const at = bound(query, key);
		if (at === undefined) continue;
		if (item[field] == null || Number.isNaN(at) || (after ? item[field] <= at : item[field] >= at)) return false;
	}
	return true;
}

/** The records of `list` that the request's filters keep. */
function applyFilters(list, query) {
	return list.filter((item) => matches(item, query));
}

module.exports = { applyFilters };
