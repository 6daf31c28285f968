'use strict';
// A real n8n for tests, benchmarks and the README's run command.
//
//   const n8n = await N8n.create({ version: '2.41.1', name: 'e2e' });  // install (cached) + user folder + our package
//   n8n.importCredentials([...]); n8n.importWorkflow(wf); n8n.activate(wf.id);   // CLI, before start
//   await n8n.start({ waitFor: [webhookPath] });                               // regular or queue mode
//   await n8n.post(n8n.webhookUrl(webhookId), body)  ->  { status, body }
//   await n8n.waitForExecutions(wf.id, 3)  ->  executions with their data (public API)
//   await n8n.kill('worker-1'); await n8n.restartProcess('worker-1');        // faults: one process, a signal
//   await n8n.stop();
//
// N8n is the facade of three roles, one file each: the processes (n8n-processes.js: environment, CLI,
// servers, kill/respawn), the REST client (n8n-client.js: readiness, webhooks, session, public API) and the
// executions (n8n-executions.js). Everything listens on 127.0.0.1 only; ports are picked free at run time.
const fs = require('node:fs');
const path = require('node:path');

const { freePort } = require('./ports');
const { ensureN8n, majorOf, runsRoot } = require('./install');
const { buildAndPack, installIntoUserFolder } = require('./package');
const { seedSqliteDatabase } = require('./db-template');
const { N8nProcesses, ENCRYPTION_KEY } = require('./n8n-processes');
const { N8nClient, OWNER } = require('./n8n-client');
const { N8nExecutions, nodeOutput } = require('./n8n-executions');
const { sleep, waitUntil } = require('./wait');
const { pidAlive } = require('./leftovers');

/** Removes <name>.<pid> folders left by test processes that no longer exist. */
function removeStaleRunFolders(base, name) {
	if (!fs.existsSync(base)) return;
	for (const entry of fs.readdirSync(base)) {
		const m = entry.match(/^(.*)\.(\d+)$/);
		if (m && m[1] === name && Number(m[2]) !== process.pid && !pidAlive(Number(m[2]))) {
			fs.rmSync(path.join(base, entry), { recursive: true, force: true });
		}
	}
}

class N8n {
	/**
	 * @param {object} o
	 * @param {string} o.version n8n version (pinned in test/harness/n8n-versions)
	 * @param {string} o.name folder name under ~/.cache/n8n-nodes-keyclic/runs/ (per process unless keep: true)
	 * @param {boolean} [o.keep] reuse an existing user folder (the run command does)
	 * @param {boolean} [o.installPackage] install this package (default true)
	 * @param {object} [o.env] extra environment for every n8n process
	 * @param {'regular'|'queue'} [o.mode]
	 * @param {object} [o.queue] { postgres: {host, port, database, user}, redis: {host, port}, webhookProcessors, workers }
	 * @param {number} [o.port] main port (default: a free one)
	 * @param {object} [o.install] an install as ensureN8n returns it (default: the cached install of `version`,
	 *   whose migrated SQLite database a throwaway regular-mode instance starts from: test/harness/db-template.js)
	 */
	static async create(o) {
		const n8n = new N8n(o);
		await n8n.prepare(o);
		return n8n;
	}

	constructor({ version, name, mode = 'regular', env = {}, queue, log = () => {} }) {
		this.version = version;
		this.major = majorOf(version);
		this.mode = mode;
		this.queue = queue;
		this.extraEnv = env;
		this.log = log;
		this.name = name;
		this.proc = new N8nProcesses(this);
		this.client = new N8nClient(this);
		this.execs = new N8nExecutions(this.client);
	}

	async prepare({ keep = false, installPackage = true, port, install }) {
		this.install = install || ensureN8n(this.version, this.log);
		// Throwaway instances get a folder per test process (two suites may run the same scenario at
		// once); folders of processes that are gone are removed. `keep` instances (npm start) reuse theirs.
		const base = runsRoot();
		if (keep) this.dir = path.join(base, this.name);
		else {
			this.dir = path.join(base, `${this.name}.${process.pid}`);
			removeStaleRunFolders(base, this.name);
			fs.rmSync(this.dir, { recursive: true, force: true });
		}
		fs.mkdirSync(path.join(this.dir, 'main'), { recursive: true });
		this.port = port || (await freePort());
		this.baseUrl = `http://127.0.0.1:${this.port}`;
		if (installPackage) this.installPackage();
		// a throwaway SQLite instance of a real install starts from the version's migrated database
		if (this.mode !== 'queue' && !keep && !install && !this.extraEnv.DB_TYPE) seedSqliteDatabase(this);
	}

