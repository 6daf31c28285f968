'use strict';
// A big photo uploaded by the Keyclic node, before and after streaming, in ONE run: two REAL n8n of the same version
// (2.x: binary data mode `filesystem`, its default), one with this build of the package, one with the build before
// uploads were streamed (its 20 MiB cap lifted to the 64 MiB of today in that copy, so it can send the same file),
// measured in turns on the same machine at the same time:
//
//   read (baseline)   Webhook → Read/Write Files from Disk (a photo of N bytes): what the upload's input costs
//   upload            Webhook → Read/Write Files from Disk → Keyclic: Report → Add Photo of that photo
//
// Memory: the n8n main process's peak RSS over its idle RSS (bench/files.js measuredRun: /proc/<pid>/status VmHWM
// reset before each run, VmRSS sampled every 20 ms), ratio = (peak − idle) ÷ file size. The photo's SHA-256 in the
// emulator is checked on every run.
//
//   npm run bench -- upload                                  # 1 KiB and 50 MiB, 2 rounds, n8n 2.41.1
//   npm run bench -- upload --upload-sizes 1,102400 --upload-before <git ref>
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8n } = require('../test/harness/n8n');
const { ExecutionsDb } = require('../test/harness/sqlite');
const { buildAndPack, installIntoUserFolder, ROOT } = require('../test/harness/package');
const { emulatorApiCredential } = require('../test/harness/credentials');
const { createEmulator } = require('../test/keyclic-emulator');
const { filesWorkflows, measuredRun, summaryOf, fileBytes, binaryMode, CREDENTIAL, ORG } = require('./files');
const report = require('./report');

const KIB = 1024;
const MIB = 1024 * 1024;
const OPERATIONS = {
	read: 'baseline: Read/Write Files from Disk only',
	upload: 'upload: Read/Write Files from Disk → Report → Add Photo',
};
const PHOTO_HOOK = 'bench-upload-photo';
const sizeLabel = (bytes) => (bytes >= MIB ? `${bytes / MIB} MiB` : `${bytes / KIB} KiB`);
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** The commit before uploads were streamed: the parent of the one that added nodes/common/transport/streamedBody.ts. */
function defaultBeforeRef() {
	const added = git('log', '--diff-filter=A', '--format=%H', '--', 'nodes/common/transport/streamedBody.ts').split('\n').pop();
	if (!added) throw new Error('no commit adds nodes/common/transport/streamedBody.ts: give --upload-before <git ref>');
	return `${added}^`;
}

/**
 * The package as it was at `ref`, built and packed in a temporary folder (git archive: the repository is not touched),
 * its 20 MiB upload cap raised to 64 MiB so that it sends the same files as today's build.
 */
function packBefore(ref, log) {
	const commit = git('rev-parse', '--short', ref);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-bench-before-'));
	execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT });
	const upload = path.join(dir, 'nodes', 'Keyclic', 'helpers', 'upload.ts');
	const source = fs.readFileSync(upload, 'utf8');
	const capped = 'export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;';
	if (!source.includes(capped)) throw new Error(`${ref} (${commit}) has no "${capped}" to lift: is it the build before streaming?`);
	fs.writeFileSync(upload, source.replace(capped, 'export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;'));
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
	log(`building the package as of ${commit} (cap lifted to 64 MiB) in ${dir}…`);
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' });
	return { commit, dir, tarball: path.join(dir, JSON.parse(out)[0].filename) };
}

/** bench/files.js's read workflow, and its upload workflow sending the file by Report → Add Photo. */
function uploadWorkflows() {
	const { read, upload } = filesWorkflows();
	const photo = JSON.parse(JSON.stringify(upload));
	photo.id = 'keyclicBenchUpload1';
	photo.name = `Bench upload: ${OPERATIONS.upload}`;
	const hook = photo.nodes.find((n) => n.name === 'Webhook');
	hook.webhookId = PHOTO_HOOK;
	hook.parameters.path = PHOTO_HOOK;
	photo.nodes.find((n) => n.name === 'Keyclic').parameters = {
		resource: 'report',
		operation: 'addPhoto',
		reportId: "={{ $('Webhook').item.json.body.reportId }}",
		binaryPropertyName: 'data',
	};
	return { read, upload: photo };
}

