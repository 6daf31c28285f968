#!/usr/bin/env node
'use strict';
// `npm run bench`: what the Keyclic Trigger costs, in-process and inside a real n8n. Not part of `npm test`.
//   1. builds the package (the handler benchmark runs the compiled node in dist/);
//   2. bench/handler.js: per-notification cost vs JSON.parse, every shared fixture + generated reports up to 4 MB;
//   3. bench/e2e.js: n8n 2.x, (a) Keyclic Trigger vs (b) Webhook node vs (c) filtered event, concurrency 1/10/50,
//      once per expression engine (default: vm = n8n's default, vm-lazy, legacy);
//   4. writes bench/results/<date>-bench.json and rewrites the generated sections of docs/benchmarks.md.
//
// Options (`npm run bench -- --help`, bench/options.js): the engines, variants, concurrencies, rounds and scale of the
// end-to-end runs, another n8n install or an earlier build to compare with, the files benchmark's versions and sizes,
// --skip-e2e, --skip-files, --no-write (print only). `npm run bench -- files` runs the files benchmark only,
// `npm run bench -- upload` the upload one (bench/upload.js: a big photo, before and after streaming, one run).
// `npm run bench -- polling` runs the polling trigger's benchmark only (bench/polling.js).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const { runHandler } = require('./handler');
const { benchOptions } = require('./options');
const report = require('./report');

const ROOT = path.resolve(__dirname, '..');
const log = (m) => process.stderr.write(`${m}\n`);

async function main() {
	const options = benchOptions();
	const date = new Date().toISOString();
	const machine = report.machine();
	log('building…');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	// `npm run bench -- files`: the photos and documents benchmark only (bench/files.js)
	const files = () => require('./files').main({ ...options.files, write: options.write, log });
	if (options.filesOnly) return void (await files());
	// `npm run bench -- upload`: a big photo uploaded before and after streaming, in one run (bench/upload.js)
	const upload = () => require('./upload').main({ ...options.upload, write: options.write, log });
	if (options.uploadOnly) return void (await upload());
	// `npm run bench -- polling`: the Keyclic Polling Trigger's poll costs only (bench/polling.js)
	if (options.pollingOnly) return void (await require('./polling').main({ write: options.write, log }));

	log('handler benchmark (in-process)…');
	const handler = await runHandler({ before: options.before, log });
	if (handler.summary.before) handler.summary.before.label = options.beforeLabel || path.basename(handler.summary.before.dir);
	const out = { kind: 'bench', date, machine, handler: { ...handler, date, machine } };

	if (!options.skipE2e) {
		const { runE2e } = require('./e2e');
		out.e2e = [];
		for (const engine of options.engines) {
			log(`end-to-end benchmark, expression engine ${engine}…`);
			out.e2e.push(await runE2e({ ...options.e2e, engine, log }));
		}
	}
	out.machineAfter = { loadavg: report.machine().loadavg };

	if (!options.write) {
		console.log(JSON.stringify(out, null, 2));
		return;
	}
	const file = report.writeResult('bench', out);
	report.replaceSection('handler', report.renderHandler(out.handler));
	if (out.e2e) report.replaceSection('e2e', report.renderE2e(out.e2e, { date, machine }));
	log(`wrote ${path.relative(ROOT, file)} and ${path.relative(ROOT, report.BENCHMARKS_MD)}`);
	const problems = (out.e2e || []).flatMap((r) => r.problems.map((p) => `${r.engine}: ${p}`));
	if (problems.length) {
		log(`end-to-end problems:\n  ${problems.join('\n  ')}`);
		process.exitCode = 1;
	}
	if (!options.skipFiles) {
		await files();
		await upload();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
