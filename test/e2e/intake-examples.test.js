'use strict';
// The intake examples, in ONE real n8n per version against a local Keyclic emulator, each input delivered
// twice for one effect:
// - examples/keyclic-report-from-n8n-form.json (n8n's Form Trigger, its hosted page): the form filled and
//   submitted in Chromium with two photos, twice → one report, its photos byte for byte (SHA-256), the second
//   submission stopped at Remove Duplicates. Saves .e2e/ui-screenshots/31-intake-form.png
//   (docs/images/intake-form.png with KEYCLIC_UPDATE_SCREENSHOTS=1).
// - examples/keyclic-report-from-email.json (Email Trigger (IMAP)) against a real Dovecot (test/harness/dovecot.js)
//   on 127.0.0.1: a mail with two photos and a PDF filed by IMAP APPEND, then the same mail (same Message-ID)
//   again → one report, the mail's text as its description, the photos' SHA-256 the attachments'; a mail to
//   an address the place rules do not know fails with a message naming it, and files nothing.
const crypto = require('node:crypto');
const path = require('node:path');

const { createEmulator } = require('../keyclic-emulator');
const { SAMPLE_PHOTOS, SAMPLE_DOCUMENT } = require('../keyclic-emulator/files/samples');
const { N8n, nodeOutput, waitUntil } = require('../harness/n8n');
const { FINISHED } = require('../harness/n8n-executions');
const { versionsUnderTest, LATEST } = require('../harness/versions');
const { ROOT } = require('../harness/package');
const { emulatorApiCredential } = require('../harness/credentials');
const { ensureDebianPackages } = require('../harness/services');
const { Dovecot } = require('../harness/dovecot');
const { launchBrowser, shot } = require('../harness/browser');
const { mimeMessage } = require('../support/mail');

jest.setTimeout(15 * 60 * 1000);

const FORM = require(path.join(ROOT, 'examples', 'keyclic-report-from-n8n-form.json'));
const MAIL = require(path.join(ROOT, 'examples', 'keyclic-report-from-email.json'));
const node = (wf, type) => wf.nodes.find((n) => n.type === type);
const FORM_PATH = node(FORM, 'n8n-nodes-base.formTrigger').parameters.options.path;
const KEYCLIC_CREDENTIAL = node(FORM, 'n8n-nodes-keyclic.keyclic').credentials.keyclicApi;
const IMAP_CREDENTIAL = node(MAIL, 'n8n-nodes-base.emailReadImap').credentials.imap;
const rulesOf = (wf) => JSON.parse(wf.nodes.find((n) => n.name === 'Place Rules').parameters.assignments.assignments[0].value);
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

