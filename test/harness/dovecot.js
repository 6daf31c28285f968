'use strict';
// A real IMAP server for the e-mail examples: Dovecot from Debian's package (dovecot-imapd), in a folder of
// the test process (<runs>/<name>.<pid>/imap: its config, sockets, log and the mailbox), plain IMAP on a free
// 127.0.0.1 port, one throwaway user, stopped by pid (also when the test process exits without stop()).
//
//   ensureDebianPackages(['dovecot-imapd']);              // apt-get only when it is missing (services.js)
//   const imap = await Dovecot.start({ name: 'intake' }); // imap.port, imap.user, imap.password
//   await imap.append(rfc822);                            // IMAP APPEND into INBOX, as a mail client files a mail
//   await imap.status();                                  // { messages, unseen } of INBOX
//   await imap.stop();
//
//   await new ImapMailbox({ port, user, password }).append(rfc822);   // the same client, from the mailbox's
//                                                                      // address alone (npm run send-mail)
//
// No TLS: loopback only, and n8n's IMAP credential is then `secure: false`. As root, the mail processes run
// as `nobody` (Dovecot refuses uid 0), so the folder is one `nobody` can reach (services.js serviceDir).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { freePort, serviceDir, killPid, alive, isRoot, bootOnFreePort } = require('./services');
const { waitUntil } = require('./wait');
const { pidAlive } = require('./leftovers');

const HOST = '127.0.0.1';

/** uid/gid/name of the account the mail processes run as: `nobody` as root, else the current user. */
function mailAccount() {
	if (isRoot()) {
		const [uid, gid] = ['-u', '-g'].map((flag) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim()));
		return { uid, gid, name: 'nobody' };
	}
	return { uid: process.getuid(), gid: process.getgid(), name: os.userInfo().username };
}

/** The dovecot.conf of one throwaway server (no /etc/dovecot involved). */
function config({ dir, port, account }) {
	const lines = [
		`base_dir = ${dir}/run`,
		`state_dir = ${dir}/state`,
		`log_path = ${dir}/dovecot.log`,
		'protocols = imap',
		`listen = ${HOST}`,
		'ssl = no',
		'disable_plaintext_auth = no',
		'auth_mechanisms = plain login',
		`first_valid_uid = ${Math.min(account.uid, 500)}`,
		`first_valid_gid = ${Math.min(account.gid, 500)}`,
		`mail_location = maildir:${dir}/mail/%u`,
		`passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/users\n}`,
		`userdb {\n  driver = static\n  args = uid=${account.uid} gid=${account.gid} home=${dir}/mail/%u\n}`,
		`service imap-login {\n  inet_listener imap {\n    address = ${HOST}\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
		// processes of this server only: no stats/doveadm listeners beside the IMAP port
		'service doveadm {\n  inet_listener {\n    port = 0\n  }\n}',
	];
	if (!isRoot()) {
		// an unprivileged Dovecot runs every process as its own user, without chroot
		lines.push(`default_login_user = ${account.name}`, `default_internal_user = ${account.name}`);
		lines.push('service imap-login {\n  chroot =\n}', 'service auth-worker {\n  user = $default_internal_user\n}');
	}
	return `${lines.join('\n')}\n`;
}

/** One IMAP mailbox on 127.0.0.1 (`port`, `user`, `password`): files mail into it and reads its status. */
class ImapMailbox {
	constructor({ port, user, password }) {
		Object.assign(this, { port, user, password, host: HOST });
	}

	/** IMAP APPEND of one RFC 822 message (string or Buffer) into INBOX, unread, as a mail client files it. */
	async append(message, { mailbox = 'INBOX' } = {}) {
		const bytes = Buffer.isBuffer(message) ? message : Buffer.from(message);
		const session = await ImapSession.open(this);
		try {
			await session.login();
			await session.command(`APPEND ${mailbox} {${bytes.length}}`, { literal: bytes });
			await session.command('LOGOUT').catch(() => {});
		} finally {
			session.close();
		}
	}

	/** INBOX's number of messages and of unread ones (IMAP STATUS). */
	async status({ mailbox = 'INBOX' } = {}) {
		const session = await ImapSession.open(this);
		try {
			await session.login();
			const lines = await session.command(`STATUS ${mailbox} (MESSAGES UNSEEN)`);
			const line = lines.find((l) => l.startsWith('* STATUS')) || '';
			const count = (key) => Number((new RegExp(`${key} (\\d+)`).exec(line) || [])[1]);
			return { messages: count('MESSAGES'), unseen: count('UNSEEN') };
		} finally {
			session.close();
		}
	}

	/** What an n8n IMAP credential (type `imap`) holds to reach this mailbox. */
	credentialData() {
		return { user: this.user, password: this.password, host: HOST, port: this.port, secure: false, allowUnauthorizedCerts: false };
	}
}

class Dovecot extends ImapMailbox {
	/** Starts Dovecot (`dovecot -F`, our child) on a free port with one user; retried on a taken port. */
	static async start({ name, user = 'requests@example.com', password = 'imap-test-password', log = () => {} }) {
		return await bootOnFreePort(
			async () => new Dovecot(serviceDir(name, 'imap', { world: true }), await freePort(), { user, password, log }),
		);
	}

	constructor(dir, port, { user, password, log }) {
		super({ port, user, password });
		Object.assign(this, { dir, log, pid: null });
		this.conf = path.join(dir, 'dovecot.conf');
		this.logFile = path.join(dir, 'dovecot.log');
	}

	async boot() {
		const account = mailAccount();
		fs.mkdirSync(path.join(this.dir, 'mail'), { recursive: true });
		if (isRoot()) fs.chownSync(path.join(this.dir, 'mail'), account.uid, account.gid);
		fs.writeFileSync(path.join(this.dir, 'users'), `${this.user}:{PLAIN}${this.password}\n`, { mode: 0o644 });
		fs.writeFileSync(this.conf, config({ dir: this.dir, port: this.port, account }));
		const t0 = Date.now();
		const child = spawn('dovecot', ['-F', '-c', this.conf], { cwd: this.dir, stdio: 'ignore', detached: true });
		child.unref();
		this.pid = child.pid;
		alive.add(this.pid);
		await waitUntil(`Dovecot's IMAP greeting on ${HOST}:${this.port}`, () => this.greets(), {
			timeoutMs: 20000,
			intervalMs: 100,
			onPoll: () => {
				if (!alive.has(this.pid) || !pidAlive(this.pid)) throw new Error(`dovecot exited at start:\n${this.logTail()}`);
			},
		});
		this.log(`dovecot on ${HOST}:${this.port} (pid ${this.pid}) in ${Date.now() - t0} ms`);
	}

	logTail() {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8').slice(-2000) : '(no log)';
	}

	/** true once a connection gets `* OK` (Dovecot's greeting). */
	async greets() {
		const session = await ImapSession.open(this);
		session.close();
		return true;
	}

	/** SIGTERM (Dovecot stops its children), SIGKILL if it lingers. */
	async stop() {
		await killPid(this.pid, 'SIGTERM');
		this.pid = null;
	}
}

