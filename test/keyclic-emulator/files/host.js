'use strict';
// The local file host: serves the bytes of stored photos and documents at absolute URLs on its own port.
// No Keyclic spec documents a route for a file's bytes (image and file links are followed as given), so
// this host stands for Keyclic's file storage (a CDN, a bucket): it asks for no credential and records
// every request it receives (method, path, headers), so tests can check what a client sent it.
const http = require('node:http');

/** @param {() => Map<string, {name, contentType, bytes}>} files the stored files now (the store's map changes on reset) */
function createFileHost(files, { host = '127.0.0.1' } = {}) {
	const requests = [];
	const server = http.createServer((req, res) => {
		const path = new URL(req.url || '/', 'http://file-host.invalid').pathname;
		requests.push({ method: req.method, path, headers: { ...req.headers } });
		const m = /^\/files\/([^/]+)(?:\/[^/]*)?$/.exec(path);
		const file = m && req.method === 'GET' ? files().get(decodeURIComponent(m[1])) : undefined;
		if (!file) {
			res.writeHead(404, { 'content-type': 'text/plain' });
			res.end('Not found');
			return;
		}
		res.writeHead(200, fileHeaders(file));
		res.end(file.bytes);
	});
	server.keepAliveTimeout = 2000;
	return {
		requests,
		server,
		url: '',
		async listen() {
			await new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(0, host, () => resolve());
			});
			this.url = `http://${host === '::1' ? '[::1]' : host}:${server.address().port}`;
			return this;
		},
		close() {
			return new Promise((resolve) => {
				if (!server.listening) return resolve();
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

/** The headers a file answer carries: its MIME type, size and name (RFC 6266 filename*). */
function fileHeaders(file) {
	return {
		'content-type': file.contentType,
		'content-length': String(file.bytes.length),
		'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
	};
}

module.exports = { createFileHost, fileHeaders };
