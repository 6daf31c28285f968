#!/usr/bin/env node
'use strict';
// The local n8n, in one of two modes (one implementation: the version, port, run folder, records of what it
// started, the stop of what an earlier run left, Ctrl-C):
//
//   npm start      (node scripts/start.js)        the demo: the package built and installed as Community Nodes
//                  installs it, the local Keyclic emulator, MailDev's inbox and the examples live (scripts/local/demo.js)
//   npm run dev    (node scripts/start.js --dev)  a contributor's hot reload: the package from a `tsc --watch` build,
//                  reloaded by n8n on every change (scripts/local/hot-reload.js)
//
// Both run the pinned n8n (KEYCLIC_N8N_VERSION, default the newest supported), offline, on 127.0.0.1, port 5678
// (PORT) or a free one when it is taken, in ~/.cache/n8n-nodes-keyclic/runs/<start|dev>/<version>/ (see
// scripts/local/run-folders.js): workflows, executions and credentials stay there from one run to the next.
// Each run first stops what the previous run of the same command left (a kill -9 leaves n8n running detached).
// Ctrl-C stops everything it started. The CI smoke test (scripts/smoke-start.js) runs both commands.
const fs = require('node:fs');
const path = require('node:path');

const { N8n } = require('../test/harness/n8n');
const { portOrFree } = require('../test/harness/ports');
const { LATEST } = require('../test/harness/versions');
const { demoMode } = require('./local/demo');
const { devMode } = require('./local/hot-reload');
const { RECORD, lastConnectionFile, migrateRunFolders, recordProcesses, runName, stopPreviousRuns } = require('./local/run-folders');

const ROOT = path.resolve(__dirname, '..');
const COMMANDS = { demo: 'npm start', dev: 'npm run dev' };

/**
 * One local n8n: `await local.start()` resolves to the banner once n8n is ready; `local.stop()` stops all it started
 * (also while it starts). `keep: false` (the dev e2e) gives a throwaway run folder and leaves other runs alone.
 */
class LocalN8n {
	constructor({
		mode = 'demo',
		version = process.env.KEYCLIC_N8N_VERSION || LATEST,
		port,
		root = ROOT,
		keep = true,
		name,
		log = console.log,
	}) {
		if (!COMMANDS[mode]) throw new Error(`unknown mode "${mode}" (demo or dev)`);
		Object.assign(this, { mode, version, port, root, keep, name: name || runName(mode, version), log });
		this.impl = mode === 'dev' ? devMode({ root, log }) : demoMode({ lastConnection: lastConnectionFile() });
		this.cleanups = [];
		this.stopping = null;
	}

	/** The package folder n8n loads (dev mode). */
	get packageDir() {
		return this.impl.packageDir;
	}

	async start() {
		const { impl, log } = this;
		if (this.keep) {
			await stopPreviousRuns(this.mode, log);
			migrateRunFolders(log);
		}
		const port = this.port || (await portOrFree(Number(process.env.PORT || 5678)));
		if (!this.port && port !== Number(process.env.PORT || 5678))
			log(`Port ${process.env.PORT || 5678} is taken by another program: n8n gets a free port instead.`);
		this.n8n = await N8n.create({
			version: this.version,
			name: this.name,
			keep: this.keep,
			installPackage: impl.installPackage,
			port,
			env: impl.env,
			log,
		});
		const own = [{ role: COMMANDS[this.mode], pid: process.pid }];
		recordProcesses(this.n8n.dir, own);
		const ctx = { onStop: (fn) => this.cleanups.push(fn) };
		const helpers = await impl.prepare(this.n8n, ctx);
		recordProcesses(this.n8n.dir, [...own, ...helpers]);
		try {
			// start() also sets the owner up: the editor login printed works from then on
			await this.n8n.start();
		} finally {
			const servers = this.n8n.processes.map((p) => ({ role: `n8n ${p.role}`, pid: p.child.pid, group: true }));
			recordProcesses(this.n8n.dir, [...own, ...helpers, ...servers]);
		}
		return impl.ready(this.n8n, ctx);
	}

	/** Stops n8n, then what the mode started (newest first); the record goes: nothing is left to stop. */
	stop() {
		this.stopping =
			this.stopping ||
			(async () => {
				if (this.n8n) await this.n8n.stop();
				for (const fn of this.cleanups.reverse()) await fn();
				if (this.n8n) fs.rmSync(path.join(this.n8n.dir, RECORD), { force: true });
			})();
		return this.stopping;
	}
}

async function main(mode) {
	const local = new LocalN8n({ mode });
	console.log(`Preparing n8n ${local.version} (the first run installs it from npm: about 5 minutes)…`);
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		if (code === 0) console.log('\nStopping n8n…');
		await local.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	try {
		console.log(await local.start());
	} catch (e) {
		if (stopping) return; // Ctrl-C while starting: stop() exits
		console.error(e.message);
		await stop(1);
	}
}

if (require.main === module) main(process.argv.includes('--dev') ? 'dev' : 'demo');

module.exports = { LocalN8n };
