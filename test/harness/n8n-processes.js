'use strict';
// The n8n processes of one instance (role "process" of test/harness/n8n.js): their environment, the n8n
// CLI, spawning the servers (regular: `n8n start`; queue: main + `n8n webhook` processors + `n8n worker`s),
// and process control: stop all, kill one process with a signal, start one again as it was.
//
// Every server runs in its own process group (its task runners die with it) and is killed with the test
// process if that exits without stop().
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { groupMembers } = require('./leftovers');
const { freePort } = require('./ports');
const { waitUntil, within } = require('./wait');

const ENCRYPTION_KEY = 'keyclic-e2e-not-a-secret-0123456789';
const live = new Set();

// A crashed test run must not leave n8n processes behind.
process.on('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
});

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* already gone */
	}
}

const running = (child) => child.exitCode === null && child.signalCode === null;

class N8nProcesses {
	/** @param {import('./n8n').N8n} n8n the instance: version, mode, queue, dir, ports, install */
	constructor(n8n) {
		this.n8n = n8n;
		/** Running servers, in start order: { role, child, logPath, env, command, healthUrl }. */
		this.list = [];
	}

	/** Roles of the instance: main (regular), or main, webhook-1…, worker-1… (queue). */
	roles() {
		const { mode, queue } = this.n8n;
		if (mode !== 'queue') return ['main'];
		const { webhookProcessors = 2, workers = 1 } = queue;
		const roles = ['main'];
		for (let i = 1; i <= webhookProcessors; i++) roles.push(`webhook-${i}`);
		for (let i = 1; i <= workers; i++) roles.push(`worker-${i}`);
		return roles;
	}

