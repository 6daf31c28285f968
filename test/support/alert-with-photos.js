'use strict';
// examples/keyclic-alert-with-photos.json in any n8n of the harness (regular or queue mode), against an
// in-process Keyclic emulator and the SMTP sink (test/support/smtp-sink.js):
//
//   const sink = await startSmtpSink({ dir: n8n.dir });
//   const { waitFor } = importAlertWithPhotos(n8n, { emulatorUrl: emu.url, smtp: sink.smtp });  // before n8n.start()
//   await n8n.start({ waitFor });
//   await waitForAlertRegistration(emu);
//   const { mail, photos } = await runAlertWithPhotos({ n8n, emu, sink, photos: [{ name, contentType, bytes }] });
//   // mail.attachments[i].sha256 === photos[i].sha256
const path = require('node:path');

const { ROOT } = require('../harness/package');
const { emulatorApiCredential } = require('../harness/credentials');
const { waitUntil } = require('../harness/wait');
const { smtpCredential } = require('./smtp-sink');

const ALERT = require(path.join(ROOT, 'examples', 'keyclic-alert-with-photos.json'));
const TRIGGER = ALERT.nodes.find((n) => n.type === 'n8n-nodes-keyclic.keyclicTrigger');
const ORGANIZATION = TRIGGER.parameters.organization.value;
const API_CREDENTIAL = TRIGGER.credentials.keyclicApi;
/** The webhook path n8n registers for the example's trigger (what n8n.start() waits for). */
const ALERT_WAIT_FOR = [`${TRIGGER.webhookId}/webhook`];
/** How long the example waits after the notification before it reads the report's photos (its Wait node). */
const WAIT = ALERT.nodes.find((n) => n.type === 'n8n-nodes-base.wait').parameters;
if (WAIT.unit !== 'seconds') throw new Error(`the example's Wait is in ${WAIT.unit}: test/support/alert-with-photos.js reads seconds`);
const WAIT_SECONDS = WAIT.amount;
const SMTP_CREDENTIAL = ALERT.nodes.find((n) => n.type === 'n8n-nodes-base.emailSend').credentials.smtp;

/** The example's two credentials: the Keyclic API at `emulatorUrl`, SMTP to the sink. */
function alertCredentials({ emulatorUrl, smtp }) {
	return [emulatorApiCredential(API_CREDENTIAL, emulatorUrl), smtpCredential(SMTP_CREDENTIAL, smtp)];
}

/** Imports the example and its credentials and publishes it (n8n's CLI: before start). Returns what start() waits for. */
function importAlertWithPhotos(n8n, { emulatorUrl, smtp }) {
	n8n.importCredentials(alertCredentials({ emulatorUrl, smtp }));
	n8n.importWorkflows([ALERT]);
	n8n.activate(ALERT.id);
	return { waitFor: ALERT_WAIT_FOR };
}

/** The example's webhooks the emulator holds (Automatic registration: one, report_created). */
const alertWebhooks = (emu) => emu.state.webhooks.filter((h) => h.payloadUrl.includes(TRIGGER.webhookId));

async function waitForAlertRegistration(emu, { timeoutMs = 60000 } = {}) {
	return waitUntil('the alert example to register its Keyclic webhook', () => alertWebhooks(emu).length === 1, { timeoutMs });
}

const toFileData = (p) => ({ name: p.name, contentType: p.contentType, content: Buffer.from(p.bytes).toString('base64') });

/** The emulator's delivery of the report's reportCreated to the example (what Keyclic sent, and n8n's answer). */
const deliveryOf = (emu, report) => emu.deliveries.find((d) => d.url.includes(TRIGGER.webhookId) && d.body.payload.id === report.id);

/**
 * Files a report with `photos` ([{ name, contentType, bytes }]) in the emulator (one call: the photos are there
 * when Keyclic notifies), adds `latePhotos` once n8n has answered the notification (as the Keyclic app adds them
 * in later calls, while the example is in its Wait), then waits for the example's execution and its e-mail
 * (subject: the report's reference); the execution with its run data when `includeData`.
 * Returns { report, photos (the emulator's: sha256, size…), mail (the sink's: attachments with sha256), execution, delivery }.
 */
async function runAlertWithPhotos({
	n8n,
	emu,
	sink,
	photos,
	latePhotos = [],
	includeData = false,
	description = 'Water leak under the sink, 2nd floor',
	timeoutMs = 180000,
}) {
	const before = (await n8n.executions(ALERT.id, { includeData: false })).length;
	const report = emu.createReport({ organization: ORGANIZATION, description, photos: photos.map(toFileData) });
	if (latePhotos.length) {
		await waitUntil('n8n to answer the reportCreated notification', () => deliveryOf(emu, report), { timeoutMs });
		for (const photo of latePhotos) emu.addPhoto('report', report.id, photo);
	}
	const [mail] = await sink.waitForMessages(1, { timeoutMs, match: (m) => (m.subject || '').includes(report.reference) });
	const executions = await n8n.waitForExecutions(ALERT.id, before + 1, { timeoutMs, includeData });
	return { report, photos: emu.photos('report', report.id), mail, execution: executions[0], delivery: deliveryOf(emu, report) };
}

/**
 * Keyclic delivers the same notification again (a retry, a replay): posts `delivery`'s body to n8n once more and
 * waits for the execution it causes. Returns { status (n8n's answer), execution, mails (every e-mail naming the report) }.
 */
async function deliverAgain({ n8n, sink, report, delivery, timeoutMs = 180000 }) {
	const before = (await n8n.executions(ALERT.id, { includeData: false })).length;
	const res = await n8n.post(delivery.url, delivery.body);
	const executions = await n8n.waitForExecutions(ALERT.id, before + 1, { timeoutMs });
	const mails = (await sink.messages()).filter((m) => (m.subject || '').includes(report.reference));
	return { status: res.status, execution: executions[0], mails };
}

module.exports = {
	ALERT,
	ALERT_WAIT_FOR,
	ORGANIZATION,
	WAIT_SECONDS,
	alertCredentials,
	importAlertWithPhotos,
	alertWebhooks,
	waitForAlertRegistration,
	runAlertWithPhotos,
	deliverAgain,
};
