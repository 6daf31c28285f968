'use strict';
// The repository's own files (TypeScript sources, README), for tests about the layout and the docs (file-system work stays in JS: the n8n
// lint rules forbid it in .ts files).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Every file under `dir` (relative to the repository root) whose name ends with `ending`, relative to the root, sorted. */
function filesUnder(dir, ending) {
	const walk = (absolute) =>
		fs.readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
			const child = path.join(absolute, entry.name);
			if (entry.isDirectory()) return walk(child);
			return entry.name.endsWith(ending) ? [child] : [];
		});
	return walk(path.join(ROOT, dir))
		.map((absolute) => path.relative(ROOT, absolute).split(path.sep).join('/'))
		.sort();
}

/** [{ file, text }] for every .ts file under `dir` (relative to the repository root), `file` relative to the root too. */
function sourceFiles(dir) {
	return filesUnder(dir, '.ts').map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }));
}

/** The text of a file of the repository (`path` relative to its root). */
function repoFile(file) {
	return fs.readFileSync(path.join(ROOT, file), 'utf8');
}

module.exports = { filesUnder, sourceFiles, repoFile };
