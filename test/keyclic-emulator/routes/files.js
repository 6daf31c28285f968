'use strict';
// Photos: feedbacks (a report's occupant photos), POST/DELETE images (s18–s21, payloadEra 'legacy') or
// attachments (s25, payloadEra '2025') of operations; and the bytes on the API itself when fileLinks is 'api'.
const { notFound, forbidden } = require('../errors');
const { serializeOperation } = require('../serialize');
const { serializeFeedback, feedbackIdOf } = require('../serialize/files');
const { addFile, imageFromBody, fileFromBody } = require('../model/files');
const { fileHeaders } = require('../files/host');
const { checkAppKey, authenticate } = require('../auth');
const v = require('../model/validate');

const noRoute = (method, path) => notFound(`No route found for "${method} ${path}".`);

function reportOfFeedback(core, actor, feedbackId) {
	const report = [...core.store.reports.values()].find((r) => feedbackIdOf(r.id) === feedbackId);
	if (!report) throw notFound(`Feedback "${feedbackId}" not found.`);
	if (!core.store.isMember(actor.id, report.organizationId)) throw forbidden('Access denied to this feedback.');
	return report;
}

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
	router.add('GET', '/feedbacks/:feedback', ({ core, actor, params }) => ({
		status: 200,
		body: serializeFeedback(core, reportOfFeedback(core, actor, params.feedback)),
	}));
	router.add('POST', '/feedbacks/:feedback/images', ({ core, actor, params, body, url }) => {
		if (!legacy(core)) throw noRoute('POST', url.pathname);
		const report = reportOfFeedback(core, actor, params.feedback);
		v.requireObject(body);
		addFile(core, { kind: 'report', id: report.id }, 'photo', imageFromBody(body));
		touch(core, report);
		return { status: 200, body: serializeFeedback(core, report) };
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