	/** Running servers, in start order: { role, child, logPath, env, command, healthUrl }. */
	get processes() {
		return this.proc.list;
	}

	/** User folders: one per process (main, webhook-1…, worker-1…); all get the package. */
	userFolder(role = 'main') {
		return path.join(this.dir, role);
	}

	installPackage() {
		const tarball = buildAndPack();
		for (const role of this.roles()) installIntoUserFolder(this.userFolder(role), tarball);
	}

	/** Base of production webhook URLs (the main, or the first webhook processor in queue mode). */
	publicWebhookBase() {
		return this.webhookServers()[0];
	}

	importWorkflow(workflow) {
		this.importWorkflows([workflow]);
	}

	/**
	 * Starts n8n (regular: one `n8n start`; queue: main + webhook processors + workers) and waits
	 * until every server is healthy, the REST API answers and every webhook path in `waitFor` is registered.
	 */
	async start({ waitFor = [], timeoutMs = 180000 } = {}) {
		const t0 = Date.now();
		await this.proc.spawnAll();
		await this.proc.waitHealthy({ timeoutMs });
		await this.untilRestReady(timeoutMs);
		// The owner is set up (or logged in) now, before any workflow can run. n8n records the first successful
		// production execution on the owner (WorkflowStatisticsService -> UserService.updateSettings: read the
		// user, save it whole), so an owner set up in between is written back as the empty shell user: the
		// session just issued is refused and no login works after. Seen in CI (n8n 2.41.1, a setup ~75 ms after
		// the first webhook answer); reproduced on demand with that timing.
		await this.login();
		for (const webhookPath of waitFor) await this.waitForWebhook(webhookPath, { timeoutMs });
		this.startedInMs = Date.now() - t0;
		return this.startedInMs;
	}

	async untilRestReady(timeoutMs) {
		await waitUntil(`n8n ${this.version} REST API`, async () => this.restReady(), { timeoutMs, onPoll: () => this.assertRunning() });
	}

	async waitForWebhook(webhookPath, opts = {}) {
		return this.client.waitForWebhook(webhookPath, { ...opts, onPoll: () => this.assertRunning() });
	}

	/**
	 * Kills one server with `signal` (default SIGKILL) and waits for its exit: 'main', 'webhook-1'…, 'worker-1'….
	 * Resolves to its exit code or signal. The others keep running; restartProcess(role) starts it again.
	 */
	async kill(role = 'main', signal = 'SIGKILL') {
		return this.proc.kill(role, signal);
	}

	/**
	 * Starts one server again with the same command, environment and ports (a running one is stopped
	 * first), and waits until it is healthy: the main also for its REST API (a fresh session is made),
	 * a server of production webhooks for the paths in `waitFor`.
	 */
	async restartProcess(role = 'main', { waitFor = [], timeoutMs = 180000 } = {}) {
		await this.proc.respawn(role);
		await this.proc.waitHealthy({ role, timeoutMs });
		if (role.startsWith('worker-')) return;
		await this.untilRestReady(timeoutMs);
		if (role === 'main') {
			this.client.reset();
			await this.login();
		}
		const servers = role === 'main' ? (this.mode === 'queue' ? [] : [this.baseUrl]) : [this.webhookBases[Number(role.split('-')[1]) - 1]];
		for (const webhookPath of waitFor) await this.waitForWebhook(webhookPath, { timeoutMs, servers });
	}

	/** Stops every server (SIGTERM, then SIGKILL after 20 s); the session and API key are forgotten. */
	async stop() {
		await this.proc.stop();
		this.client.reset();
	}

	async restart(opts) {
		await this.stop();
		return this.start(opts);
	}
}

/** The facade: each role's methods, callable on the N8n instance as before the split. */
const ROLES = {
	proc: [
		'roles',
		'env',
		'queueEnv',
		'cli',
		'writeJson',
		'importWorkflows',
		'importCredentials',
		'activate',
		'deactivate',
		'healthUrls',
		'assertRunning',
		'rssMiB',
		'logs',
	],
	client: ['restReady', 'webhookServers', 'webhookUrl', 'post', 'rest', 'login', 'newSession', 'apiKey', 'activationError', 'publicApi'],
	execs: ['executions', 'execution', 'waitForExecutions'],
};
for (const [field, methods] of Object.entries(ROLES)) {
	for (const method of methods) {
		N8n.prototype[method] = function (...args) {
			return this[field][method](...args);
		};
	}
}

module.exports = { N8n, nodeOutput, freePort, waitUntil, sleep, OWNER, ENCRYPTION_KEY };
