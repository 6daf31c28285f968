'use strict';
// Photos and documents: the bytes each report (its feedback), operation and document carries.
// core.files: Map id → {id, owner: {kind: 'report'|'operation'|'document', id}, role: 'photo'|'document',
// name, contentType, bytes (Buffer), createdAt, seq}.
const crypto = require('node:crypto');
const { validationError } = require('../errors');

/** FileData.contentType enum of s25 (FileData, DocumentFile, Binary). */
const CONTENT_TYPES = Object.freeze([
	'text/csv',
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'image/jpeg',
	'image/jpg',
	'application/json',
	'application/octet-stream',
	'application/pdf',
	'image/png',
	'text/plain',
	'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/zip',
]);
/** DocumentFile.contentType enum of s20 and s21: s25's without application/json and application/octet-stream. */
const CONTENT_TYPES_2020 = Object.freeze(CONTENT_TYPES.filter((t) => t !== 'application/json' && t !== 'application/octet-stream'));
const IMAGE_TYPES = Object.freeze(['image/jpeg', 'image/jpg', 'image/png']);

/** `href` (optional): link the file there instead of the file host (a test's own server, a CDN). */
function addFile(core, owner, role, { name, contentType, bytes, href }) {
	const file = {
		id: crypto.randomUUID(),
		owner,
		role,
		name,
		contentType,
		bytes: Buffer.from(bytes),
		...(href ? { href } : {}),
		createdAt: core.clock(),
		seq: core.store.nextSeq(),
	};
	core.store.files.set(file.id, file);
	return file;
}

const filesOf = (core, kind, id, role) =>
	[...core.store.files.values()].filter((f) => f.owner.kind === kind && f.owner.id === id && f.role === role).sort((a, b) => a.seq - b.seq);

/** Where a file's bytes are: an absolute URL on the file host, or (fileLinks 'api') a path on the API itself. */
function fileHref(core, file) {
	if (file.href) return file.href;
	const path = `/files/${file.id}/${encodeURIComponent(file.name)}`;
	return core.options.fileLinks === 'api' ? `/_emulator${path}` : `${core.fileHost.url}${path}`;
}

/**
 * Reads `data:<type>;base64,<data>` or bare base64 (the specs do not say which: the emulator takes both).
 * Returns {contentType|null, bytes} or null when the text is not base64.
 */
function decodeContent(text) {
	if (typeof text !== 'string' || text === '') return null;
	let contentType = null;
	let data = text;
	const m = /^data:([^;,]*)(?:;[^,]*)?;base64,/i.exec(text);
	if (m) {
		contentType = m[1].toLowerCase() || null;
		data = text.slice(m[0].length);
	} else if (text.startsWith('data:')) return null;
	if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(data)) return null;
	const bytes = Buffer.from(data, 'base64');
	return bytes.length ? { contentType, bytes } : null;
}

/** ImageData {image} (POST /feedbacks|operations/{id}/images, s18–s21): a JPEG or PNG image. */
function imageFromBody(body) {
	const decoded = decodeContent(body && body.image);
	if (!decoded) throw validationError([{ message: 'This value is not a valid image (send it as a base64 data URI).', path: 'image' }]);
	const contentType = decoded.contentType || 'image/jpeg';
	if (!IMAGE_TYPES.includes(contentType)) {
		throw validationError([{ message: `The mime type "${contentType}" is not valid. Allowed: ${IMAGE_TYPES.join(', ')}.`, path: 'image' }]);
	}
	return { name: `image.${contentType.split('/')[1]}`, contentType, bytes: decoded.bytes };
}

/** FileData {content, contentType, name}: s25 requires `content` only; `required` lists what else the era requires; `accepted` its types. */
function fileFromBody(body, path = '', required = ['content'], accepted = CONTENT_TYPES) {
	const errors = [];
	const at = (k) => (path ? `${path}.${k}` : k);
	const data = body && typeof body === 'object' ? body : {};
	for (const k of required)
		if (data[k] === undefined || data[k] === '') errors.push({ message: 'This value should not be blank.', path: at(k) });
	const decoded = data.content === undefined ? null : decodeContent(data.content);
	if (data.content !== undefined && !decoded) errors.push({ message: 'This value is not valid base64 content.', path: at('content') });
	const contentType = data.contentType ?? (decoded && decoded.contentType) ?? 'application/octet-stream';
	if (!accepted.includes(contentType)) errors.push({ message: 'The value you selected is not a valid choice.', path: at('contentType') });
	if (data.name !== undefined && typeof data.name !== 'string')
		errors.push({ message: 'This value should be of type string.', path: at('name') });
	if (errors.length) throw validationError(errors);
	return { name: data.name || 'file', contentType, bytes: decoded.bytes };
}

module.exports = { CONTENT_TYPES, CONTENT_TYPES_2020, IMAGE_TYPES, addFile, filesOf, fileHref, decodeContent, imageFromBody, fileFromBody };
