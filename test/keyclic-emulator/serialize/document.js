'use strict';
// Document serialization (s20 Document: type, file {name, contentType}, permission {targetGroup}, _links {self, file, createdBy}).
const { link, personLink } = require('./links');
const { fileHref } = require('../model/files');

function serializeDocument(core, doc) {
	return {
		type: 'Document',
		id: doc.id,
		file: { name: doc.name, contentType: doc.contentType },
		// no null fields (the contract check): a document sent without a target group has an empty permission
		permission: doc.targetGroup === null ? {} : { targetGroup: doc.targetGroup },
		...(core.options.payloadEra === '2025' ? { state: 'PUBLISHED' } : {}),
		createdAt: core.date(doc.createdAt),
		updatedAt: core.date(doc.updatedAt),
		_links: {
			self: link(`/documents/${doc.id}`, { document: doc.id }),
			file: link(fileHref(core, doc), { document: doc.id }),
			...(doc.createdBy ? { createdBy: personLink(doc.createdBy) } : {}),
		},
	};
}

module.exports = { serializeDocument };
