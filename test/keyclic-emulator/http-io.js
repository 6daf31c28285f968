'use strict';
// Request body reading and response writing.
const { HttpError, badRequest } = require('./errors');

const HAL_JSON = 'application/hal+json;charset=UTF-8';
const VND_ERROR = 'application/vnd.error+json;charset=UTF-8';
const PROBLEM = 'application/problem+json;charset=UTF-8';
// Keyclic publishes no body limit: large enough for the node's largest file (64 MiB, MAX_UPLOAD_BYTES in
// nodes/Keyclic/helpers/upload.ts) sent as base64 in a JSON body (~85.4 MiB)
const MAX_BODY = 96 * 1024 * 1024;

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > MAX_BODY) {
				reject(new HttpError(413, 'Request body too large (96 MiB max).'));
				req.destroy();
			} else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Parsed JSON body; undefined when empty; 415 when not sent as JSON, 400 when malformed. */
async function readJson(req) {
	const buf = await readBody(req);
	if (!buf.length) return undefined;
	if (!/\bjson\b/i.test(req.headers['content-type'] || '')) {
		throw new HttpError(415, 'Unsupported Media Type: send the body with Content-Type: application/json.');
	}
	try {
		return JSON.parse(buf.toString('utf8'));
	} catch {
		throw badRequest('Invalid JSON body.');
	}
}

function send(res, status, body, headers = {}, contentType = HAL_JSON) {
	if (res.destroyed || res.writableEnded) return;
	if (body === undefined || status === 204) {
		res.writeHead(status, headers);
		res.end();
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

module.exports = { readJson, send, HAL_JSON, VND_ERROR, PROBLEM };
