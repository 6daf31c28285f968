'use strict';
// The dev mode of the local n8n (`npm run dev`, scripts/start.js --dev): this package loaded from a `tsc --watch`
// build, so an edit of a node or credential shows in the running editor without a rebuild or restart. n8n's own
// `n8n-node dev` would fetch n8n@latest and load the nodes as `CUSTOM.*` types; here n8n loads the package as
// Community Nodes installs it (type names `n8n-nodes-keyclic.*`, as in production) and reloads it on change
// (N8N_DEV_RELOAD=true):
//
//   <run folder>/main/.n8n/nodes/node_modules/n8n-nodes-keyclic/   package.json + dist/, the output of
//   tsc --watch --outDir …/dist                                    (icons copied once at start)
//
// n8n watches that folder and, on a change, drops the package's modules from its require cache, loads the
// package again and tells the editor (the node list and open node panels refresh).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { OWNER } = require('../../test/harness/n8n');
const { sleep } = require('../../test/harness/wait');

/** The package folder n8n loads: package.json as Community Nodes leaves it, and the icons next to the build. */
function preparePackage(root, userFolder) {
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const dir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
	const { devDependencies, peerDependencies, scripts, ...installed } = manifest;
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(installed, null, 2));
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } }, null, 2),
	);
	for (const top of ['nodes', 'credentials']) {
		for (const file of fs.readdirSync(path.join(root, top), { recursive: true })) {
			if (!/\.(svg|png)$/.test(file)) continue;
			fs.mkdirSync(path.dirname(path.join(dir, 'dist', top, file)), { recursive: true });
			fs.copyFileSync(path.join(root, top, file), path.join(dir, 'dist', top, file));
		}
	}
	return dir;
}