/** A minimal IMAP client (RFC 9051 commands, one at a time): enough to file mail and read a mailbox's status. */
class ImapSession {
	static open(server) {
		return new Promise((resolve, reject) => {
			const session = new ImapSession(server);
			session.socket = net.connect(server.port, HOST);
			session.socket.setTimeout(15000, () => session.socket.destroy(new Error('IMAP: no answer in 15 s')));
			session.socket.once('error', reject);
			session.waiting = { test: (line) => /^\* OK/.test(line), resolve: () => resolve(session), reject };
			session.socket.on('data', (d) => session.onData(d));
		});
	}

	constructor(server) {
		Object.assign(this, { server, buffer: '', lines: [], tag: 0, waiting: null });
	}

	onData(chunk) {
		this.buffer += chunk.toString('utf8');
		let i;
		while ((i = this.buffer.indexOf('\r\n')) >= 0) {
			const line = this.buffer.slice(0, i);
			this.buffer = this.buffer.slice(i + 2);
			this.lines.push(line);
			const w = this.waiting;
			if (w && w.test(line)) {
				this.waiting = null;
				w.resolve(line);
			}
		}
	}

	/** Sends `a<n> <text>` and resolves with the lines up to its tagged OK (rejects on NO/BAD). */
	command(text, { literal } = {}) {
		const tag = `a${++this.tag}`;
		this.lines = [];
		return new Promise((resolve, reject) => {
			this.socket.once('error', reject);
			const done = (line) => {
				if (/^\S+ OK/.test(line)) resolve(this.lines);
				else reject(new Error(`IMAP ${text.split(' ')[0]}: ${line}`));
			};
			const tagged = (line) => line.startsWith(`${tag} `);
			if (literal) {
				// the server's "+ " continuation asks for the literal's bytes
				this.waiting = {
					test: (line) => line.startsWith('+') || tagged(line),
					resolve: (line) => {
						if (tagged(line)) return done(line);
						this.waiting = { test: tagged, resolve: done };
						this.socket.write(Buffer.concat([literal, Buffer.from('\r\n')]));
					},
				};
			} else {
				this.waiting = { test: tagged, resolve: done };
			}
			this.socket.write(`${tag} ${text}\r\n`);
		});
	}

	login() {
		const quote = (s) => `"${String(s).replace(/["\\]/g, '\\$&')}"`;
		return this.command(`LOGIN ${quote(this.server.user)} ${quote(this.server.password)}`);
	}

	close() {
		this.socket.destroy();
	}
}

module.exports = { Dovecot, ImapMailbox };