/** One n8n `version` with `tarball` installed (regular mode, SQLite, its default binary data mode). */
async function startN8n({ version, name, tarball, dir, emu, wfs, log }) {
	const n8n = await N8n.create({ version, name, env: { N8N_RESTRICT_FILE_ACCESS_TO: dir }, installPackage: false, log });
	installIntoUserFolder(n8n.userFolder('main'), tarball);
	n8n.importCredentials([emulatorApiCredential(CREDENTIAL, emu.url)]);
	n8n.importWorkflows(Object.values(wfs));
	n8n.activate(...Object.values(wfs).map((wf) => wf.id));
	const startMs = await n8n.start({ waitFor: ['bench-files-read', PHOTO_HOOK] });
	return { n8n, startMs, db: new ExecutionsDb(n8n), pid: n8n.processes[0].child.pid, base: n8n.publicWebhookBase() };
}

/**
 * The upload of the largest file, before and after, by the larger of the rounds: the run that had to take its memory
 * from the system (a later round reuses pages the process kept from an earlier one and shows less).
 */
function summaryOfRows(rows, big) {
	const at = (build, op) => rows.find((x) => x.build === build && x.op === op && x.size === big);
	return {
		size: big,
		before: at('before', 'upload').ratioMax,
		after: at('after', 'upload').ratioMax,
		afterOverBefore: at('after', 'upload').peakDeltaMaxBytes / at('before', 'upload').peakDeltaMaxBytes,
		readBaseline: at('after', 'read').ratioMax,
	};
}

async function runUpload({
	version = '2.41.1',
	sizes = [1 * KIB, 50 * MIB],
	rounds = 2,
	before,
	log = (m) => process.stderr.write(`${m}\n`),
} = {}) {
	const date = new Date().toISOString();
	const machine = report.machine();
	const emu = await createEmulator({ port: 0 });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-bench-upload-'));
	const builds = {};
	let old;
	try {
		old = packBefore(before || defaultBeforeRef(), log);
		const wfs = uploadWorkflows();
		const files = Object.fromEntries(
			sizes.map((size) => {
				const bytes = fileBytes(size, `bench-upload-${size}`);
				const file = path.join(dir, `photo-${sizeLabel(size).replace(' ', '')}.jpg`);
				fs.writeFileSync(file, bytes);
				return [size, { file, sha: sha256(bytes) }];
			}),
		);
		const afterCommit = git('rev-parse', '--short', 'HEAD');
		for (const [key, tarball] of [
			['before', old.tarball],
			['after', buildAndPack()],
		]) {
			builds[key] = await startN8n({ version, name: `bench-upload-${key}-${version}`, tarball, dir, emu, wfs, log });
			log(`n8n ${version} (${binaryMode(version)}) with the ${key} build up in ${(builds[key].startMs / 1000).toFixed(1)} s`);
		}

		async function run(build, op, size) {
			const b = builds[build];
			const f = files[size];
			const reportId = emu.createReport({ organization: ORG, description: `Benchmark: ${build} ${op} ${sizeLabel(size)}` }).id;
			const url = `${b.base}/webhook/${op === 'read' ? 'bench-files-read' : PHOTO_HOOK}`;
			const stored = () => emu.photos('report', reportId).map((p) => p.sha256);
			const ok = (body) =>
				op === 'read' ? body && body.fileName === path.basename(f.file) : body && body.photoCount === 1 && stored().join() === f.sha;
			const x = await measuredRun({
				pid: b.pid,
				db: b.db,
				workflowId: wfs[op].id,
				url,
				body: { path: f.file, reportId },
				ok,
				label: `${build} ${op} ${sizeLabel(size)}`,
				log,
			});
			return { build, op, size, ...x, ratio: (x.peak - x.idle) / size };
		}

		// warm-up (JIT, the credential's login, connections): not counted
		for (const build of Object.keys(builds)) for (const op of Object.keys(OPERATIONS)) await run(build, op, sizes[0]);
		const runs = [];
		for (let r = 0; r < rounds; r++) {
			for (const size of sizes) {
				for (const build of Object.keys(builds)) {
					for (const op of Object.keys(OPERATIONS)) {
						const x = await run(build, op, size);
						runs.push({ round: r + 1, ...x });
						log(
							`  round ${r + 1}/${rounds} ${build} ${op} ${sizeLabel(size)}: ${x.httpMs} ms, peak +${((x.peak - x.idle) / MIB).toFixed(1)} MiB (${x.ratio.toFixed(2)}× the file)${x.ok ? '' : ' FAILED'}`,
						);
					}
				}
			}
		}
		const rows = [];
		for (const build of Object.keys(builds)) {
			for (const op of Object.keys(OPERATIONS)) {
				for (const size of sizes) {
					rows.push({
						build,
						op,
						size,
						...summaryOf(
							runs.filter((x) => x.build === build && x.op === op && x.size === size),
							size,
						),
					});
				}
			}
		}
		const summary = summaryOfRows(rows, sizes[sizes.length - 1]);
		const problems = runs.filter((x) => !x.ok).map((x) => `${x.build} ${x.op} ${sizeLabel(x.size)} round ${x.round}: status ${x.status}`);
		return {
			kind: 'upload',
			date,
			machine,
			version,
			binaryMode: binaryMode(version),
			builds: { before: `${old.commit} (cap lifted to 64 MiB)`, after: afterCommit },
			sizes,
			rounds,
			rows,
			summary,
			runs,
			problems,
			machineAfter: { loadavg: report.machine().loadavg },
		};
	} finally {
		for (const b of Object.values(builds)) await b.n8n.stop();
		await emu.close();
		fs.rmSync(dir, { recursive: true, force: true });
		if (old) fs.rmSync(old.dir, { recursive: true, force: true });
	}
}

