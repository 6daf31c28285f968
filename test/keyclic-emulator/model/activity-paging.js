'use strict';
// Paging of an ActivityPagination ({results, next}, GET /operations/{operation}/comments and
// /feedbacks/{feedback}/comments). The specs document `next` as a string and say nothing of what it
// holds or of query parameters: the emulator takes page/limit (as its HAL collections, default 10) and
// sets `next` to an opaque cursor while more results follow; the last page has no `next`.
const { parsePageQuery } = require('../pagination');

function pageActivities(activityPagination, query) {
	const { page, limit } = parsePageQuery(query);
	const all = activityPagination.results;
	const results = all.slice((page - 1) * limit, page * limit);
	const { next: _ignored, ...rest } = activityPagination;
	if (page * limit >= all.length) return { ...rest, results };
	return { ...rest, results, next: Buffer.from(`page:${page + 1}`).toString('base64url') };
}

module.exports = { pageActivities };
