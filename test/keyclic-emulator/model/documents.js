'use strict';
// Documents (s20+): files with a type and a permission, on a report (s20+) or an operation (s25 only).
// Stored in core.store.files with role 'document' and {documentType, targetGroup, container}.
const { notFound, forbidden, validationError } = require('../errors');
const { CONTENT_TYPES_2020, addFile, fileFromBody } = require('./files');
const v = require('./validate');
const { ORGANIZATIONS } = require('../seed');

/**
 * The document types and target groups of each organization, as s25 operations embed them (`_embedded.documentTypes`,
 * `_embedded.targetGroups`) and s20+ reports embed the target groups. No spec lists which exist: these are invented,
 * with the fields of the shared fixtures.
 */
const DOCUMENT_TYPES = Object.freeze({
	[ORGANIZATIONS[0].id]: [
		{
			id: '68a28d38-8b85-40bc-8af4-8bd39d61c28f',
			code: 'RAPPORT_INTERVENTION',
			name: "Rapport d'intervention",
			description: 'Compte rendu signé',
			signed: true,
		},
		{ id: '7b39e049-9c96-4bd5-9b05-9ce4a7e72d90', code: 'DEVIS', name: 'Devis', description: 'Devis du prestataire', signed: false },
		{ id: '8c4af15a-ad07-4ce6-ac16-adf5b8f83ea1', code: 'FACTURE', name: 'Facture', description: 'Facture du prestataire', signed: false },
	],
	[ORGANIZATIONS[1].id]: [
		{ id: '9d5b026b-be18-4df7-bd27-be06c9094fb2', code: 'DEVIS', name: 'Devis', description: 'Devis', signed: false },
	],
});
const TARGET_GROUPS = Object.freeze({
	[ORGANIZATIONS[0].id]: [
		{ id: '2b99199d-c6f1-45f1-95eb-9f94e504d06a', name: 'Gestionnaires', description: 'Équipe de gestion technique de la résidence' },
		{ id: 'bde032f3-71d6-493b-bbe5-72cf4c2d7c2b', name: 'Prestataires plomberie', description: 'Entreprises sous contrat plomberie' },
	],
	[ORGANIZATIONS[1].id]: [
		{ id: 'c4afe0b6-705f-4d80-a288-334b6cf98d16', name: 'Ascensoristes', description: 'Prestataire maintenance ascenseurs' },
	],
});

/** s25 DocumentType items of an organization. */
const documentTypesOf = (organizationId) =>
	(DOCUMENT_TYPES[organizationId] || []).map((t) => ({ type: 'DocumentType', ...t, permissions: ['READ'] }));
/** TargetGroup items {id, name, description} of an organization (s20+). */
const targetGroupsOf = (organizationId) => (TARGET_GROUPS[organizationId] || []).map((g) => ({ ...g }));

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
	const file = legacy
		? fileFromBody(body.file, 'file', ['content', 'contentType', 'name'], CONTENT_TYPES_2020)
		: fileFromBody(body.file, 'file', ['content']);
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

module.exports = { addDocument, documentFor, documentFromBody, documentTypesOf, targetGroupsOf };
