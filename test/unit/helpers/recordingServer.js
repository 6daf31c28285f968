'use strict';
// Another host than Keyclic (a CDN, a file store) for unit tests: records every request it receives
// (path, headers) and answers 404 on /missing, else `body` with `contentType`.
const http = require('node:http');

async function startRecordingServer({ body, contentType }) {
	const received = [];
	const server = http.createServer((req, res) => {
		received.push({ path: req.url || '', headers: { ...req.headers } });
		if (req.url === '/missing') {
			res.writeHead(404);
			res.end();
			return;
		}
		res.writeHead(200, { 'content-type': contentType, 'content-length': String(body.length) });
		res.end(body);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		received,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

module.exports = { startRecordingServer };
