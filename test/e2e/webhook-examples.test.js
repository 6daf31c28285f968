'use strict';
// The examples that start at a stock Webhook node, in ONE real n8n per version against local Keyclic
// emulators:
// - examples/keyclic-report-from-form.json (a form post → Keyclic: Report → Create) files the report
//   through POST /feedbacks/issues; Keyclic notifies reportCreated and the triage example
//   (examples/keyclic-triage.json, as it is) picks it up through its trigger: one operation, assigned,
//   the report accepted.
// - examples/keyclic-attach-cmms-report.json (a CMMS's multipart post → what Keyclic already holds: the
//   operation's documents and state → Keyclic Document → Upload to the operation if not attached yet →
//   Keyclic Operation → Change State if not resolved yet → an answer saying what was done), against a
//   2025-era emulator (documents on operations are s25's): the PDF reaches Keyclic byte for byte in the binary
//   data mode n8n uses by default in regular mode, filesystem in 2.x, memory in 1.x (queue mode, 'database':
//   test/queue/binary.test.js); the same post twice leaves one document and one state change; a refused state
//   change answers 502 with what was done and what to retry.
// - examples/keyclic-alert-with-photos.json (Keyclic Trigger, report_created, Automatic registration → Remove
//   Duplicates on eventKey → Wait for late photos → Keyclic: Report → Get Photos, all on one item: photo_0,
//   photo_1… → stock Send Email with those binary fields attached), against its own emulator and an SMTP sink
//   (MailDev): the e-mail carries exactly the emulator's photo bytes, as pictures; the same notification twice
//   sends one e-mail; a photo added after the notification, within the Wait, is in it.
// Every example here follows the twice rule (test/e2e/README.md) but the form's, left to its Form Trigger version.
const crypto = require('node:crypto');
const path = require('node:path');
const { createEmulator } = require('../keyclic-emulator');
const { N8n, nodeOutput, waitUntil } = require('../harness/n8n');

/** A node's first run in an execution (startTime, executionTime…). */
const runOf = (execution, nodeName) => execution.data.resultData.runData[nodeName][0];
const { versionsUnderTest } = require('../harness/versions');
const { ROOT } = require('../harness/package');
const { emulatorApiCredential } = require('../harness/credentials');
const cmms = require('../support/cmms');
const alert = require('../support/alert-with-photos');
const { startSmtpSink } = require('../support/smtp-sink');
const { SAMPLE_PHOTOS } = require('../keyclic-emulator/files/samples');

jest.setTimeout(20 * 60 * 1000);

const FORM = require(path.join(ROOT, 'examples', 'keyclic-report-from-form.json'));
const TRIAGE = require(path.join(ROOT, 'examples', 'keyclic-triage.json'));
const TRIGGER = TRIAGE.nodes.find((n) => n.type === 'n8n-nodes-keyclic.keyclicTrigger');
const CREDENTIAL = TRIAGE.nodes.find((n) => n.credentials && n.credentials.keyclicApi).credentials.keyclicApi;
const FORM_PATH = FORM.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
const BIG = 20 * 1000 * 1000; // a 20 MB scan: under the node's 64 MiB, ~26.7 MB of base64 to Keyclic
const defaultMode = (version) => (Number(version.split('.')[0]) >= 2 ? 'filesystem-v2' : 'memory');

