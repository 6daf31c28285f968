'use strict';
// Builds this package and installs the packed tarball into an n8n user folder the way n8n's
// Settings → Community Nodes does: extract into <userFolder>/.n8n/nodes/node_modules/<name>,
// strip devDependencies/peerDependencies/optionalDependencies, and record it in nodes/package.json.
// Nothing of this repository's node_modules is visible to n8n: zod and n8n-workflow must come from n8n.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
let packed;

/** `npm run build` + `npm pack` once per process; returns the tarball path. */
function buildAndPack({ build = true } = {}) {
	if (packed && fs.existsSync(packed)) return packed;
	if (build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-pack-'));
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8' });
	const [info] = JSON.parse(out);
	packed = path.join(dest, info.filename);
	return packed;
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

module.exports = { buildAndPack, installIntoUserFolder, ROOT };
