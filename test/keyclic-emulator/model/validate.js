'use strict';
// Body validation helpers; each collects {message, path} errors like the real API's 400 answers.
const { badRequest, validationError } = require('../errors');
const { parseDate } = require('../time');

function requireObject(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
	return body;
}

/** Symfony-form strictness: unknown fields are a 400 (used for webhooks). */
function rejectExtraFields(body, allowed) {
	const extra = Object.keys(body).filter((k) => !allowed.includes(k));
	if (extra.length) throw badRequest(`This form should not contain extra fields: ${extra.join(', ')}.`);
}

function str(body, key, errors, { required = false, min = 0, max = 255 } = {}) {
	const v = body[key];
	if (v === undefined || v === null || v === '') {
		if (required) errors.push({ message: 'This value should not be blank.', path: key });
		return null;
	}
	if (typeof v !== 'string') errors.push({ message: 'This value should be of type string.', path: key });
	else if (v.length < min || v.length > max) {
		errors.push({ message: `This value should have between ${min} and ${max} characters.`, path: key });
	}
	return typeof v === 'string' ? v : null;
}

function date(body, key, errors) {
	const v = body[key];
	if (v === undefined || v === null || v === '') return null;
	const ms = parseDate(v);
	if (Number.isNaN(ms)) errors.push({ message: 'This value is not a valid date-time.', path: key });
	return Number.isNaN(ms) ? null : ms;
}

function tags(body, errors) {
	const v = body.tags;
	if (v === undefined || v === null) return [];
	if (!Array.isArray(v) || v.some((t) => typeof t !== 'string')) {
		errors.push({ message: 'This value should be a list of strings.', path: 'tags' });
		return [];
	}
	return [...v];
}

function priority(body, errors) {
	const v = body.priority;
	if (v === undefined || v === null) return 2;
	if (![1, 2, 3].includes(v)) errors.push({ message: 'This value should be 1, 2 or 3.', path: 'priority' });
	return [1, 2, 3].includes(v) ? v : 2;
}

/** Absolute http(s) URL with a host, or an error message. */
function httpUrlError(v) {
	if (typeof v !== 'string' || v === '') return 'This value should not be blank.';
	let u;
	try {
		u = new URL(v);
	} catch {
		return 'This value is not a valid URL.';
	}
	if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return 'This value is not a valid URL.';
	return null;
}

function throwIf(errors) {
	if (errors.length) throw validationError(errors);
}

module.exports = { requireObject, rejectExtraFields, str, date, tags, priority, httpUrlError, throwIf };