describe.each(versionsUnderTest())('n8n %s: the intake examples (n8n Form, e-mail)', (version) => {
	let emu;
	let imap;
	let n8n;
	const reportsWith = (description) => emu.state.reports.filter((r) => r.description === description);
	const photoHashes = (reportId) => emu.photos('report', reportId).map((p) => p.sha256);

	beforeAll(async () => {
		ensureDebianPackages(['dovecot-imapd']);
		emu = await createEmulator({ port: 0 });
		imap = await Dovecot.start({ name: `intake-imap-${version}` });
		n8n = await N8n.create({ version, name: `intake-examples-${version}` });
		n8n.importCredentials([
			emulatorApiCredential(KEYCLIC_CREDENTIAL, emu.url),
			{ ...IMAP_CREDENTIAL, type: 'imap', data: imap.credentialData() },
		]);
		n8n.importWorkflows([FORM, MAIL]);
		n8n.activate(FORM.id, MAIL.id);
		await n8n.start();
		await waitUntil('the hosted form', async () => (await fetch(`${n8n.baseUrl}/form/${FORM_PATH}`)).status === 200, { timeoutMs: 60000 });
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (imap) await imap.stop();
		if (emu) await emu.close();
	});

	describe('examples/keyclic-report-from-n8n-form.json', () => {
		let browser;
		afterAll(() => browser && browser.close());

		test('the form filled in Chromium and submitted twice, the photos picked in the other order: one report, its two photos byte for byte', async () => {
			const description = 'Water leaking under the kitchen sink, 2nd floor';
			const [placeLabel, place] = Object.entries(rulesOf(FORM))[0];
			browser = await launchBrowser({ viewport: { width: 900, height: 700 } });
			const { page } = browser;
			// the second submission picks the photos in the other order, as a person sending the same request again may
			const submit = async (screenshot, photos = SAMPLE_PHOTOS) => {
				await page.goto(`${n8n.baseUrl}/form/${FORM_PATH}`);
				await page.getByLabel('Place').selectOption(placeLabel);
				await page.getByLabel('Category').selectOption('Plumbing');
				await page.getByLabel('Description').fill(description);
				await page
					.locator('input[type="file"]')
					.setInputFiles(photos.map((p) => ({ name: p.name, mimeType: p.contentType, buffer: p.bytes })));
				if (screenshot) await shot(page, '31-intake-form', { docs: version === LATEST, fullPage: true });
				await page.locator('button[type="submit"], #submit-btn').first().click();
				await page.getByText('your report was sent to the maintenance team').waitFor();
			};
			await submit(true);
			await submit(false, [...SAMPLE_PHOTOS].reverse());

			const runs = await n8n.waitForExecutions(FORM.id, 2, { timeoutMs: 180000 });
			expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
			const [second, first] = runs; // newest first
			const [created] = nodeOutput(first, 'Create Report');
			expect(created).toMatchObject({ id: expect.any(String), resourceType: 'report', state: 'NEW' });
			expect(nodeOutput(second, 'Remove Duplicates')).toEqual([]);
			expect(nodeOutput(second, 'Create Report')).toEqual([]);
			expect(reportsWith(description).map((r) => r.id)).toEqual([created.id]);
			expect(place.id).toBe(emu.seed.places[0].id);
			// n8n's form hands the files over in the order their upload finished: the same bytes, in either order
			expect(photoHashes(created.id).sort()).toEqual(SAMPLE_PHOTOS.map((p) => sha256(p.bytes)).sort());
		});
	});

	describe('examples/keyclic-report-from-email.json', () => {
		const [address] = Object.keys(rulesOf(MAIL));
		const mail = (over = {}) =>
			mimeMessage({
				from: 'Élise Martin <elise.martin@example.com>',
				to: address,
				subject: 'Leak in the hall',
				messageId: `<leak-${version}@mail.example.com>`,
				text: 'Water drips from the ceiling of hall B,\nnext to the lift.\n',
				attachments: [...SAMPLE_PHOTOS, SAMPLE_DOCUMENT],
				...over,
			});
		const TRIGGER = node(MAIL, 'n8n-nodes-base.emailReadImap').name;
		const known = new Set(); // ids of the executions earlier tests looked at
		/**
		 * Waits until the trigger has emitted `count` more mails (one item each, in one execution or several, as
		 * IMAP hands them over) and all those executions are finished; returns them, newest first.
		 */
		const mailsRead = async (count) => {
			const fresh = await waitUntil(
				`${count} more mails through the e-mail example`,
				async () => {
					const list = (await n8n.executions(MAIL.id)).filter((e) => !known.has(e.id));
					if (list.some((e) => !FINISHED.includes(e.status))) return false;
					return list.reduce((sum, e) => sum + nodeOutput(e, TRIGGER).length, 0) === count ? list : false;
				},
				{ timeoutMs: 180000, intervalMs: 500 },
			);
			for (const e of fresh) known.add(e.id);
			return fresh;
		};
		const description = (subject) => `${subject}\n\nWater drips from the ceiling of hall B,\nnext to the lift.`;

		test('the same mail filed twice (same Message-ID): one report, the text its description, the photos the attachments (SHA-256)', async () => {
			const subject = 'Leak in the hall';
			await imap.append(mail({ subject }));
			const [first] = await mailsRead(1);
			expect(first.status).toBe('success');
			const [created] = nodeOutput(first, 'Create Report');
			expect(reportsWith(description(subject)).map((r) => r.id)).toEqual([created.id]);
			expect(photoHashes(created.id)).toEqual(SAMPLE_PHOTOS.map((p) => sha256(p.bytes))); // the PDF is not a photo

			await imap.append(mail({ subject })); // a re-sync: the same mail again, later
			const [second] = await mailsRead(1);
			expect(second.status).toBe('success');
			expect(nodeOutput(second, 'Remove Duplicates')).toEqual([]);
			expect(reportsWith(description(subject))).toHaveLength(1);
			expect(photoHashes(created.id)).toHaveLength(SAMPLE_PHOTOS.length);
			expect(await imap.status()).toEqual({ messages: 2, unseen: 0 });
		});

		test('the same mail twice at once (a re-sync bringing both copies): one report', async () => {
			const subject = 'Lift stuck at the 3rd floor';
			const twin = mail({ subject, messageId: `<lift-${version}@mail.example.com>` });
			await Promise.all([imap.append(twin), imap.append(twin)]);
			const runs = await mailsRead(2);
			expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'success'));
			expect(reportsWith(description(subject))).toHaveLength(1);
			expect(photoHashes(reportsWith(description(subject))[0].id)).toHaveLength(SAMPLE_PHOTOS.length);
		});

		test('a mail to an address no place rule knows: the execution fails naming it; no report', async () => {
			const before = emu.state.reports.length;
			await imap.append(mail({ to: 'someone-else@requests.example.com', messageId: `<unknown-${version}@mail.example.com>` }));
			const [run] = await mailsRead(1);
			expect(run.status).toBe('error');
			expect(run.data.resultData.error.message).toMatch(/No place rule for a mail to someone-else@requests\.example\.com/);
			expect(emu.state.reports.length).toBe(before);
		});
	});
});
