'use strict';
// Photos and documents through the Keyclic node in a REAL n8n (test/harness), against the emulator and its
// file host (test/keyclic-emulator), over 127.0.0.1: time, and the n8n main process's memory per file.
//
//   download (photo)    Webhook → Keyclic: Report → Get Photos (one photo of N bytes on the report)
//   download (document) Webhook → Keyclic: Document → Get, Download on (a document of N bytes)
//   read (baseline)     Webhook → Read/Write Files from Disk (a file of N bytes): what the upload's input costs
//   upload              Webhook → Read/Write Files from Disk → Keyclic: Document → Upload of that file
//
// Every workflow answers its webhook when it has finished (Respond: When Last Node Finishes), and a run
// counts as done when n8n's SQLite also has its execution finished. Memory, from /proc/<pid>/status of the
// n8n main process (the one that runs the nodes, without its task-runner child): before each run, once
// VmRSS has stopped moving, "idle" = VmRSS and the peak counter VmHWM is reset to it (`echo 5 >
// /proc/<pid>/clear_refs`); during the run VmRSS is also sampled every 20 ms; after it, "peak" = the larger
// of VmHWM and the highest sample. Ratio = (peak − idle) ÷ file size. A 1 KiB row gives what a run costs
// whatever the file (webhook, expressions, execution record); "per extra byte" = (Δ at the largest size −
// Δ at 1 KiB) ÷ (size difference), the memory the file itself costs.
//
//   npm run bench -- files                          # both supported n8n versions, their default binary mode
//   npm run bench -- files --files-versions 2.41.1
//
// Options (bench/options.js): --files-versions (default: test/harness/versions.js SUPPORTED) · --files-sizes
// (KiB, default 1,1024,5120,20480) · --files-rounds (default 2) · --no-write prints only.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8n, sleep } = require('../test/harness/n8n');
const { ExecutionsDb } = require('../test/harness/sqlite');
const { SUPPORTED } = require('../test/harness/versions');
const { emulatorApiCredential } = require('../test/harness/credentials');
const { median } = require('../test/harness/load');
const { createEmulator } = require('../test/keyclic-emulator');
const report = require('./report');

const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const CREDENTIAL = { id: 'keyclicApiBench01', name: 'Keyclic API (emulator)' };
const KIB = 1024;
const MIB = 1024 * 1024;

const OPERATIONS = {
	photo: 'download: Report → Get Photos',
	document: 'download: Document → Get (Download)',
	read: 'baseline: Read/Write Files from Disk only',
	upload: 'upload: Read/Write Files from Disk → Document → Upload',
};

/** n8n's default binary data mode of a version in regular mode (n8n-core binary-data.config.js). */
const binaryMode = (version) => (Number(version.split('.')[0]) >= 2 ? 'filesystem' : 'default (memory)');

const sizeLabel = (bytes) => (bytes >= MIB ? `${bytes / MIB} MiB` : `${bytes / KIB} KiB`);

/** Node ids of the webhooks, one per workflow. */
const WEBHOOK_NODE_ID = { photo: '01', document: '02', read: '03', upload: '04' };

function webhookNode(op) {
	return {
		id: `f0000000-0000-4000-8000-0000000000${WEBHOOK_NODE_ID[op]}`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `bench-files-${op}`,
		parameters: { httpMethod: 'POST', path: `bench-files-${op}`, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
	};
}

function keyclicNode(parameters) {
	return {
		id: 'f0000000-0000-4000-8000-000000000010',
		name: 'Keyclic',
		type: 'n8n-nodes-keyclic.keyclic',
		typeVersion: 1,
		position: [440, 0],
		parameters,
		credentials: { keyclicApi: CREDENTIAL },
	};
}

const readFileNode = {
	id: 'f0000000-0000-4000-8000-000000000020',
	name: 'Read File',
	type: 'n8n-nodes-base.readWriteFile',
	typeVersion: 1,
	position: [220, 0],
	parameters: { operation: 'read', fileSelector: '={{ $json.body.path }}', options: {} },
};

function chain(id, name, nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections, pinData: {} };
}

