#!/usr/bin/env node
'use strict';
// Files a test mail into the mailbox of the e-mail example started by `npm start` (IMAP APPEND, as a mail client
// files a mail it receives), then waits for the report the example files in the local Keyclic emulator.
//   npm run send-mail                          # the two sample photos (JPEG, PNG)
//   npm run send-mail -- leak.jpg hall.png     # your photos (JPEG or PNG; other files are attached, not sent to Keyclic)
//   KEYCLIC_N8N_VERSION=1.123.81 npm run send-mail   # to that version's npm start
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { connectionFile, lastConnectionFile } = require('./local/run-folders');
const { ImapMailbox } = require('../test/harness/dovecot');
const { waitUntil } = require('../test/harness/wait');
const { SAMPLE_PHOTOS } = require('../test/keyclic-emulator/files/samples');
const { demoHeaders, reportPhotoHashes } = require('../test/keyclic-emulator/demo-login');
const { mimeMessage } = require('../test/support/mail');

const CONNECTION = process.env.KEYCLIC_N8N_VERSION ? connectionFile(process.env.KEYCLIC_N8N_VERSION) : lastConnectionFile();
const TYPES = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.pdf': 'application/pdf' };
const WAIT_MS = 120000;
const PHOTO_TYPES = ['image/jpeg', 'image/png']; // what the example sends to Keyclic

function fail(message, code = 1) {
	console.error(message);
	process.exit(code);
}

function attachments(files) {
	if (!files.length) return SAMPLE_PHOTOS;
	return files.map((file) => {
		if (!fs.existsSync(file)) fail(`no such file: ${file}\nusage: npm run send-mail -- [photo.jpg …]`, 2);
		const contentType = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
		return { name: path.basename(file), contentType, bytes: fs.readFileSync(file) };
	});
}

/**
 * The report whose description starts with `subject` and its photos' SHA-256, once the example has filed it with
 * `photos` photos (the Keyclic node adds them one by one after creating the report); what there is after WAIT_MS.
 */
async function reportFiled({ emulator, organization }, subject, photos) {
	const headers = await demoHeaders(emulator);
	let found = { report: null, hashes: [] };
	const filed = async () => {
		const page = await fetch(`${emulator}/organizations/${organization}/reports?limit=50`, { headers }).then((r) => r.json());
		const report = ((page._embedded && page._embedded.items) || []).find((r) => (r.description || '').startsWith(subject));
		if (report) found = { report, hashes: await reportPhotoHashes(emulator, report.id, headers) };
		return Boolean(report) && found.hashes.length >= photos;
	};
	await waitUntil('the report and its photos', filed, { timeoutMs: WAIT_MS, intervalMs: 500 }).catch(() => {});
	return found;
}

async function main() {
	const connection = fs.existsSync(CONNECTION) ? JSON.parse(fs.readFileSync(CONNECTION, 'utf8')) : null;
	if (!connection) fail('n8n is not running from `npm start` here');
	if (!connection.imap) fail("the last `npm start` has no mailbox: it needs Dovecot (see npm start's banner)");
	const files = attachments(process.argv.slice(2));
	const stamp = new Date();
	const subject = `Demo mail ${stamp.toISOString()}`;
	const raw = mimeMessage({
		from: 'Tenant <tenant@example.com>',
		to: connection.mailTo,
		subject,
		messageId: `<demo-${crypto.randomUUID()}@mail.example.com>`,
		text: 'Water drips from the ceiling of the hall, next to the lift.\n',
		attachments: files,
		date: stamp,
	});
	await new ImapMailbox(connection.imap).append(raw);
	console.log(
		`Mailed "${subject}" to ${connection.mailTo} with ${files.map((f) => f.name).join(', ')} (IMAP port ${connection.imap.port}).`,
	);
	const photos = files.filter((f) => PHOTO_TYPES.includes(f.contentType)).length;
	const { report, hashes } = await reportFiled(connection, subject, photos);
	if (!report) {
		fail(`No report after ${WAIT_MS / 1000} s: see the executions of the e-mail example in the editor (${connection.editor}).`);
	}
	const count = `${hashes.length} photo${hashes.length === 1 ? '' : 's'}`;
	console.log(`Filed report ${report.id} (${report.reference}, ${count}) in the Keyclic emulator (${connection.emulator}).`);
	if (hashes.length < photos)
		fail(`The mail had ${photos} photos: see the e-mail example's execution in the editor (${connection.editor}).`);
	if (connection.inbox) console.log(`The photo alert e-mails it, with its photos, to the inbox: ${connection.inbox}`);
}

main().catch((e) => fail(`could not send the mail: ${e.message}`));
