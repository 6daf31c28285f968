'use strict';
// HTTP errors in the vnd.error form the Keyclic API uses (API.md §1):
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

/** 400 built from field errors; the top-level message lists them all. */
function validationError(errors) {
	const message = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' ');
	return new HttpError(400, message, errors);
}

const badRequest = (message, path) => new HttpError(400, message, [path ? { message, path } : { message }]);
const unauthorized = (message) =>
	new HttpError(401, message, undefined, { 'www-authenticate': 'Bearer realm="keyclic-emulator"' });
const forbidden = (message) => new HttpError(403, message);
const notFound = (message) => new HttpError(404, message);

module.exports = { HttpError, vndError, validationError, badRequest, unauthorized, forbidden, notFound };