describe.each(versionsUnderTest())('n8n %s: the stock Webhook node examples', (version) => {
	let emu;
	let emu2025;
	let emuAlert;
	let sink;
	let n8n;
	const ours = () => emu.state.webhooks.filter((h) => h.payloadUrl.includes(TRIGGER.webhookId));

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		emu2025 = await createEmulator({ port: 0, payloadEra: '2025' });
		emuAlert = await createEmulator({ port: 0 });
		n8n = await N8n.create({ version, name: `webhook-examples-${version}` });
		sink = await startSmtpSink({ dir: n8n.dir });
		n8n.importCredentials([
			emulatorApiCredential(CREDENTIAL, emu.url),
			cmms.cmmsCredential(emu2025.url),
			...alert.alertCredentials({ emulatorUrl: emuAlert.url, smtp: sink.smtp }),
		]);
		n8n.importWorkflows([TRIAGE, FORM, cmms.EXAMPLE, alert.ALERT]);
		n8n.activate(TRIAGE.id, FORM.id, cmms.EXAMPLE.id, alert.ALERT.id);
		await n8n.start({ waitFor: [`${TRIGGER.webhookId}/webhook`, FORM_PATH, cmms.CMMS_PATH, ...alert.ALERT_WAIT_FOR] });
		await waitUntil('the trigger to register its webhook', () => ours().length === 1, { timeoutMs: 60000 });
		await alert.waitForAlertRegistration(emuAlert);
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (sink) await sink.stop();
		if (emuAlert) await emuAlert.close();
		if (emu) await emu.close();
		if (emu2025) await emu2025.close();
	});

	describe('examples/keyclic-report-from-form.json', () => {
		test('the form post creates the report in Keyclic; the triage workflow creates, assigns and accepts it', async () => {
			const place = emu.seed.places[0];
			const form = new URLSearchParams({
				place: place.id,
				description: 'Fuite sous l’évier, cuisine du 2e',
				latitude: String(place.latitude),
				longitude: String(place.longitude),
			});
			const res = await n8n.post(`${n8n.baseUrl}/webhook/${FORM_PATH}`, form.toString(), {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				raw: true,
			});
			expect(res.status).toBe(200);
			// the form's answer is the new report (Simplify: the trigger's fields)
			expect(res.body).toMatchObject({ resourceType: 'report', organizationId: place.organizationId, state: 'NEW' });
			const reportId = res.body.id;
			const [formRun] = await n8n.waitForExecutions(FORM.id, 1);
			expect(formRun.status).toBe('success');

			// the same post again (a double click, a browser retry): answered, nothing filed twice
			const again = await n8n.post(`${n8n.baseUrl}/webhook/${FORM_PATH}`, form.toString(), {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				raw: true,
			});
			expect(again.status).toBe(200);
			expect(again.body).toMatchObject({ filed: false, message: expect.stringMatching(/already filed/) });
			const runs = await n8n.waitForExecutions(FORM.id, 2);
			expect(runs.map((run) => run.status)).toEqual(['success', 'success']);
			expect(emu.state.reports.filter((r) => r.description === 'Fuite sous l’évier, cuisine du 2e')).toHaveLength(1);
			expect(nodeOutput(formRun, 'Create Report')).toEqual([
				expect.objectContaining({ id: reportId, payload: expect.objectContaining({ description: 'Fuite sous l’évier, cuisine du 2e' }) }),
			]);

			// Keyclic notifies reportCreated; the triage example handles it
			await emu.waitForIdle();
			const [triage] = await n8n.waitForExecutions(TRIAGE.id, 1);
			expect(triage.status).toBe('success');
			expect(nodeOutput(triage, TRIGGER.name)).toEqual([expect.objectContaining({ id: reportId })]);
			const state = emu.state;
			const operations = state.operations.filter((o) => o.report === reportId);
			expect(operations).toHaveLength(1);
			expect(operations[0]).toMatchObject({ state: 'ASSIGNED', operator: emu.seed.technician.id });
			expect(state.reports.find((r) => r.id === reportId).state).toBe('ACCEPTED');
		});
	});

	describe('examples/keyclic-attach-cmms-report.json', () => {
		let executions = 0;
		const url = () => `${n8n.baseUrl}/webhook/${cmms.CMMS_PATH}`;
		/**
		 * Waits for the execution the last post caused (every earlier one finished first) and returns it with its data,
		 * read alone (or not at all: `withData` false): in 1.x's memory mode every execution's data holds its PDF (20 MB
		 * in base64, on several nodes), minutes to serve and parse on a loaded machine.
		 */
		const settled = async ({ withData = true } = {}) => {
			executions += 1;
			const all = await n8n.waitForExecutions(cmms.EXAMPLE.id, executions, { timeoutMs: 180000, includeData: false });
			const newest = all.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
			return withData ? n8n.execution(newest.id) : newest;
		};

		test.each([
			['a 300 kB PDF', 300 * 1000],
			['a 20 MB PDF', BIG],
		])(
			`%s reaches Keyclic byte for byte (binary mode ${defaultMode(version)}); the operation is resolved; the same post again changes nothing`,
			async (_, size) => {
				const operationId = cmms.operationInProgress(emu2025);
				const pdf = cmms.pdfOf(size);
				const workOrder = { operationId, pdf, fileName: 'OT-4711.pdf', comment: 'Joint remplacé' };
				const res = await cmms.postWorkOrder(n8n, url(), workOrder);
				const execution = await settled();
				expect(execution.status).toBe('success');
				expect(cmms.binaryModeOf(execution)).toBe(defaultMode(version));
				expect({ status: res.status, body: res.body }).toEqual({
					status: 200,
					body: { id: operationId, state: 'RESOLVED', document: { name: 'OT-4711.pdf', attached: 'now' }, stateChange: 'now' },
				});
				expect(nodeOutput(execution, 'Upload Report PDF')).toEqual([expect.objectContaining({ type: 'Document' })]);
				const done = {
					state: 'RESOLVED',
					documents: [{ name: 'OT-4711.pdf', contentType: 'application/pdf', size, sha256: cmms.sha256(pdf) }],
					comments: ['Joint remplacé'],
				};
				expect(cmms.operationInEmulator(emu2025, operationId)).toEqual(done);

				// the CMMS posts the same work order again (its retry after a timeout): one document, one state change
				const again = await cmms.postWorkOrder(n8n, url(), workOrder);
				// what the replay did is in the answer and in Keyclic (its run data, PDF included, is not read)
				const replay = await settled({ withData: false });
				expect(replay.status).toBe('success');
				expect({ status: again.status, body: again.body }).toEqual({
					status: 200,
					body: { id: operationId, state: 'RESOLVED', document: { name: 'OT-4711.pdf', attached: 'already' }, stateChange: 'already' },
				});
				expect(cmms.operationInEmulator(emu2025, operationId)).toEqual(done);
			},
		);

		test('a state change Keyclic refuses: the answer says the document is attached and to post again; the same post, once the operation can be resolved, resolves it with one document', async () => {
			// an operation still NEW (not assigned, not started): Keyclic refuses to resolve it
			const report = emu2025.createReport({ organization: emu2025.seed.organizations[0].id, description: 'Porte de garage bloquée' });
			const operationId = emu2025.createOperation({ report: report.id, name: 'Débloquer la porte' }).id;
			const pdf = cmms.pdfOf(50 * 1000);
			const workOrder = { operationId, pdf, fileName: 'OT-4712.pdf', comment: 'Moteur changé' };
			const document = { name: 'OT-4712.pdf', contentType: 'application/pdf', size: pdf.length, sha256: cmms.sha256(pdf) };

			const res = await cmms.postWorkOrder(n8n, url(), workOrder);
			const failed = await settled();
			expect(failed.status).toBe('success'); // the failure is the answer's, on Mark Operation Done's error output
			expect(res.status).toBe(502);
			expect(res.body).toEqual({
				id: operationId,
				state: 'NEW',
				document: { name: 'OT-4712.pdf', attached: 'now' },
				stateChange: 'failed',
				error: expect.any(String),
				retry: expect.stringMatching(/^Post the same work order again/),
			});
			expect(cmms.operationInEmulator(emu2025, operationId)).toEqual({ state: 'NEW', documents: [document], comments: [] });

			// the technician starts the operation in Keyclic; the CMMS posts the same work order again
			emu2025.assignOperation(operationId);
			emu2025.transitionOperation(operationId, 'progress');
			const again = await cmms.postWorkOrder(n8n, url(), workOrder);
			expect((await settled()).status).toBe('success');
			expect({ status: again.status, body: again.body }).toEqual({
				status: 200,
				body: { id: operationId, state: 'RESOLVED', document: { name: 'OT-4712.pdf', attached: 'already' }, stateChange: 'now' },
			});
			expect(cmms.operationInEmulator(emu2025, operationId)).toEqual({
				state: 'RESOLVED',
				documents: [document],
				comments: ['Moteur changé'],
			});
		});

		test('a post without the file is answered 400 naming the field, before any Keyclic call; the operation keeps its state and gets no document', async () => {
			const operationId = cmms.operationInProgress(emu2025);
			const form = new FormData();
			form.set('operationId', operationId);
			const res = await n8n.post(url(), form, { raw: true, headers: { 'content-type': null } });
			const answered = await settled();
			expect(answered.status).toBe('success');
			expect(res.status).toBe(400);
			expect(res.body).toMatchObject({ id: operationId, message: expect.stringMatching(/no file in the multipart field "file"/) });
			expect(cmms.operationInEmulator(emu2025, operationId)).toEqual({ state: 'IN_PROGRESS', documents: [], comments: [] });
		});

		test('a post for an operation Keyclic does not know is answered 502 with what Keyclic said and to post again (never a bare 200)', async () => {
			const operationId = crypto.randomUUID();
			const form = new FormData();
			form.set('operationId', operationId);
			form.set('file', new Blob([Buffer.from('%PDF-1.4 unknown operation')], { type: 'application/pdf' }), 'OT-0000.pdf');
			const res = await n8n.post(url(), form, { raw: true, headers: { 'content-type': null } });
			await settled({ withData: false });
			expect(res.status).toBe(502);
			expect(res.body).toMatchObject({
				id: operationId,
				message: expect.stringMatching(/^Keyclic refused or did not answer: /),
				retry: expect.any(String),
			});
		});
	});

	describe('examples/keyclic-alert-with-photos.json', () => {
		const attachmentsOf = (mail) => mail.attachments.map((a) => ({ fileName: a.fileName, contentId: a.contentId, sha256: a.sha256 }));

		test('a report with two photos: one e-mail, its two attachments exactly the emulator photos (SHA-256), in order, as pictures; the same notification again sends no second e-mail', async () => {
			const { report, photos, mail, execution, delivery } = await alert.runAlertWithPhotos({
				n8n,
				emu: emuAlert,
				sink,
				photos: SAMPLE_PHOTOS,
				includeData: true,
			});
			expect(execution.status).toBe('success');
			expect(photos).toHaveLength(2);
			expect(mail.to).toEqual(['maintenance-team@example.com']);
			expect(mail.subject).toBe(`New report ${report.reference}: 2 photo(s)`);
			expect(attachmentsOf(mail)).toEqual(
				photos.map((p, i) => ({ fileName: SAMPLE_PHOTOS[i].name, contentId: `photo_${i}`, sha256: p.sha256 })),
			);
			// pictures for a mail client: each attachment's MIME type is the photo's
			expect(mail.attachments.map((a) => a.contentType)).toEqual(SAMPLE_PHOTOS.map((p) => p.contentType));
			// each photo shows in the body (<img src="cid:photo_0">…; MailDev shows them as data: URIs)
			expect(mail.html.match(/<img [^>]*alt="[^"]+"/g)).toEqual(SAMPLE_PHOTOS.map((p) => expect.stringContaining(`alt="${p.name}"`)));

			// Keyclic delivers the same notification again: n8n runs it, Remove Duplicates (eventKey) stops it
			const again = await alert.deliverAgain({ n8n, sink, report, delivery });
			expect(again.status).toBe(200);
			expect(again.execution.status).toBe('success');
			expect(nodeOutput(again.execution, 'Keyclic Trigger')).toEqual([
				expect.objectContaining({ eventKey: nodeOutput(execution, 'Keyclic Trigger')[0].eventKey }),
			]);
			expect(nodeOutput(again.execution, 'Remove Duplicates')).toEqual([]);
			expect(again.mails).toHaveLength(1);
		});

		test('photos added after reportCreated (while the example waits) are in the e-mail, as pictures even when the file host says only octet-stream and a UUID', async () => {
			const [first, second] = SAMPLE_PHOTOS;
			// the late photo as the file host of issue 23's Keyclic stand-in served it: no type, no name but a UUID
			const nameless = { name: crypto.randomUUID(), contentType: 'application/octet-stream', bytes: second.bytes };
			const { report, photos, mail, execution, delivery } = await alert.runAlertWithPhotos({
				n8n,
				emu: emuAlert,
				sink,
				photos: [first],
				latePhotos: [nameless],
				includeData: true,
			});
			expect(execution.status).toBe('success');
			expect(photos.map((p) => p.name)).toEqual([first.name, nameless.name]);
			expect(mail.subject).toBe(`New report ${report.reference}: 2 photo(s)`);
			expect(attachmentsOf(mail)).toEqual([
				{ fileName: first.name, contentId: 'photo_0', sha256: photos[0].sha256 },
				{ fileName: `${nameless.name}.png`, contentId: 'photo_1', sha256: photos[1].sha256 },
			]);
			expect(mail.attachments.map((a) => a.contentType)).toEqual(['image/png', 'image/png']);
			// the figure behind the trade-off: how long after Keyclic's notification the example read the photos
			const readAfterMs = runOf(execution, 'Get Photos').startTime - Date.parse(delivery.time);
			console.log(
				`n8n ${version}: photo alert read the report's photos ${readAfterMs} ms after reportCreated (Wait: ${alert.WAIT_SECONDS} s)`,
			);
			expect(readAfterMs).toBeGreaterThanOrEqual(alert.WAIT_SECONDS * 1000);
		});

		test('a 20 MiB photo goes through whole (n8n binary data, SMTP, MailDev at their default limits)', async () => {
			const big = { name: 'site-survey.jpg', contentType: 'image/jpeg', bytes: crypto.randomBytes(20 * 1024 * 1024) };
			const { photos, mail, execution } = await alert.runAlertWithPhotos({ n8n, emu: emuAlert, sink, photos: [big] });
			expect(execution.status).toBe('success');
			expect(photos).toEqual([expect.objectContaining({ size: big.bytes.length })]);
			expect(attachmentsOf(mail)).toEqual([{ fileName: big.name, contentId: 'photo_0', sha256: photos[0].sha256 }]);
			expect(mail.attachments[0].size).toBe(big.bytes.length);
		});
	});
});
