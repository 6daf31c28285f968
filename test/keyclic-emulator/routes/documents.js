'use strict';
// Documents: GET|POST /reports/{report}/documents (s20+), GET|POST /operations/{operation}/documents (s25,
// payloadEra '2025'), GET|DELETE /documents/{document}.
const { notFound } = require('../errors');
const { paginate } = require('../pagination');
const { filesOf } = require('../model/files');
const { addDocument, documentFor } = require('../model/documents');
const { serializeDocument } = require('../serialize/document');

module.exports = function register(router) {
	const modern = (core) => core.options.payloadEra === '2025';
	for (const kind of ['report', 'operation']) {
		const path = `/${kind}s/:${kind}/documents`;
		const guard = (core, method, url) => {
			if (kind === 'operation' && !modern(core)) throw notFound(`No route found for "${method} ${url.pathname}".`);
		};
		router.add('GET', path, ({ core, actor, params, query, url }) => {
			guard(core, 'GET', url);
			const owner = core.store.resourceFor(actor, kind, params[kind]);
			const docs = filesOf(core, kind, owner.id, 'document');
			return { status: 200, body: paginate(docs, `/${kind}s/${owner.id}/documents`, query, (d) => serializeDocument(core, d)) };
		});
		router.add('POST', path, ({ core, actor, params, body, url }) => {
			guard(core, 'POST', url);
			const doc = addDocument(core, actor, kind, params[kind], body);
			return { status: 201, body: serializeDocument(core, doc), headers: { location: `/documents/${doc.id}` } };
		});
	}
	router.add('GET', '/documents/:document', ({ core, actor, params }) => ({
		status: 200,
		body: serializeDocument(core, documentFor(core, actor, params.document)),
	}));
	router.add('DELETE', '/documents/:document', ({ core, actor, params }) => {
		const doc = documentFor(core, actor, params.document);
		core.store.files.delete(doc.id);
		return { status: 204 };
	});
};
