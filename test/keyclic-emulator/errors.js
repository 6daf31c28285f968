'use strict';
// HTTP errors in the vnd.error form the Keyclic API uses (docs/keyclic-api.md §1):
// {message, total, _embedded: {errors: [{message, path?}]}}.

class HttpError extends Error {
	/**
	 * @param {number} status HTTP status
	 * @param {string} message top-level message
	 * @param {{message: string, path?: string}[]} [errors] details (defaults to [{message}])
	 * @param {Record<string, string>} [headers] extra response headers
	 */
	constructor(status, message, errors, headers) {
		super(message);
		this.name = 'HttpError';
		this.status = status;
		this.errors = errors && errors.length ? errors : [{ message }];
		this.headers = headers || {};
	}
}

function vndError(message, errors) {
	const list = errors && errors.length ? errors : [{ message }];
	return { message, total: list.length, _embedded: { errors: list } };
}

const REASONS = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	500: 'Internal Server Error',
};

/**
 * The later (≈ 2.17.2+) RFC 7807-like form, swagger `Problem {type, title, detail, _embedded.errors[]}`;
 * each field error is itself a Problem whose `detail` is the message. The spec gives a Problem no field name (`path`)
 * and the docs are silent, so the field's name is only in the top-level `detail` ("path: message …").
 */
function problemError(status, message, errors) {
	const list = errors && errors.length ? errors : [{ message }];
	const type = 'https://tools.ietf.org/html/rfc2616#section-10';
	return {
		type,
		title: REASONS[status] || 'An error occurred',
		detail: message,
		_embedded: {
			errors: list.map((e) => ({
				type,
				title: REASONS[status] || 'An error occurred',
				detail: e.message,
			})),
		},
	};
}

/** 400 built from field errors; the top-level message lists them all. */
function validationError(errors) {
	const message = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' ');
	return new HttpError(400, message, errors);
}

const badRequest = (message, path) => new HttpError(400, message, [path ? { message, path } : { message }]);
const unauthorized = (message) => new HttpError(401, message, undefined, { 'www-authenticate': 'Bearer realm="keyclic-emulator"' });
const forbidden = (message) => new HttpError(403, message);
const notFound = (message) => new HttpError(404, message);

module.exports = { HttpError, vndError, problemError, validationError, badRequest, unauthorized, forbidden, notFound };
