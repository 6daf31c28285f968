'use strict';
// Files through n8n in queue mode, where n8n 2.x keeps binary data in its database by default (binary
// mode 'database'): the `n8n webhook` processor that receives a file stores it in Postgres and the
// `n8n worker` that runs the execution reads it back from there. ONE stack (PostgreSQL + Redis, one main,
// one webhook processor, one worker) serves every example case below.
//
// Adding a case: an entry in CASES (what it brings to the stack: services it starts before n8n, its
// credentials, its workflows, their webhook paths; each case its own credential ids) and a
// `describe(...)` with its tests, reading what it set up from `ready.<name>`.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createEmulator } = require('../keyclic-emulator');
const { SAMPLE_PHOTOS } = require('../keyclic-emulator/files/samples');
const { nodeOutput } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const cmms = require('../support/cmms');
const alert = require('../support/alert-with-photos');
const { startSmtpSink } = require('../support/smtp-sink');
const { QueueStack } = require('./stack');

jest.setTimeout(20 * 60 * 1000);

const log = (msg) => process.stdout.write(`[queue-binary] ${msg}\n`);
// 2.x by default (the 'database' mode is 2.x's queue-mode default); KEYCLIC_N8N_VERSIONS=1.123.81 runs 1.x,
// which keeps binary data inline in the execution ('memory')
const majors2 = versionsUnderTest().filter((v) => Number(v.split('.')[0]) >= 2);
const versions = majors2.length ? majors2.slice(0, 1) : versionsUnderTest().slice(0, 1);
const queueMode = (version) => (Number(version.split('.')[0]) >= 2 ? 'database' : 'memory');

/** Each case: `start()` → { credentials, workflows, waitFor, ...what its tests need }; `stop(ready)` (never throws). */
const CASES = {
	cmms: {
		async start() {
			const emu = await createEmulator({ port: 0, payloadEra: '2025' });
			return { emu, credentials: [cmms.cmmsCredential(emu.url)], workflows: [cmms.EXAMPLE], waitFor: [cmms.CMMS_PATH] };
		},
		async stop({ emu }) {
			await emu.close();
		},
	},
	alert: {
		async start() {
			const emu = await createEmulator({ port: 0 });
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-queue-mail-'));
			const sink = await startSmtpSink({ dir });
			return {
				emu,
				sink,
				dir,
				credentials: alert.alertCredentials({ emulatorUrl: emu.url, smtp: sink.smtp }),
				workflows: [alert.ALERT],
				waitFor: alert.ALERT_WAIT_FOR,
			};
		},
		async stop({ emu, sink, dir }) {
			await sink.stop();
			await emu.close();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	},
};

/** Where n8n kept a node's first binary file of an execution: its binary data mode ('memory': inline, no id). */
function binaryModeOfNode(execution, nodeName) {
	const runs = execution.data && execution.data.resultData && execution.data.resultData.runData[nodeName];
	const binary = runs && runs[0] && runs[0].data && runs[0].data.main[0][0].binary;
	const file = binary && Object.values(binary)[0];
	if (!file) return 'no binary';
	return file.id ? file.id.split(':')[0] : 'memory';
}

describe.each(versions)('n8n %s in queue mode: files through the webhook processor and the worker', (version) => {
	const stack = new QueueStack({ version, name: `queue-binary-${version}`, webhookProcessors: 1, workers: 1, log });
	/** What each case's start() returned, by case name. */
	const ready = {};

	beforeAll(async () => {
		for (const [name, c] of Object.entries(CASES)) ready[name] = await c.start();
		const all = Object.values(ready);
		const workflows = all.flatMap((r) => r.workflows);
		await stack.start({
			credentials: () => all.flatMap((r) => r.credentials),
			workflows,
			activate: workflows.map((wf) => wf.id),
			waitFor: all.flatMap((r) => r.waitFor),
		});
	});

	afterAll(async () => {
		await stack.stop();
		for (const [name, c] of Object.entries(CASES)) {
			if (ready[name]) await c.stop(ready[name]).catch((e) => log(`stop ${name}: ${e.message}`));
		}
	});

	describe('examples/keyclic-alert-with-photos.json', () => {
		test(`a report with two photos: the e-mail the worker sends carries them byte for byte (binary mode ${queueMode(version)})`, async () => {
			const { emu, sink } = ready.alert;
			await alert.waitForAlertRegistration(emu);
			const { photos, mail } = await alert.runAlertWithPhotos({ n8n: stack.n8n, emu, sink, photos: SAMPLE_PHOTOS });
			const [execution] = (await stack.n8n.executions(alert.ALERT.id)).filter((e) => e.status === 'success');
			expect(execution).toBeDefined();
			expect(binaryModeOfNode(execution, 'Get Photos')).toBe(queueMode(version));
			expect(photos).toHaveLength(2);
			expect(mail.attachments.map((a) => a.sha256)).toEqual(photos.map((p) => p.sha256));
		});
	});

	describe('examples/keyclic-attach-cmms-report.json', () => {
		let executions = 0;
		const url = () => `${stack.n8n.webhookServers()[0]}/webhook/${cmms.CMMS_PATH}`;

		test.each([
			['a 300 kB PDF', 300 * 1000],
			['a 20 MB PDF', 20 * 1000 * 1000],
		])(`%s reaches Keyclic byte for byte (binary mode ${queueMode(version)}); the operation is resolved`, async (_, size) => {
			const { emu } = ready.cmms;
			const operationId = cmms.operationInProgress(emu);
			const pdf = cmms.pdfOf(size);
			const res = await cmms.postWorkOrder(stack.n8n, url(), { operationId, pdf, fileName: 'OT-4711.pdf', comment: 'Joint remplacé' });
			executions += 1;
			const all = await stack.n8n.waitForExecutions(cmms.EXAMPLE.id, executions, { timeoutMs: 180000 });
			const execution = all.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
			expect(execution.status).toBe('success');
			expect(cmms.binaryModeOf(execution)).toBe(queueMode(version));
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ id: operationId, state: 'RESOLVED' });
			expect(nodeOutput(execution, 'Upload Report PDF')).toEqual([expect.objectContaining({ type: 'Document' })]);
			expect(cmms.operationInEmulator(emu, operationId)).toEqual({
				state: 'RESOLVED',
				documents: [{ name: 'OT-4711.pdf', contentType: 'application/pdf', size, sha256: cmms.sha256(pdf) }],
				comments: ['Joint remplacé'],
			});
		});
	});
});
