'use strict';
// The package checks, for any folder holding this package (the repository itself in pack.test.js, a
// released copy in release.test.js): what `npm pack` ships (one pack per package, listed and unpacked), n8n's scanner (@n8n/scan-community-package,
// see scan.mjs) and strict `n8n-node lint` on the unpacked tarball, and the CHANGELOG's version section.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
// the environment of a developer's shell, not jest's: with NODE_ENV=test the n8n eslint rules read
// file names their own test way (false "Rename file" errors) and n8n-node lint exits 0 on errors
const { NODE_ENV: _jest, ...SHELL_ENV } = process.env;

/** Everything a published tarball may hold: built node/credential code, codex files, icons, README, LICENSE. */
const ALLOWED_FILE = /^(package\.json|README\.md|LICENSE|dist\/(nodes|credentials)\/.+\.(js|json|svg))$/;

/** `npm pack` of `root` into `work` (emptied first); returns the tarball's path. */
function pack(root, work) {
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	return path.join(work, info.filename);
}

/** The paths a tarball publishes (its files, without npm's `package/` prefix), sorted. */
function tarballFiles(tarball) {
	return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
		.split('\n')
		.filter((entry) => entry && !entry.endsWith('/'))
		.map((entry) => entry.replace(/^package\//, ''))
		.sort();
}

/** Extracts a tarball into `work` (emptied first); returns the folder of the unpacked package. */
function unpack(tarball, work) {
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', work]);
	return path.join(work, 'package');
}

/** n8n's scanner on `folder` (`tarball` or `source` leg): {passed, message, details}. */
function scan(folder, leg) {
	const r = spawnSync(process.execPath, [path.join(__dirname, 'scan.mjs'), folder, leg], { cwd: ROOT, encoding: 'utf8', env: SHELL_ENV });
	if (r.status !== 0) throw new Error(`scanner crashed: ${r.stderr}`);
	return JSON.parse(r.stdout);
}

/** `n8n-node lint` run in `folder` with the project's (unmodified, strict) eslint.config.mjs. */
function nodeLint(folder) {
	fs.copyFileSync(path.join(ROOT, 'eslint.config.mjs'), path.join(folder, 'eslint.config.mjs'));
	const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'), ['lint'], { cwd: folder, encoding: 'utf8', env: SHELL_ENV });
	return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** The text of the CHANGELOG section `## <version>` (up to the next section), or null when there is none. */
function changelogSection(changelog, version) {
	const lines = changelog.split('\n');
	const start = lines.indexOf(`## ${version}`);
	if (start === -1) return null;
	const end = lines.findIndex((line, i) => i > start && (line.startsWith('## ') || line === '<!-- auto-changelog-above -->'));
	return lines
		.slice(start + 1, end === -1 ? undefined : end)
		.join('\n')
		.trim();
}

module.exports = { ROOT, SHELL_ENV, ALLOWED_FILE, pack, tarballFiles, unpack, scan, nodeLint, changelogSection };