function filesWorkflows() {
	return {
		photo: chain('keyclicBenchFile1', `Bench files: ${OPERATIONS.photo}`, [
			webhookNode('photo'),
			keyclicNode({
				resource: 'report',
				operation: 'getPhotos',
				reportId: '={{ $json.body.reportId }}',
				photoOutput: 'itemPerPhoto',
				binaryPropertyName: 'data',
			}),
		]),
		document: chain('keyclicBenchFile2', `Bench files: ${OPERATIONS.document}`, [
			webhookNode('document'),
			keyclicNode({
				resource: 'document',
				operation: 'get',
				documentId: '={{ $json.body.documentId }}',
				download: true,
				binaryPropertyName: 'data',
			}),
		]),
		read: chain('keyclicBenchFile3', `Bench files: ${OPERATIONS.read}`, [webhookNode('read'), readFileNode]),
		upload: chain('keyclicBenchFile4', `Bench files: ${OPERATIONS.upload}`, [
			webhookNode('upload'),
			readFileNode,
			keyclicNode({
				resource: 'document',
				operation: 'upload',
				documentParent: 'report',
				parentId: "={{ $('Webhook').item.json.body.reportId }}",
				binaryPropertyName: 'data',
				documentFields: {},
			}),
		]),
	};
}

/** VmRSS and VmHWM of a process, in bytes (Linux /proc). */
function memOf(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)[1]) * KIB;
	return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

/** Resets the process's VmHWM to its current VmRSS (proc(5): clear_refs "5"); false when the kernel refuses. */
function resetPeak(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** Waits until VmRSS moves less than 1 MiB over 600 ms (at most 15 s): the idle level a run starts from. */
async function settledRss(pid) {
	const deadline = Date.now() + 15000;
	let last = memOf(pid).rss;
	for (;;) {
		await sleep(600);
		const now = memOf(pid).rss;
		if (Math.abs(now - last) < MIB || Date.now() > deadline) return now;
		last = now;
	}
}

/** Random (incompressible) bytes; the same seed gives the same file. */
function fileBytes(size, seed) {
	const out = Buffer.alloc(size);
	let block = crypto.createHash('sha256').update(seed).digest();
	for (let at = 0; at < size; at += block.length) {
		block.copy(out, at);
		block = crypto.createHash('sha256').update(block).digest();
	}
	return out;
}

async function postJson(url, body, headers = {}) {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	const text = await res.text();
	let parsed = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.status, body: parsed };
}

/**
 * One webhook call of `workflowId` measured on the n8n main process `pid`: idle RSS once steady, the peak (VmHWM reset
 * to it, and VmRSS sampled every 20 ms) until n8n's SQLite has the execution finished. `ok(body)` judges the answer.
 */
async function measuredRun({ pid, db, workflowId, url, body, ok: answerOk, label, log }) {
	const afterId = db.maxId();
	const idle = await settledRss(pid);
	const peakReset = resetPeak(pid);
	let sampled = memOf(pid).rss;
	const timer = setInterval(() => {
		try {
			sampled = Math.max(sampled, memOf(pid).rss);
		} catch {
			/* the process is gone: the run fails below */
		}
	}, 20);
	const t0 = Date.now();
	let res;
	let httpMs;
	try {
		res = await postJson(url, body);
		httpMs = Date.now() - t0;
		await db.waitForFinished(workflowId, 1, { afterId, settleMs: 0, intervalMs: 50 });
	} finally {
		clearInterval(timer);
	}
	const { hwm, rss: after } = memOf(pid);
	const peak = Math.max(hwm, sampled);
	const counts = db.counts(workflowId, { afterId });
	const ok = res.status === 200 && answerOk(res.body) && counts.success === 1;
	if (!ok) log(`  ${label}: FAILED (${res.status} ${JSON.stringify(res.body).slice(0, 300)}; ${JSON.stringify(counts)})`);
	return { ok, status: res.status, httpMs, idle, peak, hwm, sampled, after, peakReset };
}

