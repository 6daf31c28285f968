'use strict';
const net = require('node:net');

/** A free TCP port on 127.0.0.1 (every service of the suites binds loopback only). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Whether `port` on 127.0.0.1 can be listened on now (the local n8n asks for 5678, the emulator for 8090). */
function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Whether something accepts TCP connections on `host`:`port` now. */
function portOpen(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const socket = net.connect(port, host);
		socket.once('connect', () => socket.end(() => resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

/** `wanted` when it is free, else a free port. */
async function portOrFree(wanted) {
	return (await portIsFree(wanted)) ? wanted : freePort();
}

module.exports = { freePort, portIsFree, portOpen, portOrFree };
