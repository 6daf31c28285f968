'use strict';
// Feedbacks (POST /feedbacks/issues, FeedbackData). Keyclic makes the report of a feedback itself; the
// emulator makes it at once when the feedback names a place it knows (the place's organization gets
// the report and its reportCreated notification), and never for a feedback without a place (the 2018
// FeedbackData has none): its answer then has no `_links.report`, as a feedback Keyclic has not turned
// into a report yet (emu.holdFeedbackReports() gives that answer for every feedback). Legacy era: geo, place and visibility are required (s20/s21); 2025: place only.
const crypto = require('node:crypto');
const v = require('./validate');
const { placeById } = require('./places');
const { createReport } = require('./reports');
const { notFound } = require('../errors');
const { stableUuid } = require('../time');

/** The id of the feedback a report comes from (the report's `_links.feedback`). */
const feedbackIdOf = (reportId) => stableUuid(`feedback:${reportId}`);

const VISIBILITIES = {
	legacy: ['VISIBILITY_PUBLIC', 'VISIBILITY_PRIVATE', 'VISIBILITY_RESTRICTED', 'VISIBILITY_SHARED'],
	2025: ['VISIBILITY_PUBLIC', 'VISIBILITY_PRIVATE', 'VISIBILITY_SHARED'],
};
const FIELDS = ['place', 'category', 'description', 'geo', 'visibility', 'metadata', 'businessActivity', 'batch', 'proMode'];
const FIELDS_2025 = ['priority', 'member', 'equipments'];

function geoOf(body, errors, required) {
	if (body.geo === undefined) {
		if (required) errors.push({ message: 'This value should not be blank.', path: 'geo' });
		return null;
	}
	const point = body.geo && typeof body.geo === 'object' ? body.geo.point : undefined;
	if (!point || typeof point.latitude !== 'number' || typeof point.longitude !== 'number') {
		errors.push({ message: 'geo.point needs a numeric latitude and longitude.', path: 'geo' });
		return null;
	}
	return { point: { latitude: point.latitude, longitude: point.longitude, srid: 4326 }, elevation: body.geo.elevation ?? 0 };
}

/**
 * Whether a category is one the feedback may name: a category of the organization that manages its place (any known
 * one without a place). **Assumption** (no spec says): Keyclic refuses another with a field error, as an unknown place.
 */
function categoryOfPlace(core, categoryId, placeId) {
	const { CATEGORIES } = require('../routes/categories');
	const category = [...CATEGORIES, ...core.store.extraCategories].find((c) => c.id === categoryId);
	const place = placeId ? placeById(core, placeId) : null;
	return Boolean(category) && (!place || category.organizationId === place.organizationId);
}

function createFeedback(core, actor, body) {
	v.requireObject(body);
	const era = core.options.payloadEra;
	v.rejectExtraFields(body, era === '2025' ? [...FIELDS, ...FIELDS_2025] : FIELDS);
	const errors = [];
	const placeId = v.str(body, 'place', errors, { required: era === '2025' });
	if (placeId && !placeById(core, placeId)) errors.push({ message: 'This value is not valid.', path: 'place' });
	const geo = geoOf(body, errors, era !== '2025');
	const visibility = body.visibility === undefined ? null : body.visibility;
	if (visibility === null && era !== '2025') errors.push({ message: 'This value should not be blank.', path: 'visibility' });
	if (visibility !== null && !VISIBILITIES[era].includes(visibility))
		errors.push({ message: `The value you selected is not a valid choice (${VISIBILITIES[era].join(', ')}).`, path: 'visibility' });
	const description = v.str(body, 'description', errors, { max: 10000 });
	const categoryId = v.str(body, 'category', errors);
	if (categoryId && !categoryOfPlace(core, categoryId, placeId)) errors.push({ message: 'This value is not valid.', path: 'category' });
	v.throwIf(errors);
	const feedback = {
		id: crypto.randomUUID(),
		description,
		geo,
		visibility: visibility || 'VISIBILITY_PRIVATE',
		metadata: body.metadata && typeof body.metadata === 'object' ? { ...body.metadata } : {},
		placeId,
		categoryId,
		reportId: null,
		comments: [],
		createdAt: core.clock(),
	};
	if (placeId && !core.holdFeedbackReports) {
		const place = placeById(core, placeId);
		const report = createReport(core, actor, {
			organization: place.organizationId,
			description: description || 'Feedback without description',
			place: placeId,
			...(categoryId ? { category: categoryId } : {}),
		});
		feedback.id = feedbackIdOf(report.id);
		feedback.reportId = report.id;
	}
	core.store.feedbacks.set(feedback.id, feedback);
	return feedback;
}

/**
 * A feedback by id: one POSTed, or the feedback a report comes from (every report links one, reports the
 * emulator made without POST /feedbacks/issues too: that feedback is recorded when first asked for).
 */
function feedbackFor(core, id) {
	const known = core.store.feedbacks.get(id);
	if (known) return known;
	const report = [...core.store.reports.values()].find((r) => feedbackIdOf(r.id) === id);
	if (!report) throw notFound(`Feedback "${id}" not found.`);
	const feedback = {
		id,
		description: report.description,
		geo: null,
		visibility: 'VISIBILITY_PRIVATE',
		metadata: {},
		placeId: report.placeId,
		categoryId: report.categoryId,
		reportId: report.id,
		comments: [],
		createdAt: report.createdAt,
	};
	core.store.feedbacks.set(id, feedback);
	return feedback;
}

module.exports = { createFeedback, feedbackFor, feedbackIdOf };
