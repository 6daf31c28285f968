'use strict';
// Documents (s20+): files with a type and a permission, on a report (s20+) or an operation (s25 only).
// Stored in core.store.files with role 'document' and {documentType, targetGroup, container}.
const { notFound, forbidden, validationError } = require('../errors');
const { addFile, fileFromBody } = require('./files');
const v = require('./validate');

/** DocumentData of the era: s20–s21 require `file` and `permission` (s21 also `container` and `type`); s25 requires none but a file. */
function documentFromBody(core, body) {
	v.requireObject(body);
	const legacy = core.options.payloadEra !== '2025';
	const errors = [];
	if (legacy && (typeof body.permission !== 'object' || body.permission === null)) {
		errors.push({ message: 'This value should not be blank.', path: 'permission' });
	}
	if (typeof body.file !== 'object' || body.file === null) errors.push({ message: 'This value should not be blank.', path: 'file' });
	for (const key of ['type', 'container']) {
		if (body[key] !== undefined && typeof body[key] !== 'string')
			errors.push({ message: 'This value should be of type string.', path: key });
	}
	if (errors.length) throw validationError(errors);
	const file = fileFromBody(body.file, 'file', legacy ? ['content', 'contentType', 'name'] : ['content']);
	const permission = body.permission || {};
	return {
		file,
		documentType: typeof body.type === 'string' ? body.type : null,
		targetGroup: typeof permission.targetGroup === 'string' ? permission.targetGroup : null,
		container: typeof body.container === 'string' ? body.container : null,
	};
}

function addDocument(core, actor, kind, ownerId, body) {
	const owner = core.store.resourceFor(actor, kind, ownerId);
	const { file, ...meta } = documentFromBody(core, body);
	const doc = addFile(core, { kind, id: owner.id }, 'document', file);
	Object.assign(doc, meta, { createdBy: actor.id, updatedAt: doc.createdAt });
	return doc;
}

function documentFor(core, actor, id) {
	const doc = core.store.files.get(id);
	if (!doc || doc.role !== 'document') throw notFound(`Document "${id}" not found.`);
	const owner = core.store.resourceFor(actor, doc.owner.kind, doc.owner.id);
	if (!owner) throw forbidden('Access denied to this document.');
	return doc;
}

module.exports = { addDocument, documentFor, documentFromBody };
