'use strict';
// An RFC 5322 message as a mail client writes it: multipart/mixed, a UTF-8 text part (8bit) and
// attachments in base64 (76-character lines), CRLF line ends. For the e-mail example's suite, which files it
// into a real IMAP server (test/harness/dovecot.js).
//
//   const raw = mimeMessage({ from, to, subject, messageId, text, attachments: [{ name, contentType, bytes }] });

/** A header value with non-ASCII text as an RFC 2047 encoded word. */
const header = (value) => (/^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`);

const base64Lines = (bytes) =>
	(
		Buffer.from(bytes)
			.toString('base64')
			.match(/.{1,76}/g) || []
	).join('\r\n');

function mimeMessage({ from, to, subject, messageId, text, attachments = [], date = new Date('2026-12-05T09:30:00Z') }) {
	const boundary = `=_keyclic_${Buffer.from(messageId).toString('hex').slice(0, 24)}`;
	const parts = [
		['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text.replace(/\r?\n/g, '\r\n')].join('\r\n'),
		...attachments.map((a) =>
			[
				`Content-Type: ${a.contentType}; name="${a.name}"`,
				`Content-Disposition: attachment; filename="${a.name}"`,
				'Content-Transfer-Encoding: base64',
				'',
				base64Lines(a.bytes),
			].join('\r\n'),
		),
	];
	return [
		`From: ${header(from)}`,
		`To: ${to}`,
		`Subject: ${header(subject)}`,
		`Date: ${date.toUTCString().replace('GMT', '+0000')}`,
		`Message-ID: ${messageId}`,
		'MIME-Version: 1.0',
		`Content-Type: multipart/mixed; boundary="${boundary}"`,
		'',
		...parts.map((p) => `--${boundary}\r\n${p}`),
		`--${boundary}--`,
		'',
	].join('\r\n');
}

module.exports = { mimeMessage };