	/** Environment shared by the CLI and the servers (headless, offline, bound to 127.0.0.1). */
	env(role = 'main', extra = {}) {
		const n8n = this.n8n;
		const { binDir, legacyExpressions } = n8n.install;
		const env = {
			PATH: `${binDir}:${process.env.PATH}`,
			HOME: process.env.HOME,
			TMPDIR: process.env.TMPDIR || '/tmp',
			LANG: 'C.UTF-8',
			N8N_USER_FOLDER: n8n.userFolder(role),
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_PORT: String(n8n.port),
			WEBHOOK_URL: `${n8n.publicWebhookBase()}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
			N8N_LOG_LEVEL: process.env.KEYCLIC_N8N_LOG_LEVEL || 'info',
			GENERIC_TIMEZONE: 'UTC',
			// keep every execution: tests and load runs count them
			EXECUTIONS_DATA_PRUNE_MAX_COUNT: '0',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		};
		if (legacyExpressions) env.N8N_EXPRESSION_ENGINE = 'legacy';
		if (n8n.major >= 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
		if (n8n.mode === 'queue') Object.assign(env, this.queueEnv());
		else Object.assign(env, { DB_TYPE: 'sqlite', DB_SQLITE_POOL_SIZE: '2' });
		return { ...env, ...n8n.extraEnv, ...extra };
	}

	queueEnv() {
		const { postgres, redis } = this.n8n.queue;
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password || '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			// the worker's health server listens on :: by default, the task-runner brokers on 127.0.0.1: say so
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		};
	}

	// ---- the n8n CLI (before start) ----

	/** Runs an n8n CLI command synchronously (import, publish…). */
	cli(args, { role = 'main', timeoutMs = 240000 } = {}) {
		const { dir, install } = this.n8n;
		const logFile = path.join(dir, `cli-${args[0].replace(/[^a-z]/gi, '_')}.log`);
		const r = spawnSync(install.nodeBin, [install.n8nBin, ...args], {
			env: this.env(role),
			cwd: dir,
			encoding: 'utf8',
			timeout: timeoutMs,
			killSignal: 'SIGKILL', // a stuck n8n CLI can spin and ignore SIGTERM
			maxBuffer: 1 << 26,
		});
		fs.appendFileSync(logFile, `$ n8n ${args.join(' ')}\n${r.stdout || ''}${r.stderr || ''}\n`);
		if (r.status !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${r.status}, signal ${r.signal}):\n${`${r.stdout}\n${r.stderr}`.slice(-3000)}`);
		}
		return r.stdout;
	}

	writeJson(name, data) {
		const file = path.join(this.n8n.dir, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	/** One CLI call for several workflows (each n8n CLI call costs seconds of boot). */
	importWorkflows(workflows) {
		const dir = path.join(this.n8n.dir, `workflows-${Date.now()}`);
		fs.mkdirSync(dir);
		for (const wf of workflows) fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
		this.cli(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** Credentials with a plain `data` object: n8n encrypts them with this instance's key. */
	importCredentials(credentials) {
		const file = this.writeJson('credentials.json', credentials);
		try {
			this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true }); // it holds secrets in clear: n8n now has them encrypted
		}
	}

	/** Activation as a user would: publish (2.x) / activate (1.x). Takes effect at the next start. */
	activate(...workflowIds) {
		for (const id of workflowIds) {
			if (this.n8n.major >= 2) this.cli(['publish:workflow', `--id=${id}`]);
			else this.cli(['update:workflow', `--id=${id}`, '--active=true']);
		}
	}

	deactivate(workflowId) {
		if (this.n8n.major >= 2) this.cli(['unpublish:workflow', `--id=${workflowId}`]);
		else this.cli(['update:workflow', `--id=${workflowId}`, '--active=false']);
	}

	// ---- servers ----

	spawnProcess(role, command, env, healthUrl, at = this.list.length) {
		const { dir, install } = this.n8n;
		const logPath = path.join(dir, `${role}.log`);
		const out = fs.openSync(logPath, 'a');
		const child = spawn(install.nodeBin, [install.n8nBin, ...command], { env, cwd: dir, detached: true, stdio: ['ignore', out, out] });
		fs.closeSync(out);
		live.add(child);
		child.exitCodePromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
		child.on('exit', () => live.delete(child));
		const entry = { role, child, logPath, env, command, healthUrl };
		this.list.splice(at, 0, entry);
		return child;
	}

	/** Spawns every server of the instance (ports picked here); start() then waits for them. */
	async spawnAll() {
		const n8n = this.n8n;
		const broker = async () => String(await freePort());
		if (n8n.mode !== 'queue') {
			this.spawnProcess('main', ['start'], this.env('main', { N8N_RUNNERS_BROKER_PORT: await broker() }), `${n8n.baseUrl}/healthz`);
			return;
		}
		const { webhookProcessors = 2, workers = 1, workerConcurrency = 10 } = n8n.queue;
		n8n.webhookPorts = [];
		for (let i = 0; i < webhookProcessors; i++) n8n.webhookPorts.push(await freePort());
		n8n.webhookBases = n8n.webhookPorts.map((p) => `http://127.0.0.1:${p}`);
		n8n.workerHealthPorts = [];
		// with webhook processors, production webhooks are theirs alone (the main only activates and serves the UI/API)
		const mainOnly = webhookProcessors > 0 ? { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } : {};
		this.spawnProcess(
			'main',
			['start'],
			this.env('main', { ...mainOnly, N8N_RUNNERS_BROKER_PORT: await broker() }),
			`${n8n.baseUrl}/healthz`,
		);
		for (let i = 1; i <= webhookProcessors; i++) {
			const env = this.env(`webhook-${i}`, { N8N_PORT: String(n8n.webhookPorts[i - 1]), N8N_RUNNERS_BROKER_PORT: await broker() });
			this.spawnProcess(`webhook-${i}`, ['webhook'], env, `${n8n.webhookBases[i - 1]}/healthz`);
		}
		for (let i = 1; i <= workers; i++) {
			const healthPort = await freePort();
			n8n.workerHealthPorts.push(healthPort);
			const env = this.env(`worker-${i}`, { QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_RUNNERS_BROKER_PORT: await broker() });
			this.spawnProcess(`worker-${i}`, ['worker', `--concurrency=${workerConcurrency}`], env, `http://127.0.0.1:${healthPort}/healthz`);
		}
	}

	healthUrls() {
		return this.list.map((p) => p.healthUrl);
	}

	/** Waits until every server (or the one of `role`) answers its /healthz. */
	async waitHealthy({ role, timeoutMs = 180000 } = {}) {
		const urls = this.list.filter((p) => !role || p.role === role).map((p) => p.healthUrl);
		await waitUntil(
			`n8n ${this.n8n.version} health (${urls.join(', ')})`,
			async () => (await Promise.all(urls.map((u) => fetch(u).then((r) => r.ok)))).every(Boolean),
			{ timeoutMs, onPoll: () => this.assertRunning() },
		);
	}

	/** Throws with the log's tail when a server has exited on its own (kill() takes one out of the list first). */
	assertRunning() {
		for (const { role, child, logPath } of this.list) {
			if (!running(child)) {
				const tail = fs.readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
				throw new Error(`n8n ${role} exited (${child.exitCode ?? child.signalCode}):\n${tail}`);
			}
		}
	}

	find(role) {
		const entry = this.list.find((p) => p.role === role);
		if (!entry) throw new Error(`no running n8n process "${role}" (running: ${this.list.map((p) => p.role).join(', ') || 'none'})`);
		return entry;
	}

	/**
	 * Sends `signal` to one server's process group (default SIGKILL: a crash, nothing flushed) and waits
	 * for it to exit; the process leaves the list (respawn() starts it again as it was). Returns how it
	 * ended: an exit code or a signal name.
	 */
	async kill(role = 'main', signal = 'SIGKILL', { timeoutMs = 30000 } = {}) {
		const entry = this.find(role);
		this.killed = this.killed || new Map();
		this.killed.set(role, { entry, at: this.list.indexOf(entry) });
		this.list.splice(this.list.indexOf(entry), 1);
		killGroup(entry.child, signal);
		const ended = await within(entry.child.exitCodePromise, timeoutMs);
		if (ended === null) {
			killGroup(entry.child, 'SIGKILL');
			throw new Error(`n8n ${role} was still running ${timeoutMs} ms after ${signal} (killed with SIGKILL)`);
		}
		killGroup(entry.child, 'SIGKILL'); // what the signal left of its group (task runners)
		// a killed group's members die when the kernel next runs them: gone before this returns
		await waitUntil(`the process group of n8n ${role} (its task runner) to end`, () => groupMembers(entry.child.pid).length === 0, {
			timeoutMs,
			intervalMs: 50,
		});
		return ended;
	}

	/** Starts a killed (or stops then starts a running) server again: same command, environment and ports. */
	async respawn(role) {
		if (this.list.some((p) => p.role === role)) await this.kill(role, 'SIGTERM');
		const killed = this.killed && this.killed.get(role);
		if (!killed) throw new Error(`n8n process "${role}" was never started`);
		this.killed.delete(role);
		const { entry, at } = killed;
		return this.spawnProcess(role, entry.command, entry.env, entry.healthUrl, Math.min(at, this.list.length));
	}

	/** SIGTERM to every server, SIGKILL to what is left after 20 s. */
	async stop() {
		const children = this.list.map((p) => p.child);
		for (const child of children) if (running(child)) killGroup(child, 'SIGTERM');
		await within(Promise.all(children.map((c) => c.exitCodePromise)), 20000);
		for (const child of children) if (running(child)) killGroup(child, 'SIGKILL');
		await Promise.all(children.map((c) => c.exitCodePromise));
		this.list = [];
		this.killed = new Map();
	}

	/** Resident memory of all n8n processes (with their task-runner children), in MiB. */
	rssMiB() {
		let kib = 0;
		for (const { child } of this.list) {
			const r = spawnSync('ps', ['-o', 'rss=', '--ppid', String(child.pid), '-p', String(child.pid)], { encoding: 'utf8' });
			for (const line of (r.stdout || '').split('\n')) kib += Number(line.trim()) || 0;
		}
		return Math.round(kib / 1024);
	}

	logs(role = 'main') {
		const p = this.list.find((x) => x.role === role);
		const file = p ? p.logPath : path.join(this.n8n.dir, `${role}.log`);
		return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	}
}

module.exports = { N8nProcesses, ENCRYPTION_KEY };
