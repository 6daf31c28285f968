'use strict';
// The e-mail intake example in `npm start` (examples/keyclic-report-from-email.json, Email Trigger (IMAP)): a
// throwaway mailbox in the harness's Dovecot (test/harness/dovecot.js: 127.0.0.1, a free port, a folder removed by
// the next run; it starts in about 0.3 s), the example's IMAP credential on it, its Keyclic API credential on the
// local emulator, the example imported and published once per run folder. `npm run send-mail` files a mail into the
// mailbox. `npm start` does not install Dovecot (a system package, installed as root): without it, the banner
// prints the apt-get line and the rest of the demo runs as before.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('../../test/harness/package');
const { emulatorApiCredential } = require('../../test/harness/credentials');
const { missingDebianPackages } = require('../../test/harness/services');
const { Dovecot } = require('../../test/harness/dovecot');
const { waitUntil } = require('../../test/harness/wait');

const MAIL_EXAMPLE = require(path.join(ROOT, 'examples', 'keyclic-report-from-email.json'));
const nodeOf = (type) => MAIL_EXAMPLE.nodes.find((n) => n.type === type);
const IMAP_CREDENTIAL = nodeOf('n8n-nodes-base.emailReadImap').credentials.imap;
const KEYCLIC_CREDENTIAL = nodeOf('n8n-nodes-keyclic.keyclic').credentials.keyclicApi;
const PLACE_RULES = JSON.parse(MAIL_EXAMPLE.nodes.find((n) => n.name === 'Place Rules').parameters.assignments.assignments[0].value);
/** The address `npm run send-mail` writes to: the example's first place rule (a place of the emulator's demo organization). */
const MAIL_TO = Object.keys(PLACE_RULES)[0];
const DOVECOT_PACKAGE = 'dovecot-imapd';

/**
 * Before n8n starts: the mailbox (null without Dovecot) and what demo.js imports in its own CLI calls: the example's
 * credentials (each run: a new port and password) and, on the first run that has Dovecot, the example to publish.
 * Returns { mailbox, credentials, workflows, connection (the connection file's fields to set), helpers (to record) }.
 */
async function prepareMailIntake({ emulatorUrl, connection, onStop }) {
	if (missingDebianPackages([DOVECOT_PACKAGE]).length) {
		// an earlier run's mailbox is gone with it
		return { mailbox: null, credentials: [], workflows: [], connection: { imap: undefined, mailTo: undefined }, helpers: [] };
	}
	const mailbox = await Dovecot.start({ name: 'npm-start-imap', password: crypto.randomBytes(12).toString('hex') });
	onStop(async () => {
		await mailbox.stop();
		fs.rmSync(path.dirname(mailbox.dir), { recursive: true, force: true }); // <runs>/npm-start-imap.<pid>: throwaway
	});
	return {
		mailbox,
		credentials: [
			emulatorApiCredential(KEYCLIC_CREDENTIAL, emulatorUrl),
			{ ...IMAP_CREDENTIAL, type: 'imap', data: mailbox.credentialData() },
		],
		workflows: connection.mailImported === MAIL_EXAMPLE.id ? [] : [MAIL_EXAMPLE], // the id: an example whose id changed is imported anew
		connection: {
			imap: { port: mailbox.port, user: mailbox.user, password: mailbox.password },
			mailTo: MAIL_TO,
			mailImported: MAIL_EXAMPLE.id,
		},
		helpers: [{ role: 'Dovecot', pid: mailbox.pid, group: true }],
	};
}

/**
 * After n8n started: 'published' once the published example's IMAP trigger has logged in to the mailbox (Dovecot's
 * log says so), 'unpublished', or what n8n says when its trigger has not logged in within a minute (the rest of
 * the demo runs on: a mail filed meanwhile waits, unread, for the trigger's next connection).
 * `publishAgain` (a run after the one that imported it): n8n 2.41.1 was seen keeping the example "active" without
 * connecting its trigger at start after a run where its activation failed (no Dovecot then); publishing it again
 * (n8n's public API) connects it, as it does for the Automatic examples.
 */
async function mailIntakeState(n8n, api, mailbox, { publishAgain }) {
	const stored = await api('GET', `/workflows/${MAIL_EXAMPLE.id}`);
	if (!stored || !stored.active) return 'unpublished';
	const logins = () =>
		fs.existsSync(mailbox.logFile) ? fs.readFileSync(mailbox.logFile, 'utf8').split(`Login: user=<${mailbox.user}>`).length - 1 : 0;
	let before = 0;
	if (publishAgain) {
		await api('POST', `/workflows/${MAIL_EXAMPLE.id}/deactivate`);
		before = logins();
		const again = stored.activeVersionId ? { versionId: stored.activeVersionId } : undefined; // 2.x: the published version
		await api('POST', `/workflows/${MAIL_EXAMPLE.id}/activate`, again);
	}
	try {
		await waitUntil(`"${MAIL_EXAMPLE.name}" to log in to its mailbox`, () => logins() > before, { timeoutMs: 60000 });
		return 'published';
	} catch {
		const why = await n8n.activationError(MAIL_EXAMPLE.id).catch(() => null);
		return `its trigger has not logged in to the mailbox within a minute${why ? `: n8n says ${JSON.stringify(why)}` : ''}`;
	}
}

/** The banner's lines about the e-mail example. */
function mailIntakeBanner({ mailbox, state, publishedEarlier, n8nLog }) {
	if (!mailbox) {
		const earlier = publishedEarlier
			? `\n                          (published by an earlier run, it cannot reach a mailbox now: n8n logs that it cannot connect)`
			: '';
		return `E-mail example:         not started: it needs Dovecot, an IMAP server (sudo apt-get install -y ${DOVECOT_PACKAGE}; then npm start again)${earlier}`;
	}
	if (state === 'unpublished') return `"${MAIL_EXAMPLE.name}" is not published: publish it in the editor to use it`;
	const reads = state === 'published' ? 'reads' : `should read (but ${state}; n8n's log: ${n8nLog})`;
	return `E-mail example:         "${MAIL_EXAMPLE.name}" ${reads} the mailbox ${mailbox.user}
                          (Dovecot, IMAP on ${mailbox.host}:${mailbox.port}, a throwaway mailbox; log: ${mailbox.logFile})
  Mail it a photo:        npm run send-mail -- [photo.jpg …]   (files a report in the emulator; the photo alert e-mails it)`;
}

module.exports = { prepareMailIntake, mailIntakeState, mailIntakeBanner, MAIL_EXAMPLE, MAIL_TO };