/** What the runs `xs` of one file size measured: counts, median time, peak − idle (largest, median) and its ratio to the file. */
function summaryOf(xs, size) {
	const deltas = xs.map((x) => x.peak - x.idle);
	return {
		runs: xs.length,
		ok: xs.filter((x) => x.ok).length,
		ms: median(xs.map((x) => x.httpMs)),
		peakDeltaMaxBytes: Math.max(...deltas),
		peakDeltaMedianBytes: median(deltas),
		ratioMax: Math.max(...deltas) / size,
		ratioMedian: median(deltas) / size,
		idleMedianBytes: median(xs.map((x) => x.idle)),
	};
}

/** The emulator's reports and documents, and the files on disk, one set per size. */
async function prepareFiles(emu, sizes, dir) {
	const out = {};
	for (const size of sizes) {
		const label = sizeLabel(size).replace(' ', '');
		const bytes = fileBytes(size, `bench-${size}`);
		const photoReport = emu.createReport({ organization: ORG, description: `Benchmark: one ${label} photo` });
		emu.addPhoto('report', photoReport.id, { name: `bench-${label}.jpg`, contentType: 'image/jpeg', bytes });
		const docReport = emu.createReport({ organization: ORG, description: `Benchmark: one ${label} document` });
		const doc = await postJson(
			`${emu.url}/reports/${docReport.id}/documents`,
			{
				file: {
					content: `data:application/pdf;base64,${bytes.toString('base64')}`,
					contentType: 'application/pdf',
					name: `bench-${label}.pdf`,
				},
				permission: {},
			},
			emu.authHeaders(),
		);
		if (doc.status !== 201)
			throw new Error(`the emulator refused the ${label} document: ${doc.status} ${JSON.stringify(doc.body).slice(0, 300)}`);
		const uploadReport = emu.createReport({ organization: ORG, description: `Benchmark: uploads of ${label}` });
		const file = path.join(dir, `bench-${label}.pdf`);
		fs.writeFileSync(file, bytes);
		out[size] = { photoReportId: photoReport.id, documentId: doc.body.id, uploadReportId: uploadReport.id, file };
	}
	return out;
}

/** What each operation's webhook gets, and whether its answer (the last node's first item) is right. */
function call(op, f, size) {
	switch (op) {
		case 'photo':
			return { body: { reportId: f.photoReportId }, ok: (b) => b && b.fileSize === size };
		case 'document':
			return { body: { documentId: f.documentId }, ok: (b) => b && b.id === f.documentId };
		case 'read':
			return { body: { path: f.file }, ok: (b) => b && b.fileName === path.basename(f.file) };
		case 'upload':
			return { body: { path: f.file, reportId: f.uploadReportId }, ok: (b) => b && typeof b.id === 'string' };
		default:
			throw new Error(op);
	}
}

