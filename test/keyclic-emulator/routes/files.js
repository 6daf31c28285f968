'use strict';
// Photos: feedbacks (a report's occupant photos), POST/DELETE images (s18–s21, payloadEra 'legacy') or
// attachments (s25, payloadEra '2025') of operations; and the bytes on the API itself when fileLinks is 'api'.
const { notFound } = require('../errors');
const { serializeOperation } = require('../serialize');
const { serializeFeedback } = require('../serialize/place');
const { feedbackFor } = require('../model/feedbacks');
const { addFile, imageFromBody, fileFromBody } = require('../model/files');
const { fileHeaders } = require('../files/host');
const { checkAppKey, authenticate } = require('../auth');
const v = require('../model/validate');

const noRoute = (method, path) => notFound(`No route found for "${method} ${path}".`);

function removePhoto(core, kind, ownerId, fileId) {
	const file = core.store.files.get(fileId);
	if (!file || file.role !== 'photo' || file.owner.kind !== kind || file.owner.id !== ownerId)
		throw notFound(`Image "${fileId}" not found.`);
	core.store.files.delete(fileId);
}

function touch(core, resource) {
	resource.updatedAt = core.clock();
}

module.exports = function register(router) {
	const legacy = (core) => core.options.payloadEra !== '2025';
	router.add('POST', '/feedbacks/:feedback/images', ({ core, actor, params, body, url }) => {
		if (!legacy(core)) throw noRoute('POST', url.pathname);
		const feedback = feedbackFor(core, params.feedback);
		// the photos of a feedback are its report's (the emulator keeps none for a feedback without a report)
		const report = feedback.reportId ? core.store.resourceFor(actor, 'report', feedback.reportId) : null;
		if (!report) throw notFound(`Feedback "${params.feedback}" has no report to hold its images.`);
		v.requireObject(body);
		addFile(core, { kind: 'report', id: report.id }, 'photo', imageFromBody(body));
		touch(core, report);
		return { status: 200, body: serializeFeedback(core, feedback) };
	});
	router.add('POST', '/operations/:operation/images', ({ core, actor, params, body, url }) => {
		if (!legacy(core)) throw noRoute('POST', url.pathname);
		const op = core.store.resourceFor(actor, 'operation', params.operation);
		v.requireObject(body);
		addFile(core, { kind: 'operation', id: op.id }, 'photo', imageFromBody(body));
		touch(core, op);
		return { status: 200, body: serializeOperation(core, op) };
	});
	router.add('DELETE', '/operations/:operation/images/:image', ({ core, actor, params, url }) => {
		if (!legacy(core)) throw noRoute('DELETE', url.pathname);
		const op = core.store.resourceFor(actor, 'operation', params.operation);
		removePhoto(core, 'operation', op.id, params.image);
		touch(core, op);
		return { status: 204 };
	});
	router.add('POST', '/operations/:operation/attachments', ({ core, actor, params, body, url }) => {
		if (legacy(core)) throw noRoute('POST', url.pathname);
		const op = core.store.resourceFor(actor, 'operation', params.operation);
		v.requireObject(body);
		addFile(core, { kind: 'operation', id: op.id }, 'photo', fileFromBody(body));
		touch(core, op);
		return { status: 200, body: serializeOperation(core, op) };
	});
	router.add('DELETE', '/operations/:operation/attachments/:attachment', ({ core, actor, params, url }) => {
		if (legacy(core)) throw noRoute('DELETE', url.pathname);
		const op = core.store.resourceFor(actor, 'operation', params.operation);
		removePhoto(core, 'operation', op.id, params.attachment);
		touch(core, op);
		return { status: 204 };
	});
	// fileLinks 'api' only: the bytes behind a relative href, served by the API with its own login checks
	router.add(
		'GET',
		'/_emulator/files/:file/:name',
		({ core, req, params, url }) => {
			core.fileRequests.push({ method: 'GET', path: url.pathname, headers: { ...req.headers } });
			if (core.options.fileLinks !== 'api') throw noRoute('GET', url.pathname);
			checkAppKey(core, req, { optional: false });
			authenticate(core, req);
			const file = core.store.files.get(params.file);
			if (!file) throw notFound(`File "${params.file}" not found.`);
			return { status: 200, raw: file.bytes, headers: fileHeaders(file) };
		},
		{ control: true },
	);
};
