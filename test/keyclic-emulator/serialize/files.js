'use strict';
// Photo links and the Feedback a report's occupant photos hang on (Report._links.feedback → Feedback._links.images[]).
const { link, reportLink } = require('./links');
const { filesOf, fileHref } = require('../model/files');
const { stableUuid } = require('../time');

/** The id of the feedback behind a report (the emulator keeps one feedback per report). */
const feedbackIdOf = (reportId) => stableUuid(`feedback:${reportId}`);

/** `_links.images[]` of a report's feedback or an operation: absolute file-host hrefs (see files/host.js). */
const photoLinks = (core, kind, id) => filesOf(core, kind, id, 'photo').map((f) => link(fileHref(core, f), { image: f.id }));

/** The single `image` link of s18–s21 (their first photo), when there is one. */
function firstImageLink(core, kind, id) {
	const [first] = photoLinks(core, kind, id);
	return core.options.payloadEra === '2025' || !first ? {} : { image: first };
}

function serializeFeedback(core, report) {
	const id = feedbackIdOf(report.id);
	return {
		type: 'Feedback',
		id,
		description: report.description,
		...(core.options.payloadEra === '2025' ? { visibility: 'VISIBILITY_INTERNAL' } : { state: ['DELIVERED'], public: false }),
		createdAt: core.date(report.createdAt),
		updatedAt: core.date(report.updatedAt),
		_links: {
			self: link(`/feedbacks/${id}`, { feedback: id }),
			report: reportLink(report.id),
			...firstImageLink(core, 'report', report.id),
			images: photoLinks(core, 'report', report.id),
		},
		_embedded: {},
	};
}

module.exports = { feedbackIdOf, photoLinks, firstImageLink, serializeFeedback };
