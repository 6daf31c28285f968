'use strict';
// Photo links: a report's occupant photos hang on its feedback (Report._links.feedback → Feedback._links.images[],
// serialize/place.js), a technician's on the operation.
const { link } = require('./links');
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

module.exports = { feedbackIdOf, photoLinks, firstImageLink };