const mib = (bytes) => (bytes / MIB).toFixed(1);

function renderUpload(out) {
	const s = out.summary;
	const lines = [
		'### A big photo uploaded, before and after streaming',
		'',
		`_${out.date.slice(0, 16).replace('T', ' ')} UTC · ${out.machine.cpu}, ${out.machine.cores} cores, ${out.machine.memGiB} GiB · ` +
			`n8n ${out.version}, binary data mode \`${out.binaryMode}\` (its default), regular mode, SQLite · load average at the start ` +
			`${out.machine.loadavg.join(' / ')}, at the end ${out.machineAfter.loadavg.join(' / ')} (a shared machine: the times are noisy)._`,
		'',
		`\`npm run bench -- upload\` (\`bench/upload.js\`): two n8n at once, **before** = the package at ${out.builds.before}, **after** = ` +
			`${out.builds.after}; the runs alternate between them, ${out.rounds} rounds. Memory as in the files benchmark: the n8n main ` +
			'process, (peak − idle) ÷ file, the larger of the rounds (median in brackets). Every upload was checked byte for byte (SHA-256).',
		'',
		`**${sizeLabel(s.size)} photo, Report → Add Photo: before ${s.before.toFixed(2)}× the file, after ${s.after.toFixed(2)}× ` +
			`(after ÷ before = ${s.afterOverBefore.toFixed(2)}); reading the file alone: ${s.readBaseline.toFixed(2)}×** (the larger of the rounds: a later round reuses memory the process kept from an earlier one and shows less).`,
		'',
		'| build | operation | file | ok | ms (median) | peak − idle MiB | peak ÷ file |',
		'|---|---|---:|---:|---:|---:|---:|',
	];
	for (const x of out.rows) {
		lines.push(
			`| ${x.build} | ${OPERATIONS[x.op]} | ${sizeLabel(x.size)} | ${x.ok}/${x.runs} | ${Math.round(x.ms)} | ${mib(x.peakDeltaMaxBytes)} | ` +
				`${x.size < MIB ? '–' : `**${x.ratioMax.toFixed(2)}×** (${x.ratioMedian.toFixed(2)}×)`} |`,
		);
	}
	if (out.problems.length) lines.push('', `Failed runs: ${out.problems.join('; ')}.`);
	return lines.join('\n');
}

/** `npm run bench -- upload`: runs, writes bench/results/<date>-upload.json and the "upload" section of docs/benchmarks.md. */
async function main({ log = (m) => process.stderr.write(`${m}\n`), write = true, ...options } = {}) {
	const out = await runUpload({ ...options, log });
	if (!write) {
		console.log(JSON.stringify({ ...out, runs: undefined }, null, 2));
		return out;
	}
	const file = report.writeResult('upload', out);
	report.replaceSection('upload', renderUpload(out));
	log(`wrote ${path.relative(ROOT, file)} and the upload section of docs/benchmarks.md`);
	if (out.problems.length) {
		log(`upload benchmark problems:\n  ${out.problems.join('\n  ')}`);
		process.exitCode = 1;
	}
	return out;
}

module.exports = { runUpload, renderUpload, summaryOfRows, main };
