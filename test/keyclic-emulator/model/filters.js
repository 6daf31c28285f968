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
	const text = (query.get('query') || '').trim().toLowerCase();
	if (text && !FIELDS.some((f) => typeof item[f] === 'string' && item[f].toLowerCase().includes(text))) return false;
	return true;
}

/** The records of `list` that the request's filters keep. */
function applyFilters(list, query) {
	return list.filter((item) => matches(item, query));
}

module.exports = { applyFilters };