/** `tsc --watch` into `outDir`; resolves once the first build is written (its errors are printed, not fatal). */
function watchBuild(root, outDir, log) {
	const tsc = spawn(
		process.execPath,
		[require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput', '--outDir', outDir],
		{ cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let first = true;
	const ready = new Promise((resolve, reject) => {
		tsc.on('exit', (code) => reject(new Error(`tsc --watch exited (${code})`)));
		let buffer = '';
		tsc.stdout.on('data', (chunk) => {
			buffer += chunk.toString();
			const lines = buffer.split('\n');
			buffer = lines.pop();
			for (const line of lines) {
				// "Found 0 errors. Watching for file changes." ends every build
				if (/Found \d+ errors?\. Watching for file changes/.test(line)) {
					if (first) resolve();
					else log(`[tsc] ${line.replace(/^.*? - /, '')}`);
					first = false;
				} else if (/error TS\d+/.test(line) || (!first && /File change detected/.test(line))) {
					log(`[tsc] ${line.replace(/^.*? - /, '')}`);
				}
			}
		});
	});
	return { tsc, ready };
}

/** Prints n8n's hot-reload lines as they come (n8n writes them to its log file). */
function followReloads(logFile, log) {
	let offset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
	return setInterval(() => {
		if (!fs.existsSync(logFile)) return;
		const size = fs.statSync(logFile).size;
		if (size <= offset) return;
		const fd = fs.openSync(logFile, 'r');
		const chunk = Buffer.alloc(size - offset);
		fs.readSync(fd, chunk, 0, chunk.length, offset);
		fs.closeSync(fd);
		offset = size;
		for (const line of chunk.toString('utf8').split('\n')) {
			if (/Hot reload (triggered|failed)/.test(line)) log(`[n8n] ${line.trim()}`);
		}
	}, 500);
}

/** n8n's log so far, a line an entry. */
function logLines(logFile) {
	return fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n') : [];
}

const count = (lines, pattern) => lines.filter((l) => pattern.test(l)).length;

/**
 * Whether n8n has written the editor's node and credential types anew since `sinceMs` (file time), complete, with
 * the package's nodes in them. n8n rewrites those files in place after a reload (truncate, then stream), so a
 * read in between gets part of a file: a file that parses as a whole array is a finished one.
 */
function typesWrittenSince(userFolder, sinceMs, packageName) {
	const dir = path.join(userFolder, '.cache', 'n8n', 'public', 'types');
	for (const name of ['nodes', 'credentials']) {
		const file = path.join(dir, `${name}.json`);
		if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < sinceMs) return false;
		let list;
		try {
			list = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch {
			return false;
		}
		if (!Array.isArray(list)) return false;
		if (name === 'nodes' && !list.some((t) => typeof t.name === 'string' && t.name.startsWith(`${packageName}.`))) return false;
	}
	return true;
}

/**
 * Resolves once n8n's watcher of the package folder is proven live. n8n sets it up after it answers
 * (server.js calls `setupHotReload()` without awaiting it) and logs "Watching node folders for hot reload"
 * BEFORE it subscribes, so an edit saved in the first seconds can be missed (seen on a loaded CI machine).
 * So: wait for that line, then write a probe file into the package folder until n8n reloads the package
 * ("Hot reload triggered for <name>", once more every few seconds while it does not), and wait for that
 * reload to end: the editor's type files written anew and whole (an edit during a reload could be lost on
 * n8n 1.x, which runs reloads side by side, and a read of those files during one gets half a file).
 */
async function watcherLive(n8n, packageDir, timeoutMs = 120000) {
	const logFile = path.join(n8n.dir, 'main.log');
	const name = path.basename(packageDir);
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const watching = new RegExp(`Watching node folders for hot reload.*${escaped}`);
	const triggered = new RegExp(`Hot reload triggered for ${escaped}\\b`);
	const unavailable = /File watching for hot reload is unavailable/;
	const started = Date.now();
	const probe = path.join(packageDir, '.hot-reload-probe');
	const baseline = count(logLines(logFile), triggered);
	let probes = 0;
	let firstProbe;
	let lastProbe = 0;
	try {
		while (Date.now() - started < timeoutMs) {
			const lines = logLines(logFile);
			if (count(lines, unavailable) > 0) {
				throw new Error(`n8n cannot watch files on this machine (see ${logFile}): hot reload is unavailable`);
			}
			const reloads = count(lines, triggered) - baseline;
			if (reloads > 0 && typesWrittenSince(n8n.userFolder('main'), firstProbe, name)) {
				return { probes, ms: Date.now() - started };
			}
			if (reloads === 0 && count(lines, watching) > 0 && Date.now() - lastProbe > 3000) {
				fs.writeFileSync(probe, `${new Date().toISOString()}\n`);
				if (firstProbe === undefined) firstProbe = fs.statSync(probe).mtimeMs;
				probes += 1;
				lastProbe = Date.now();
			}
			await sleep(250);
		}
	} finally {
		fs.rmSync(probe, { force: true });
	}
	throw new Error(
		`n8n did not reload ${name} within ${timeoutMs / 1000} s of watching it (${probes} probe write(s) in ${packageDir}; see ${logFile})`,
	);
}

/**
 * The dev mode: { installPackage, env, prepare(n8n, ctx), ready(n8n) }. `prepare` writes the package folder and
 * waits for the first build, `ready` waits until n8n's watcher is live and follows its reloads.
 */
function devMode({ root, log }) {
	let packageDir;
	return {
		installPackage: false,
		env: { N8N_DEV_RELOAD: 'true', N8N_LOG_LEVEL: 'debug' },
		get packageDir() {
			return packageDir;
		},

		async prepare(n8n, { onStop }) {
			packageDir = preparePackage(root, n8n.userFolder('main'));
			const { tsc, ready } = watchBuild(root, path.join(packageDir, 'dist'), log);
			onStop(() => tsc.kill('SIGTERM'));
			await ready;
			return [{ role: 'tsc --watch', pid: tsc.pid }];
		},

		async ready(n8n, { onStop }) {
			const live = await watcherLive(n8n, packageDir);
			log(`n8n watches ${packageDir} (reloaded it after ${live.probes} probe write(s), in ${(live.ms / 1000).toFixed(1)} s)`);
			const follower = followReloads(path.join(n8n.dir, 'main.log'), log);
			onStop(() => clearInterval(follower));
			const { name } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
			return `
n8n ${n8n.version} is running with ${name} from a live build (log: ${path.join(n8n.dir, 'main.log')})

  Editor:  ${n8n.baseUrl}   (log in as ${OWNER.email} / ${OWNER.password})

Edit anything in nodes/ or credentials/: tsc rebuilds it and n8n reloads the package ("Hot reload
triggered" below); reopen the node panel to see the change. Icons are copied at start: restart for a new icon.
Ctrl-C stops n8n and the build; workflows and executions are kept in ${n8n.dir}.`;
		},
	};
}

module.exports = { devMode };
