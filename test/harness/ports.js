'use strict';
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

// A port handed out is claimed for CLAIM_MS by a file in CLAIMS: between freePort() and the moment n8n, PostgreSQL
// or Redis binds it, the port is free again as far as the system knows, and `npm test` runs two real-n8n test files
// at once (scripts/test-all.js), each picking ports. A claimed port is never handed out twice while claimed.
const CLAIMS = path.join(os.tmpdir(), 'keyclic-port-claims');
const CLAIM_MS = 10 * 60 * 1000;

/** Claims `port` for this process; false when another freePort() of any process claimed it less than CLAIM_MS ago. */
function claim(port) {
	fs.mkdirSync(CLAIMS, { recursive: true });
	const file = path.join(CLAIMS, String(port));
	try {
		fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
		return true;
	} catch (e) {
		if (e.code !== 'EEXIST') throw e;
	}
	let age;
	try {
		age = Date.now() - fs.statSync(file).mtimeMs;
	} catch {
		return claim(port); // released meanwhile
	}
	if (age < CLAIM_MS) return false;
	fs.writeFileSync(file, String(process.pid)); // an old claim: the port is this process's now
	return true;
}

/** A port the system gives for 127.0.0.1 now (free at that moment only). */
function systemPort() {
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

let swept = false;
/** Removes the claims older than CLAIM_MS (once per process). */
function sweepOldClaims() {
	swept = true;
	if (!fs.existsSync(CLAIMS)) return;
	for (const entry of fs.readdirSync(CLAIMS)) {
		const file = path.join(CLAIMS, entry);
		try {
			if (Date.now() - fs.statSync(file).mtimeMs >= CLAIM_MS) fs.rmSync(file, { force: true });
		} catch {
			// removed by another process meanwhile
		}
	}
}

/** A free TCP port on 127.0.0.1 (every service of the suites binds loopback only), claimed (see CLAIMS). */
async function freePort() {
	if (!swept) sweepOldClaims();
	for (let attempt = 0; attempt < 100; attempt++) {
		const port = await systemPort();
		if (claim(port)) return port;
	}
	throw new Error(`no unclaimed free port after 100 tries (claims in ${CLAIMS})`);
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

module.exports = { freePort, portIsFree, portOpen, portOrFree, claim, CLAIMS, CLAIM_MS };
