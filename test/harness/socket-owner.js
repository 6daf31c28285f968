'use strict';
// Which local process opened a loopback TCP connection: the evidence that a call came from one n8n process and
// not another (queue mode: the main, a worker, a webhook processor all reach Keyclic from 127.0.0.1).
//
//   const owners = attributingProxy(emu.url, (pid) => roleOf(pid));   // a TCP proxy in front of the emulator
//   credential url = owners.url; … owners.seen -> ['main', 'main', …] (one entry per connection, in order)
//
// At the proxy's 'connection' event the client is connected and waiting for an answer, so its socket is open: the
// proxy finds it in /proc/net/tcp (local port = the connection's remote port) and the process holding it in
// /proc/<pid>/fd, synchronously, before forwarding a byte. Linux only (CI and this machine).
const fs = require('node:fs');
const net = require('node:net');

/** The inode of the client side of a loopback connection from `clientPort` to `serverPort`, or null. */
function clientSocketInode(clientPort, serverPort) {
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let lines;
		try {
			lines = fs.readFileSync(file, 'utf8').split('\n').slice(1);
		} catch {
			continue;
		}
		for (const line of lines) {
			const f = line.trim().split(/\s+/);
			if (f.length < 10) continue;
			const local = parseInt(f[1].split(':').pop(), 16);
			const remote = parseInt(f[2].split(':').pop(), 16);
			if (local === clientPort && remote === serverPort) return f[9];
		}
	}
	return null;
}

/** Whether process `pid` holds the socket `inode`. */
function holds(pid, inode) {
	let fds;
	try {
		fds = fs.readdirSync(`/proc/${pid}/fd`);
	} catch {
		return false;
	}
	const target = `socket:[${inode}]`;
	return fds.some((fd) => {
		try {
			return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target;
		} catch {
			return false;
		}
	});
}

/** `pid` and its descendants (children of every thread), depth first. */
function withDescendants(pid) {
	const all = [pid];
	for (let i = 0; i < all.length; i++) {
		let tasks = [];
		try {
			tasks = fs.readdirSync(`/proc/${all[i]}/task`);
		} catch {
			continue;
		}
		for (const tid of tasks) {
			try {
				const children = fs.readFileSync(`/proc/${all[i]}/task/${tid}/children`, 'utf8').trim();
				if (children) all.push(...children.split(/\s+/).map(Number));
			} catch {
				// the thread ended
			}
		}
	}
	return all;
}

/**
 * A TCP proxy on 127.0.0.1 in front of `targetUrl`; each connection is attributed to the first of `candidates()`
 * ({ name, pid }) whose process (or a descendant) holds its client socket, else to 'unknown'.
 * Resolves to { url, seen, close() }.
 */
async function attributingProxy(targetUrl, candidates) {
	const target = new URL(targetUrl);
	const seen = [];
	const sockets = new Set();
	const server = net.createServer((client) => {
		const inode = clientSocketInode(client.remotePort, server.address().port);
		const owner = inode && candidates().find(({ pid }) => withDescendants(pid).some((p) => holds(p, inode)));
		seen.push(owner ? owner.name : 'unknown');
		const upstream = net.connect(Number(target.port), target.hostname.replace(/^\[|\]$/g, ''));
		for (const s of [client, upstream]) {
			sockets.add(s);
			s.on('close', () => sockets.delete(s));
			s.on('error', () => {
				client.destroy();
				upstream.destroy();
			});
		}
		client.pipe(upstream).pipe(client);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		seen,
		close: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}

module.exports = { attributingProxy, clientSocketInode };
