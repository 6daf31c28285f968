#!/usr/bin/env node
'use strict';
// `npm run bench`: what the Keyclic Trigger costs, in-process and inside a real n8n. Not part of `npm test`.
//   1. builds the package (the handler benchmark runs the compiled node in dist/);
//   2. bench/handler.js: per-notification cost vs JSON.parse, every shared fixture + generated reports up to 4 MB;
//   3. bench/e2e.js: n8n 2.x, (a) Keyclic Trigger vs (b) Webhook node vs (c) filtered event, concurrency 1/10/50,
//      once per expression engine (default: vm = n8n's default, vm-lazy, legacy);
//   4. writes bench/results/<date>-bench.json and rewrites the generated sections of docs/benchmarks.md.
//
// Env: KEYCLIC_BENCH_SKIP_E2E=1 (handler only) · KEYCLIC_BENCH_ENGINES (default vm,vm-lazy,legacy) · KEYCLIC_BENCH_VARIANTS (default a,b,b2,c,a0,a1,c1) · KEYCLIC_BENCH_SCALE,
// KEYCLIC_BENCH_ROUNDS, KEYCLIC_BENCH_CONCURRENCY (see bench/e2e.js) · KEYCLIC_BENCH_BEFORE=<dir of another
// compiled dist/nodes/KeyclicTrigger> adds a before/after column to the handler table ·
// KEYCLIC_BENCH_BEFORE_LABEL names it · KEYCLIC_BENCH_NO_WRITE=1 prints only.
// Then bench/files.js (photos and documents, both n8n versions; KEYCLIC_BENCH_SKIP_FILES=1 leaves it out);
// `npm run bench -- files` runs only that one.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const { runHandler } = require('./handler');
const report = require('./report');

const ROOT = path.resolve(__dirname, '..');
const log = (m) => process.stderr.write(`${m}\n`);

async function main() {
	const date = new Date().toISOString();
	const machine = report.machine();
	log('building…');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	// `npm run bench -- files`: the photos and documents benchmark only (bench/files.js)
	if (process.argv.slice(2).includes('files')) return void (await require('./files').main({ log }));

	log('handler benchmark (in-process)…');
	const handler = await runHandler({ log });
	if (handler.summary.before)
		handler.summary.before.label = process.env.KEYCLIC_BENCH_BEFORE_LABEL || path.basename(handler.summary.before.dir);
	const out = { kind: 'bench', date, machine, handler: { ...handler, date, machine } };

	if (process.env.KEYCLIC_BENCH_SKIP_E2E !== '1') {
		const { runE2e } = require('./e2e');
		const engines = (process.env.KEYCLIC_BENCH_ENGINES || 'vm,vm-lazy,legacy')
			.split(',')
			.map((e) => e.trim())
			.filter(Boolean);
		out.e2e = [];
		for (const engine of engines) {
			log(`end-to-end benchmark, expression engine ${engine}…`);
			out.e2e.push(await runE2e({ engine, log }));
		}
	}
	out.machineAfter = { loadavg: report.machine().loadavg };

	if (process.env.KEYCLIC_BENCH_NO_WRITE === '1') {
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
	if (process.env.KEYCLIC_BENCH_SKIP_FILES !== '1') await require('./files').main({ log });
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
