#!/usr/bin/env node
'use strict';
// `npm run faults`: the whole fault table of test/faults/ on both n8n lines (KEYCLIC_FAULTS_FULL=1: larger
// bursts), its figures written to test/faults/results.json, then rendered into docs/scaling-and-delivery.md's
// "Delivery guarantees" section (between the faults:figures markers). `npm test` runs a small proof of each row;
// `node scripts/faults.js --page-only` only renders results.json into the page again.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { versionsUnderTest } = require('../test/harness/versions');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'test', 'faults', 'results.json');
const PAGE = path.join(ROOT, 'docs', 'scaling-and-delivery.md');
const BEGIN = '<!-- faults:figures:begin -->';
const END = '<!-- faults:figures:end -->';

/** The docs table of results.json: one line per row and n8n version. */
function render(results) {
	const lines = [
		'| fault | n8n | calls | sender saw | executions | lost (accepted, did not run) | twice | ran for a refused call | warehouse |',
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const [row, byVersion] of Object.entries(results)) {
		for (const [version, r] of Object.entries(byVersion)) {
			const seen = Object.entries(r.senders)
				.map(([k, n]) => `${k}: ${n}`)
				.join(', ');
			const ran = Object.entries(r.executions)
				.map(([k, n]) => `${k}: ${n}`)
				.join(', ');
			// the names (eventKeys) are in test/faults/results.json
			const lost = String(r.lost.length);
			const warehouse = r.warehouseProblems === undefined ? 'n/a' : r.warehouseProblems === 0 ? 'exact' : `${r.warehouseProblems} rows off`;
			lines.push(
				`| ${row} | ${version} | ${r.calls} | ${seen} | ${ran || 'none'} | ${lost} | ${r.twice.length} | ${r.ranRefused.length} | ${warehouse} |`,
			);
		}
	}
	return lines.join('\n');
}

function writePage() {
	const results = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
	const text = fs.readFileSync(PAGE, 'utf8');
	const start = text.indexOf(BEGIN);
	const end = text.indexOf(END);
	if (start < 0 || end < start) throw new Error(`docs/scaling-and-delivery.md has no ${BEGIN} … ${END} block`);
	fs.writeFileSync(PAGE, `${text.slice(0, start + BEGIN.length)}\n${render(results)}\n${text.slice(end)}`);
	process.stdout.write(`docs/scaling-and-delivery.md: Delivery guarantees figures written from ${path.relative(ROOT, RESULTS)}\n`);
}

if (require.main === module) {
	if (process.argv.includes('--page-only')) {
		writePage();
		process.exit(0);
	}
	const versions = versionsUnderTest();
	let r = spawnSync('node', ['test/harness/install.js', ...versions], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
	fs.rmSync(RESULTS, { force: true });
	r = spawnSync('npx', ['jest', '--selectProjects', 'faults', '--runInBand', '--forceExit'], {
		cwd: ROOT,
		stdio: 'inherit',
		env: { ...process.env, KEYCLIC_FAULTS_FULL: '1' },
	});
	if (fs.existsSync(RESULTS)) writePage();
	process.exit(r.status ?? 1);
}

module.exports = { render };
