'use strict';
// A CMMS closes a Keyclic operation, in a REAL n8n against the local Keyclic emulator (2025 era: documents
// on operations are s25's): examples/keyclic-attach-cmms-report.json (stock Webhook node receiving
// multipart/form-data → Keyclic Document → Upload to the operation → Keyclic Operation → Change State).
// The PDF must reach the emulator byte for byte in the binary data mode n8n uses by default in regular
// mode: filesystem in 2.x, memory in 1.x (queue mode, 'database': test/queue/binary.test.js).
const { createEmulator } = require('../keyclic-emulator');
const { N8n, nodeOutput } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const cmms = require('../support/cmms');

jest.setTimeout(20 * 60 * 1000);

const BIG = 20 * 1000 * 1000; // a 20 MB scan: under the node's 20 MiB, ~26.7 MB of base64 to Keyclic
const defaultMode = (version) => (Number(version.split('.')[0]) >= 2 ? 'filesystem-v2' : 'memory');

describe.each(versionsUnderTest())('n8n %s: a CMMS work-order PDF attached to the operation, the operation done', (version) => {
	let emu;
	let n8n;
	let executions = 0;
	const url = () => `${n8n.baseUrl}/webhook/${cmms.CMMS_PATH}`;

	/** Posts the work order and waits for the execution it caused; returns the answer and that execution. */
	async function send(order) {
		const res = await cmms.postWorkOrder(n8n, url(), order);
		executions += 1;
		const all = await n8n.waitForExecutions(cmms.EXAMPLE.id, executions, { timeoutMs: 180000 });
		return { res, execution: all.find((e) => Number(e.id) === Math.max(...all.map((x) => Number(x.id)))) };
	}

	beforeAll(async () => {
		emu = await createEmulator({ port: 0, payloadEra: '2025' });
		n8n = await N8n.create({ version, name: `cmms-${version}` });
		n8n.importCredentials([cmms.cmmsCredential(emu.url)]);
		n8n.importWorkflows([cmms.EXAMPLE]);
		n8n.activate(cmms.EXAMPLE.id);
		await n8n.start({ waitFor: [cmms.CMMS_PATH] });
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (emu) await emu.close();
	});

	test.each([
		['a 300 kB PDF', 300 * 1000],
		['a 20 MB PDF', BIG],
	])(`%s reaches Keyclic byte for byte (binary mode ${defaultMode(version)}); the operation is resolved`, async (_, size) => {
		const operationId = cmms.operationInProgress(emu);
		const pdf = cmms.pdfOf(size);
		const { res, execution } = await send({ operationId, pdf, fileName: 'OT-4711.pdf', comment: 'Joint remplacé' });
		expect(execution.status).toBe('success');
		expect(cmms.binaryModeOf(execution)).toBe(defaultMode(version));
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: operationId, state: 'RESOLVED' });
		expect(nodeOutput(execution, 'Upload Report PDF')).toEqual([expect.objectContaining({ type: 'Document' })]);
		expect(cmms.operationInEmulator(emu, operationId)).toEqual({
			state: 'RESOLVED',
			documents: [{ name: 'OT-4711.pdf', contentType: 'application/pdf', size, sha256: cmms.sha256(pdf) }],
			comments: ['Joint remplacé'],
		});
	});

	test('a post without the file fails with a message naming the field; the operation keeps its state and gets no document', async () => {
		const operationId = cmms.operationInProgress(emu);
		const form = new FormData();
		form.set('operationId', operationId);
		const res = await n8n.post(url(), form, { raw: true, headers: { 'content-type': null } });
		executions += 1;
		const all = await n8n.waitForExecutions(cmms.EXAMPLE.id, executions, { timeoutMs: 180000 });
		const failed = all.filter((e) => e.status === 'error');
		expect(failed).toHaveLength(1);
		// n8n answers the CMMS "Error in workflow"; the execution tells which binary field is missing
		expect({ status: res.status, body: res.body }).toEqual({ status: 500, body: { message: 'Error in workflow' } });
		expect(failed[0].data.resultData.error).toMatchObject({ node: { name: 'Upload Report PDF' } });
		expect(failed[0].data.resultData.error.message).toMatch(/'file'/);
		expect(cmms.operationInEmulator(emu, operationId)).toEqual({ state: 'IN_PROGRESS', documents: [], comments: [] });
	});
});
