'use strict';
// The IMAP server of the e-mail example's suite (test/harness/dovecot.js): real Dovecot from Debian's package
// (installed when missing), on 127.0.0.1 only, a mail APPENDed as a mail client files it is stored whole and
// unread, a wrong password is refused, and stop() leaves no process and no listener.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { ensureDebianPackages } = require('./services');
const { Dovecot, ImapMailbox } = require('./dovecot');

jest.setTimeout(180000);

const MAIL = [
	'From: Tenant <tenant@example.com>',
	'To: requests@example.com',
	'Subject: Leak',
	'Message-ID: <leak-1@example.com>',
	'Content-Type: text/plain; charset=utf-8',
	'',
	'Water under the sink.',
	'',
].join('\r\n');

/** The local addresses listening on `port` (/proc/net/tcp and tcp6: hex address:port, state 0A = LISTEN). */
const listeners = (port) =>
	['/proc/net/tcp', '/proc/net/tcp6']
		.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').slice(1))
		.map((line) => line.trim().split(/\s+/))
		.filter((cols) => cols.length > 3 && cols[3] === '0A' && parseInt(cols[1].split(':')[1], 16) === port)
		.map((cols) => cols[1].split(':')[0]);

const connects = (port, host) =>
	new Promise((resolve) => {
		const socket = net.connect(port, host);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

let imap;
beforeAll(async () => {
	ensureDebianPackages(['dovecot-imapd']);
	imap = await Dovecot.start({ name: 'harness-dovecot' });
});
afterAll(() => imap && imap.stop());

test('a mail APPENDed twice (the second from the address alone, as npm run send-mail): two unread messages, byte for byte', async () => {
	expect(await imap.status()).toEqual({ messages: 0, unseen: 0 });
	await imap.append(MAIL);
	await new ImapMailbox({ port: imap.port, user: imap.user, password: imap.password }).append(MAIL);
	expect(await imap.status()).toEqual({ messages: 2, unseen: 2 });
	const newMail = path.join(imap.dir, 'mail', imap.user, 'new');
	const stored = fs.readdirSync(newMail).map((f) => fs.readFileSync(path.join(newMail, f), 'utf8'));
	// Dovecot's maildir keeps the client's bytes (line ends as sent)
	expect(stored.map((s) => s.replace(/\r\n/g, '\n'))).toEqual([MAIL, MAIL].map((s) => s.replace(/\r\n/g, '\n')));
});

test('a wrong password is refused', async () => {
	const wrong = Object.assign(Object.create(Object.getPrototypeOf(imap)), imap, { password: 'not-it' });
	await expect(wrong.status()).rejects.toThrow(/IMAP LOGIN: a\d+ NO/);
});

test('listens on 127.0.0.1 only; stop() ends the server and its port', async () => {
	expect(await connects(imap.port, '127.0.0.1')).toBe(true);
	expect(listeners(imap.port)).toEqual(['0100007F']); // 127.0.0.1, IPv4 only
	const { port, pid } = imap;
	await imap.stop();
	imap = null;
	expect(() => process.kill(pid, 0)).toThrow();
	expect(await connects(port, '127.0.0.1')).toBe(false);
});
