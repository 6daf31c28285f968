'use strict';
// Builds this package and installs the packed tarball into an n8n user folder the way n8n's
// Settings → Community Nodes does: extract into <userFolder>/.n8n/nodes/node_modules/<name>,
// strip devDependencies/peerDependencies/optionalDependencies, and record it in nodes/package.json.
// Nothing of this repository's node_modules is visible to n8n: zod and n8n-workflow must come from n8n.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { cacheRoot } = require('./install');

const ROOT = path.resolve(__dirname, '..', '..');
// what the tarball is built from: a change to any of these makes a new one
const BUILD_INPUTS = ['nodes', 'credentials', 'package.json', 'package-lock.json', 'tsconfig.json', 'gulpfile.js', 'README.md', 'LICENSE'];
const PACK_MAX_AGE_MS = 24 * 3600 * 1000;
let packed;

/** sha256 over the build's inputs (paths and contents, folders walked in sorted order). */
function sourceHash(root = ROOT) {
	const hash = crypto.createHash('sha256');
	const add = (rel) => {
		const file = path.join(root, rel);
		if (!fs.existsSync(file)) return;
		if (fs.statSync(file).isDirectory()) {
			for (const entry of fs.readdirSync(file).sort()) add(path.join(rel, entry));
			return;
		}
		hash.update(`${rel}\0`);
		hash.update(fs.readFileSync(file));
		hash.update('\0');
	};
	for (const rel of BUILD_INPUTS) add(rel);
	return hash.digest('hex').slice(0, 16);
}

/**
 * `npm run build` + `npm pack`, once per source state: the tarball is kept in <cache>/packs/<source hash>/, so
 * every test file, process and run (jest gives each test file its own module registry) reuses it until a
 * build input changes (BUILD_INPUTS). Returns the tarball path. Tarballs older than a day are removed.
 */
function buildAndPack({ build = true } = {}) {
	if (packed && fs.existsSync(packed)) return packed;
	const packs = path.join(cacheRoot(), 'packs');
	const folder = path.join(packs, sourceHash());
	const existing = fs.existsSync(folder) && fs.readdirSync(folder).find((f) => f.endsWith('.tgz'));
	if (existing) return (packed = path.join(folder, existing));
	if (build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	fs.mkdirSync(packs, { recursive: true });
	const dest = fs.mkdtempSync(path.join(packs, 'tmp-'));
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8' });
	const [info] = JSON.parse(out);
	try {
		fs.renameSync(dest, folder); // atomic: another process packing the same sources at once keeps its own
	} catch {
		if (!fs.existsSync(path.join(folder, info.filename))) throw new Error(`could not keep the packed tarball in ${folder}`);
		fs.rmSync(dest, { recursive: true, force: true });
	}
	for (const entry of fs.readdirSync(packs)) {
		const old = path.join(packs, entry);
		if (old !== folder && Date.now() - fs.statSync(old).mtimeMs > PACK_MAX_AGE_MS) fs.rmSync(old, { recursive: true, force: true });
	}
	return (packed = path.join(folder, info.filename));
}

/** Installs the tarball as a community package into `userFolder` (the N8N_USER_FOLDER). */
function installIntoUserFolder(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const modules = path.join(nodesDir, 'node_modules');
	fs.mkdirSync(modules, { recursive: true });
	const extractDir = fs.mkdtempSync(path.join(nodesDir, 'extract-'));
	execFileSync('tar', ['-xzf', tarball, '-C', extractDir]);
	const pkgDir = path.join(extractDir, 'package');
	const manifestPath = path.join(pkgDir, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[key];
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	if (manifest.dependencies && Object.keys(manifest.dependencies).length) {
		throw new Error(`${manifest.name} has runtime dependencies (${Object.keys(manifest.dependencies)}): community nodes must have none`);
	}
	const target = path.join(modules, manifest.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.renameSync(pkgDir, target);
	fs.rmSync(extractDir, { recursive: true, force: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } }, null, 2),
	);
	return { name: manifest.name, version: manifest.version, dir: target };
}

module.exports = { buildAndPack, installIntoUserFolder, sourceHash, ROOT };
