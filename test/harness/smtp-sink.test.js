'use strict';
// The SMTP sink (test/support/smtp-sink.js, MailDev): loopback only, its mail in the run folder, a message's
// attachments read back byte for byte (SHA-256), a clean stop. The message is sent by hand (plain SMTP), so the
// sink is proved apart from any mail client.
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { startSmtpSink, sha256 } = require('../support/smtp-sink');

jest.setTimeout(120000);

/** One SMTP session: each command after the server's answer to the previous one (answers checked by code). */
function sendMail({ host, port }, message) {
	const steps = [
		[null, 220],
		['EHLO test.local', 250],
		['MAIL FROM:<alerts@example.com>', 250],
		['RCPT TO:<team@example.com>', 250],
		['DATA', 354],
		[`${message.replace(/\r?\n/g, '\r\n')}\r\n.`, 250],
		['QUIT', 221],
	];
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, host);
		let buffer = '';
		let step = 0;
		socket.on('data', (chunk) => {
			buffer += chunk;
			// a full reply: its last line is "<code> <text>" (no dash after the code)
			const lines = buffer.split('\r\n').filter(Boolean);
			const last = lines[lines.length - 1];
			if (!buffer.endsWith('\r\n') || !/^\d{3} /.test(last)) return;
			buffer = '';
			const code = Number(last.slice(0, 3));
			if (code !== steps[step][1]) {
				socket.destroy();
				reject(new Error(`SMTP step ${step}: expected ${steps[step][1]}, got ${last}`));
				return;
			}
			step += 1;
			if (step === steps.length) return socket.end(resolve);
			socket.write(`${steps[step][0]}\r\n`);
		});
		socket.on('error', reject);
	});
}

describe('SMTP sink (MailDev)', () => {
	let dir;
	let sink;

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-smtp-sink-'));
		sink = await startSmtpSink({ dir });
	});

	afterAll(async () => {
		if (sink) await sink.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('listens on 127.0.0.1 only, and keeps its mail in the run folder', () => {
		expect(sink.smtp.host).toBe('127.0.0.1');
		expect(new URL(sink.inboxUrl).hostname).toBe('127.0.0.1');
		expect(sink.mailDir).toBe(path.join(dir, 'mail'));
	});

	test('a message with two attachments is read back: names, content ids, the exact bytes (SHA-256)', async () => {
		const photos = [crypto.randomBytes(3000), crypto.randomBytes(1)];
		const part = (bytes, i) =>
			[
				'--b1',
				`Content-Type: image/png; name=photo-${i}.png`,
				'Content-Transfer-Encoding: base64',
				`Content-ID: <photo_${i}>`,
				`Content-Disposition: attachment; filename=photo-${i}.png`,
				'',
				bytes.toString('base64').replace(/.{76}/g, '$&\n'),
			].join('\n');
		const message = [
			'From: alerts@example.com',
			'To: team@example.com',
			'Subject: Sink check',
			'MIME-Version: 1.0',
			'Content-Type: multipart/mixed; boundary=b1',
			'',
			'--b1',
			'Content-Type: text/plain',
			'',
			'Two photos.',
			...photos.map(part),
			'--b1--',
		].join('\n');
		await sendMail(sink.smtp, message);
		const [mail] = await sink.waitForMessages(1);
		expect(mail).toMatchObject({ subject: 'Sink check', to: ['team@example.com'], from: ['alerts@example.com'] });
		expect(mail.attachments.map((a) => [a.fileName, a.contentId, a.sha256])).toEqual(
			photos.map((bytes, i) => [`photo-${i}.png`, `photo_${i}`, sha256(bytes)]),
		);
		expect(fs.readdirSync(sink.mailDir).some((f) => f === `${mail.id}.eml`)).toBe(true);
		await sink.clear();
		expect(await sink.messages()).toEqual([]);
	});

	test('stop() ends MailDev cleanly (exit 0) and frees both ports', async () => {
		const exit = await sink.stop();
		expect(exit).toEqual({ code: 0, signal: null });
		for (const port of [sink.smtp.port, Number(new URL(sink.inboxUrl).port)]) {
			const open = await new Promise((resolve) => {
				const socket = net.connect(port, '127.0.0.1');
				socket.once('connect', () => socket.end(() => resolve(true)));
				socket.once('error', () => resolve(false));
			});
			expect(open).toBe(false);
		}
	});
});
