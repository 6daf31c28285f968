'use strict';
// CONTRIBUTING.md's one table of environment variables: every KEYCLIC_* variable the repository reads is in it,
// and every variable in it is read somewhere (a variable removed from the code leaves the table too).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./checks');

/** The KEYCLIC_* names in the repository's files but its Markdown, without those declared as code constants. */
function namesInCode() {
	const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
		.split('\0')
		.filter((f) => f && !f.endsWith('.md') && fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile());
	const names = new Set();
	const constants = new Set();
	for (const file of files) {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		for (const [name] of text.matchAll(/KEYCLIC_[A-Z0-9_]+/g)) names.add(name);
		for (const [, name] of text.matchAll(/\bconst (KEYCLIC_[A-Z0-9_]+) =/g)) constants.add(name);
	}
	return [...names].filter((name) => !constants.has(name)).sort();
}

/** The names in the first column of CONTRIBUTING.md's "Environment variables" table. */
function namesInTable() {
	const section = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8').split('\n## Environment variables\n')[1] ?? '';
	const firstCells = section
		.split('\n')
		.filter((line) => line.startsWith('| `'))
		.map((line) => line.split(' | ')[0]);
	return [...new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`(KEYCLIC_[A-Z0-9_]+)`/g)].map((m) => m[1])))].sort();
}

test('CONTRIBUTING.md lists every KEYCLIC_* environment variable the repository reads, and only those', () => {
	const inCode = namesInCode();
	expect(inCode.length).toBeGreaterThan(20);
	expect(inCode).toContain('KEYCLIC_N8N_VERSIONS');
	expect(namesInTable()).toEqual(inCode);
});
