'use strict';
// Place and Feedback serializations, per era (s20 legacy, s25 2025): only the fields each spec has.
const { link, organizationLink, reportLink } = require('./links');
const { photoLinks, firstImageLink } = require('./files');

function serializePlace(core, p) {
	const legacy = core.options.payloadEra !== '2025';
	return {
		type: 'Place',
		id: p.id,
		name: p.name,
		// the 2025 Place has no geo field (a `geo` link instead)
		...(legacy ? { geo: { centroid: { latitude: p.latitude, longitude: p.longitude, srid: 4326 }, elevation: 0 } } : {}),
		createdAt: core.date(p.createdAt),
		updatedAt: core.date(p.createdAt),
		_links: { self: link(`/places/${p.id}`, { place: p.id }), organization: organizationLink(p.organizationId) },
	};
}

/**
 * Feedback (the answer of POST /feedbacks/issues, GET /feedbacks/{feedback}): `_links.report` once a report was made
 * from it; `_links.images` the occupant's photos (of its report), plus the single `image` link of s18–s21.
 */
function serializeFeedback(core, f) {
	const legacy = core.options.payloadEra !== '2025';
	return {
		type: 'Feedback',
		id: f.id,
		...(f.description ? { description: f.description } : {}),
		...(f.geo ? { geoCoordinates: f.geo } : {}),
		metadata: { ...f.metadata },
		// s20 has `public` and `state` (values undocumented), s25 `visibility` instead
		...(legacy
			? { public: f.visibility === 'VISIBILITY_PUBLIC', state: f.reportId ? ['DELIVERED'] : ['PENDING'] }
			: { visibility: f.visibility }),
		createdAt: core.date(f.createdAt),
		updatedAt: core.date(f.createdAt),
		_links: {
			self: link(`/feedbacks/${f.id}`, { feedback: f.id }),
			tracking: link(`/feedbacks/${f.id}/tracking`, { feedback: f.id }),
			...(f.categoryId ? { category: link(`/categories/${f.categoryId}`, { category: f.categoryId }) } : {}),
			...(f.reportId ? { report: reportLink(f.reportId) } : {}),
			...(f.reportId ? firstImageLink(core, 'report', f.reportId) : {}),
			images: f.reportId ? photoLinks(core, 'report', f.reportId) : [],
		},
	};
}

module.exports = { serializePlace, serializeFeedback };