/** One n8n `version` (its default binary data mode), every operation at every size, `rounds` times. */
async function runFilesVersion({ version, sizes, rounds, log }) {
	const emu = await createEmulator({ port: 0 });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-bench-files-'));
	let n8n;
	try {
		const prepared = await prepareFiles(emu, sizes, dir);
		const wfs = filesWorkflows();
		// 2.x reads and writes files only under N8N_RESTRICT_FILE_ACCESS_TO (the files of this benchmark)
		n8n = await N8n.create({ version, name: `bench-files-${version}`, env: { N8N_RESTRICT_FILE_ACCESS_TO: dir }, log });
		n8n.importCredentials([emulatorApiCredential(CREDENTIAL, emu.url)]);
		n8n.importWorkflows(Object.values(wfs));
		n8n.activate(...Object.values(wfs).map((wf) => wf.id));
		const startMs = await n8n.start({ waitFor: Object.keys(OPERATIONS).map((op) => `bench-files-${op}`) });
		log(`n8n ${version} (binary data mode ${binaryMode(version)}) up in ${(startMs / 1000).toFixed(1)} s`);
		const db = new ExecutionsDb(n8n);
		const pid = n8n.processes[0].child.pid;
		const base = n8n.publicWebhookBase();
		let peakResetWorks = true;

		async function run(op, size) {
			const c = call(op, prepared[size], size);
			const { ok, status, httpMs, idle, peak, hwm, sampled, after, peakReset } = await measuredRun({
				pid,
				db,
				workflowId: wfs[op].id,
				url: `${base}/webhook/bench-files-${op}`,
				body: c.body,
				ok: c.ok,
				label: `${op} ${sizeLabel(size)}`,
				log,
			});
			peakResetWorks = peakReset && peakResetWorks;
			return { op, size, ok, status, httpMs, idle, peak, hwm, sampled, after, ratio: (peak - idle) / size };
		}

		// warm-up (JIT, the credential's login, connections): not counted
		for (const op of Object.keys(OPERATIONS)) await run(op, sizes[0]);

		const runs = [];
		for (let r = 0; r < rounds; r++) {
			for (const size of sizes) {
				for (const op of Object.keys(OPERATIONS)) {
					const x = await run(op, size);
					runs.push({ round: r + 1, ...x });
					log(
						`  round ${r + 1}/${rounds} ${op} ${sizeLabel(size)}: ${x.httpMs} ms, idle ${(x.idle / MIB).toFixed(0)} MiB, peak +${((x.peak - x.idle) / MIB).toFixed(1)} MiB (${x.ratio.toFixed(2)}× the file)${x.ok ? '' : ' FAILED'}`,
					);
				}
			}
		}

		const rows = [];
		for (const op of Object.keys(OPERATIONS)) {
			for (const size of sizes) {
				rows.push({
					op,
					size,
					...summaryOf(
						runs.filter((x) => x.op === op && x.size === size),
						size,
					),
				});
			}
		}
		const lo = sizes[0];
		const hi = sizes[sizes.length - 1];
		const perExtraByte = {};
		for (const op of Object.keys(OPERATIONS)) {
			const at = (s) => rows.find((x) => x.op === op && x.size === s).peakDeltaMedianBytes;
			perExtraByte[op] = Number(((at(hi) - at(lo)) / (hi - lo)).toFixed(3));
		}
		const problems = runs.filter((x) => !x.ok).map((x) => `${x.op} ${sizeLabel(x.size)} round ${x.round}: status ${x.status}`);
		return {
			version,
			binaryMode: binaryMode(version),
			startMs,
			peakResetWorks,
			rssAfterMiB: n8n.rssMiB(),
			rows,
			perExtraByte,
			runs,
			problems,
		};
	} finally {
		if (n8n) await n8n.stop();
		await emu.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function runFiles({
	versions = SUPPORTED,
	sizes = [1, 1024, 5120, 20480].map((k) => k * KIB),
	rounds = 2,
	log = (m) => process.stderr.write(`${m}\n`),
} = {}) {
	const date = new Date().toISOString();
	const machine = report.machine();
	const results = [];
	for (const version of versions.filter(Boolean)) {
		log(`files benchmark, n8n ${version}…`);
		results.push(await runFilesVersion({ version, sizes, rounds, log }));
	}
	return { kind: 'files', date, machine, sizes, rounds, results, machineAfter: { loadavg: report.machine().loadavg } };
}

const mib = (bytes) => (bytes / MIB).toFixed(1);

function renderFiles(out) {
	const lines = [];
	lines.push('### Photos and documents: download and upload through the Keyclic node in a real n8n');
	lines.push('');
	lines.push(
		`_${out.date.slice(0, 16).replace('T', ' ')} UTC · ${out.machine.cpu}, ${out.machine.cores} cores, ${out.machine.memGiB} GiB · ` +
			`Node ${out.machine.node} (the bench) · n8n-nodes-keyclic ${out.machine.package} · regular mode, SQLite · load average at the start ` +
			`${out.machine.loadavg.join(' / ')}, at the end ${out.machineAfter.loadavg.join(' / ')} (a SHARED machine: other agents were ` +
			'building, testing and running n8n at the same time, so the times are pessimistic and noisy; the memory ratios are what matter)._',
	);
	lines.push('');
	lines.push(
		'`npm run bench -- files` (`bench/files.js`). Each workflow starts at a Webhook node that answers when the last node has ' +
			'finished; time = that HTTP call (webhook → last node done), median of the rounds. Emulator and file host run in the ' +
			'benchmark process, not in n8n. **Memory** = the n8n main process (`/proc/<pid>/status`, without its task-runner child): ' +
			'idle = VmRSS once steady before the run, the peak counter VmHWM reset to it (`clear_refs` 5), peak = max(VmHWM, VmRSS ' +
			'sampled every 20 ms) until the execution is finished in SQLite; **peak ÷ file** = (peak − idle) ÷ file size, the larger of the ' +
			'rounds (median in brackets). The 1 KiB row is what any run costs (webhook, expressions, the execution record); **per extra ' +
			'byte** = (Δ at the largest size − Δ at 1 KiB) ÷ their size difference: the memory the file itself costs.',
	);
	for (const r of out.results) {
		lines.push('');
		lines.push(
			`**n8n ${r.version}, binary data mode \`${r.binaryMode}\`** (its default in regular mode; rounds: ${out.rounds}; n8n started in ` +
				`${(r.startMs / 1000).toFixed(1)} s; RSS of n8n + task runner after: ${r.rssAfterMiB} MiB${r.peakResetWorks ? '' : '; VmHWM could not be reset: sampled peak only'}):`,
		);
		lines.push('');
		lines.push('| operation | file | ok | ms (median) | idle RSS MiB | peak − idle MiB | peak ÷ file |');
		lines.push('|---|---:|---:|---:|---:|---:|---:|');
		for (const op of Object.keys(OPERATIONS)) {
			for (const [i, x] of r.rows.filter((row) => row.op === op).entries()) {
				lines.push(
					`| ${i === 0 ? OPERATIONS[op] : ''} | ${sizeLabel(x.size)} | ${x.ok}/${x.runs} | ${Math.round(x.ms)} | ${mib(x.idleMedianBytes)} | ` +
						`${mib(x.peakDeltaMaxBytes)} | ${x.size < MIB ? '–' : `**${x.ratioMax.toFixed(2)}×** (${x.ratioMedian.toFixed(2)}×)`} |`,
				);
			}
			lines.push(`|  | per extra byte |  |  |  |  | **${r.perExtraByte[op].toFixed(2)}×** |`);
		}
		if (r.problems.length) lines.push('', `Failed runs: ${r.problems.join('; ')}.`);
	}
	return lines.join('\n');
}

/** `npm run bench -- files`: runs, writes bench/results/<date>-files.json and the "files" section of docs/benchmarks.md. */
async function main({ log = (m) => process.stderr.write(`${m}\n`), write = true, ...options } = {}) {
	const out = await runFiles({ ...options, log });
	if (!write) {
		console.log(JSON.stringify(out, null, 2));
		return out;
	}
	const file = report.writeResult('files', out);
	report.replaceSection('files', renderFiles(out));
	log(`wrote ${path.relative(path.resolve(__dirname, '..'), file)} and the files section of docs/benchmarks.md`);
	const problems = out.results.flatMap((r) => r.problems.map((p) => `n8n ${r.version}: ${p}`));
	if (problems.length) {
		log(`files benchmark problems:\n  ${problems.join('\n  ')}`);
		process.exitCode = 1;
	}
	return out;
}

module.exports = {
	runFiles,
	renderFiles,
	main,
	filesWorkflows,
	measuredRun,
	summaryOf,
	fileBytes,
	binaryMode,
	readFileNode,
	chain,
	CREDENTIAL,
	ORG,
};
