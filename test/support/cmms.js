'use strict';
// The CMMS side of examples/keyclic-attach-cmms-report.json, shared by its real-n8n suites
// (test/e2e/webhook-examples.test.js, test/queue/binary.test.js): an operation in progress in the emulator,
// a PDF of any size, the multipart post a CMMS sends, and what the emulator and n8n kept of it.
const crypto = require('node:crypto');
const path = require('node:path');

const { ROOT } = require('../harness/package');
const { emulatorApiCredential } = require('../harness/credentials');

const EXAMPLE = require(path.join(ROOT, 'examples', 'keyclic-attach-cmms-report.json'));
const WEBHOOK = EXAMPLE.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
const CREDENTIAL = EXAMPLE.nodes.find((n) => n.credentials && n.credentials.keyclicApi).credentials.keyclicApi;
/** The webhook path n8n serves the example on (POST /webhook/<path>). */
const CMMS_PATH = WEBHOOK.parameters.path;

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** The example's Keyclic API credential, logging in to the emulator at `baseUrl`. */
const cmmsCredential = (baseUrl) => emulatorApiCredential(CREDENTIAL, baseUrl);

/** A PDF of exactly `size` bytes: a PDF header, random (non-text) bytes, the PDF trailer. */
function pdfOf(size) {
	const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
	const tail = Buffer.from('\n%%EOF\n');
	return Buffer.concat([head, crypto.randomBytes(size - head.length - tail.length), tail]);
}

/** A fresh report and its operation, assigned and in progress (the state a finished work order ends). */
function operationInProgress(emu, description = 'Fuite sous l’évier') {
	const report = emu.createReport({ organization: emu.seed.organizations[0].id, description });
	const operation = emu.createOperation({ report: report.id, name: 'Réparer la fuite' });
	emu.assignOperation(operation.id);
	emu.transitionOperation(operation.id, 'progress');
	return operation.id;
}

/** What a CMMS sends: multipart/form-data with the operation id, a comment and the PDF in the `file` field. */
async function postWorkOrder(n8n, url, { operationId, pdf, fileName = 'work-order.pdf', comment }) {
	const form = new FormData();
	form.set('operationId', operationId);
	if (comment !== undefined) form.set('comment', comment);
	form.set('file', new Blob([pdf], { type: 'application/pdf' }), fileName);
	return n8n.post(url, form, { raw: true, headers: { 'content-type': null } });
}

/**
 * The operation as the emulator holds it: its state, its documents (name, type, size and SHA-256 of the
 * bytes) and the comments of its activity (a state change's comment is one).
 */
function operationInEmulator(emu, operationId) {
	const operation = emu.state.operations.find((o) => o.id === operationId);
	const documents = emu.documents('operation', operationId).map((d) => ({
		name: d.name,
		contentType: d.contentType,
		size: d.bytes.length,
		sha256: sha256(d.bytes),
	}));
	const comments = emu.operationComments(operationId).results.map((a) => a.message);
	return { state: operation && operation.state, documents, comments };
}

/**
 * Where n8n kept the file the Webhook node received, read from the execution: the binary data mode
 * in its id ('filesystem-v2', 'database'…), or 'memory' when the bytes are inline (n8n 1.x 'default').
 */
function binaryModeOf(execution) {
	const runs = execution.data && execution.data.resultData && execution.data.resultData.runData[WEBHOOK.name];
	const binary = runs && runs[0] && runs[0].data && runs[0].data.main[0][0].binary;
	const file = binary && binary.file;
	if (!file) return 'no binary';
	return file.id ? file.id.split(':')[0] : 'memory';
}

module.exports = {
	EXAMPLE,
	CMMS_PATH,
	sha256,
	cmmsCredential,
	pdfOf,
	operationInProgress,
	postWorkOrder,
	operationInEmulator,
	binaryModeOf,
};
