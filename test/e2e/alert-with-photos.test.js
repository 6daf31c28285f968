'use strict';
// examples/keyclic-alert-with-photos.json in a REAL n8n (its default binary data mode: filesystem in 2.x regular
// mode, memory in 1.x) against the local Keyclic emulator and an SMTP sink (MailDev): Keyclic Trigger
// (report_created, Automatic registration) → Keyclic: Report → Get Photos (all on one item: photo_0, photo_1…)
// → stock Send Email with those binary fields attached. The e-mail must carry exactly the emulator's photo bytes.
const crypto = require('node:crypto');

const { createEmulator } = require('../keyclic-emulator');
const { SAMPLE_PHOTOS } = require('../keyclic-emulator/files/samples');
const { N8n } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { startSmtpSink } = require('../support/smtp-sink');
const { importAlertWithPhotos, waitForAlertRegistration, runAlertWithPhotos } = require('../support/alert-with-photos');

jest.setTimeout(20 * 60 * 1000);

const attachmentsOf = (mail) => mail.attachments.map((a) => ({ fileName: a.fileName, contentId: a.contentId, sha256: a.sha256 }));

describe.each(versionsUnderTest())('n8n %s: a new report e-mailed with its photos', (version) => {
	let emu;
	let n8n;
	let sink;

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		n8n = await N8n.create({ version, name: `alert-photos-${version}` });
		sink = await startSmtpSink({ dir: n8n.dir });
		const { waitFor } = importAlertWithPhotos(n8n, { emulatorUrl: emu.url, smtp: sink.smtp });
		await n8n.start({ waitFor });
		await waitForAlertRegistration(emu);
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (sink) await sink.stop();
		if (emu) await emu.close();
	});

	test('a report with two photos: one e-mail, its two attachments exactly the emulator photos (SHA-256), in order', async () => {
		const { report, photos, mail, execution } = await runAlertWithPhotos({ n8n, emu, sink, photos: SAMPLE_PHOTOS });
		expect(execution.status).toBe('success');
		expect(photos).toHaveLength(2);
		expect(mail.to).toEqual(['maintenance-team@example.com']);
		expect(mail.subject).toBe(`New report ${report.reference}: 2 photo(s)`);
		expect(attachmentsOf(mail)).toEqual(
			photos.map((p, i) => ({ fileName: SAMPLE_PHOTOS[i].name, contentId: `photo_${i}`, sha256: p.sha256 })),
		);
		// each photo shows in the body (<img src="cid:photo_0">…; MailDev shows them as data: URIs)
		expect(mail.html.match(/<img [^>]*alt="[^"]+"/g)).toEqual(SAMPLE_PHOTOS.map((p) => expect.stringContaining(`alt="${p.name}"`)));
	});

	test('a 20 MiB photo goes through whole (n8n binary data, SMTP, MailDev at their default limits)', async () => {
		const big = { name: 'site-survey.jpg', contentType: 'image/jpeg', bytes: crypto.randomBytes(20 * 1024 * 1024) };
		const { photos, mail, execution } = await runAlertWithPhotos({ n8n, emu, sink, photos: [big] });
		expect(execution.status).toBe('success');
		expect(photos).toEqual([expect.objectContaining({ size: big.bytes.length })]);
		expect(attachmentsOf(mail)).toEqual([{ fileName: big.name, contentId: 'photo_0', sha256: photos[0].sha256 }]);
		expect(mail.attachments[0].size).toBe(big.bytes.length);
	});
});
