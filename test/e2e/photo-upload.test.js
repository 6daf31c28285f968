'use strict';
// A big photo from disk to a report, in a REAL n8n per version (its default binary data mode: `filesystem` in 2.x,
// where the Keyclic node streams the file from n8n's binary data store; memory in 1.x, where the file is in the
// item), against the local Keyclic emulator: Webhook → Read/Write Files from Disk → Keyclic Report → Add Photo.
// - a 30 MB photo (over the node's old 20 MiB cap) is stored byte for byte (SHA-256), once;
// - the token expires between the node's read of the report's feedback and the photo's POST: Keyclic answers
//   401 after reading the body, n8n logs in again and sends the photo again (read from the store again in 2.x),
//   and it is stored once, byte for byte.
// The memory this costs is measured by `npm run bench -- files` (docs/benchmarks.md), not here.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createEmulator } = require('../keyclic-emulator');
const { N8n } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { emulatorApiCredential } = require('../harness/credentials');

jest.setTimeout(10 * 60 * 1000);

const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const CREDENTIAL = { id: 'keyclicApiPhotoUp1', name: 'Keyclic API (emulator)' };
const HOOK = 'photo-upload-e2e';
const BIG = 30 * 1000 * 1000;
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

const WORKFLOW = {
	id: 'keyclicPhotoUpload1',
	name: 'E2E: a photo from disk to a report',
	active: false,
	settings: { executionOrder: 'v1' },
	pinData: {},
	nodes: [
		{
			id: 'e0000000-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: HOOK,
			parameters: { httpMethod: 'POST', path: HOOK, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
		},
		{
			id: 'e0000000-0000-4000-8000-000000000002',
			name: 'Read File',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			position: [220, 0],
			parameters: { operation: 'read', fileSelector: '={{ $json.body.path }}', options: {} },
		},
		{
			id: 'e0000000-0000-4000-8000-000000000003',
			name: 'Add Photo',
			type: 'n8n-nodes-keyclic.keyclic',
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'report',
				operation: 'addPhoto',
				reportId: "={{ $('Webhook').item.json.body.reportId }}",
				binaryPropertyName: 'data',
			},
			credentials: { keyclicApi: CREDENTIAL },
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Read File', type: 'main', index: 0 }]] },
		'Read File': { main: [[{ node: 'Add Photo', type: 'main', index: 0 }]] },
	},
};

/** Random (incompressible) bytes. */
const photoBytes = (size) => crypto.randomBytes(size);

describe.each(versionsUnderTest())('n8n %s: Report → Add Photo of a big photo from disk', (version) => {
	let emu;
	let n8n;
	let dir;

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-photo-upload-'));
		emu = await createEmulator({ port: 0 });
		// 2.x reads files only under N8N_RESTRICT_FILE_ACCESS_TO
		n8n = await N8n.create({ version, name: `photo-upload-${version}`, env: { N8N_RESTRICT_FILE_ACCESS_TO: dir } });
		n8n.importCredentials([emulatorApiCredential(CREDENTIAL, emu.url)]);
		n8n.importWorkflows([WORKFLOW]);
		n8n.activate(WORKFLOW.id);
		await n8n.start({ waitFor: [HOOK] });
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (emu) await emu.close();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	/** Writes `bytes` as a JPEG file, files a report and runs the workflow on them; the webhook's answer. */
	async function upload(bytes, name) {
		const file = path.join(dir, name);
		fs.writeFileSync(file, bytes);
		const report = emu.createReport({ organization: ORG, description: `E2E: ${name}` });
		const res = await fetch(`${n8n.publicWebhookBase()}/webhook/${HOOK}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ path: file, reportId: report.id }),
		});
		const text = await res.text();
		fs.rmSync(file);
		return { status: res.status, text, reportId: report.id };
	}

	test('a 30 MB photo: stored once, byte for byte', async () => {
		const bytes = photoBytes(BIG);
		const { status, text, reportId } = await upload(bytes, 'site-30MB.jpg');
		expect({ status, text: text.slice(0, 300) }).toMatchObject({ status: 200 });
		expect(JSON.parse(text)).toMatchObject({ reportId, photoCount: 1 });
		const photos = emu.photos('report', reportId);
		expect(photos.map((p) => ({ contentType: p.contentType, size: p.size }))).toEqual([{ contentType: 'image/jpeg', size: BIG }]);
		expect(photos[0].sha256).toBe(sha256(bytes));
	});

	test('the token expires just before the photo: n8n logs in again and sends it again, stored once, byte for byte', async () => {
		const bytes = photoBytes(3 * 1000 * 1000);
		const photoPosts = [];
		const watch = (r) => {
			if (r.method === 'GET' && r.path.startsWith('/feedbacks/') && r.status === 200) void emu.setFault({ expireTokens: true });
			if (r.method === 'POST' && /\/feedbacks\/[^/]+\/images$/.test(r.path)) photoPosts.push(r.status);
		};
		emu.events.on('request', watch);
		let result;
		try {
			result = await upload(bytes, 'site-3MB.jpg');
		} finally {
			emu.events.off('request', watch);
		}
		expect({ status: result.status, text: result.text.slice(0, 300) }).toMatchObject({ status: 200 });
		expect(photoPosts).toEqual([401, expect.any(Number)]);
		expect(photoPosts[1]).toBeLessThan(300);
		const photos = emu.photos('report', result.reportId);
		expect(photos).toHaveLength(1);
		expect(photos[0].sha256).toBe(sha256(bytes));
	});
});
