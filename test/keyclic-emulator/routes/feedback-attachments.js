'use strict';
// POST /feedbacks/{feedback}/attachments (s25 only: FileData {content, contentType, name}, answer 200 Feedback): a photo
// of the report the feedback made, as POST /feedbacks/{feedback}/images (routes/files.js) is in s18–s21.
const { notFound } = require('../errors');
const { serializeFeedback } = require('../serialize/place');
const { feedbackFor } = require('../model/feedbacks');
const { addFile, fileFromBody } = require('../model/files');
const v = require('../model/validate');

module.exports = function register(router) {
	router.add('POST', '/feedbacks/:feedback/attachments', ({ core, actor, params, body, url }) => {
		if (core.options.payloadEra !== '2025') throw notFound(`No route found for "POST ${url.pathname}".`);
		const feedback = feedbackFor(core, params.feedback);
		// the photos of a feedback are its report's (the emulator keeps none for a feedback without a report)
		const report = feedback.reportId ? core.store.resourceFor(actor, 'report', feedback.reportId) : null;
		if (!report) throw notFound(`Feedback "${params.feedback}" has no report to hold its attachments.`);
		v.requireObject(body);
		addFile(core, { kind: 'report', id: report.id }, 'photo', fileFromBody(body));
		report.updatedAt = core.clock();
		return { status: 200, body: serializeFeedback(core, feedback) };
	});
};
