#!/usr/bin/env node
'use strict';
// The README's test command (`npm test`): build, official lint, then every test project, in an order
// that fails fast (cheap suites first, real-n8n suites last).
// Ends with one line "tests: N passed, N failed" and a non-zero exit code if anything failed or was skipped.
// Projects named as arguments (or in KEYCLIC_TEST_PROJECTS, comma-separated) narrow it: `npm run test:unit` is
// `node scripts/test-all.js unit package emulator`, the fast inner loop (build, lint, format, then those three).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { versionsUnderTest } = require('../test/harness/versions');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const only = (args.length ? args : (process.env.KEYCLIC_TEST_PROJECTS || '').split(',')).filter(Boolean);
// The fast projects on two workers: Jest's default (cores - 1) is ONE worker on a 2-core machine, and most of these
// files wait on a child process (npm, tsc, eslint, the scanner) or the emulator with a core idle. The real-n8n
// projects run two files at once as well: most of their time is spent waiting (for a scheduled poll, an execution,
// a restart), and test/harness/sequencer.js starts them longest first, a queue-mode stack beside a single n8n.
// Everything they start is theirs alone (run folders per process, ports claimed: test/harness/ports.js).
const WORKERS = Math.max(2, os.availableParallelism() - 1);
const GROUPS = [
	{ projects: ['unit', 'package', 'harness', 'emulator'], args: [`--maxWorkers=${WORKERS}`] },
	{ projects: ['e2e', 'queue', 'load', 'ui', 'faults'], args: ['--maxWorkers=2', '--forceExit'], realN8n: true },
];

function step(title, cmd, args) {
	const t0 = Date.now();
	process.stdout.write(`\n=== ${title}\n`);
	const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
	process.stdout.write(
		`=== ${title}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`} in ${Math.round((Date.now() - t0) / 1000)} s\n`,
	);
	return r.status === 0;
}

const totals = { passed: 0, failed: 0, skipped: 0, steps: [] };
const t0 = Date.now();
for (const [title, args] of [
	['build', ['run', 'build', '--silent']],
	['lint', ['run', 'lint']],
	['format (prettier --check)', ['run', 'format:check', '--silent']],
]) {
	if (!step(title, 'npm', args)) {
		totals.failed += 1;
		totals.steps.push(title);
	}
}

for (const group of GROUPS) {
	const projects = group.projects.filter((p) => !only.length || only.includes(p));
	const present = projects.filter((p) => fs.existsSync(path.join(ROOT, 'test', p)));
	if (!present.length) continue;
	if (group.realN8n) {
		// install (or prove the cached install of) every n8n version first, with progress, outside jest's timeouts
		const versions = versionsUnderTest();
		if (
			!step(`n8n ${versions.join(' and ')} (installed once per machine, proven each run)`, 'node', ['test/harness/install.js', ...versions])
		) {
			totals.failed += 1;
			totals.steps.push('n8n install');
			continue;
		}
		// the package tarball every n8n of the run installs, packed before two test files could build it at once
		const pack = ['-e', "console.log(require('./test/harness/package').buildAndPack())"];
		if (!step('npm pack (once for every n8n of this run)', 'node', pack)) {
			totals.failed += 1;
			totals.steps.push('npm pack');
			continue;
		}
	}
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-jest-')), 'result.json');
	const ok = step(`jest ${present.join(' ')}`, 'npx', [
		'jest',
		'--selectProjects',
		...present,
		...group.args,
		'--json',
		`--outputFile=${out}`,
	]);
	if (!fs.existsSync(out)) {
		totals.failed += 1;
		totals.steps.push(`jest ${present.join(' ')} (no result file)`);
		continue;
	}
	const result = JSON.parse(fs.readFileSync(out, 'utf8'));
	totals.passed += result.numPassedTests;
	totals.failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
	totals.skipped += result.numPendingTests + result.numTodoTests;
	if (!ok && result.numFailedTests === 0 && result.numRuntimeErrorTestSuites === 0) {
		totals.failed += 1;
		totals.steps.push(`jest ${present.join(' ')}`);
	}
}

const minutes = ((Date.now() - t0) / 60000).toFixed(1);
if (totals.steps.length) console.log(`\nfailed steps: ${totals.steps.join(', ')}`);
if (totals.skipped) console.log(`skipped tests are not allowed here: ${totals.skipped} skipped`);
console.log(`\nall suites took ${minutes} min`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed || totals.skipped ? 1 : 0);
