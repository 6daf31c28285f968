'use strict';
// A real n8n for tests, benchmarks and the README's run command.
//
//   const n8n = await N8n.create({ version: '2.41.1', name: 'e2e' });  // install (cached) + user folder + our package
//   n8n.importCredentials([...]); n8n.importWorkflow(wf); n8n.activate(wf.id);   // CLI, before start
//   await n8n.start({ waitFor: [webhookPath] });                               // regular or queue mode
//   await n8n.post(n8n.webhookUrl(webhookId), body)  ->  { status, body }
//   await n8n.waitForExecutions(wf.id, 3)  ->  executions with their data (public API)
//   await n8n.stop();
//
// Everything listens on 127.0.0.1 only; ports are picked free at run time.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { parseJsonOr } = require('../support/json');
const { freePort } = require('./ports');

const { ensureN8n, majorOf, runsRoot } = require('./install');
const { buildAndPack, installIntoUserFolder } = require('./package');

const ENCRYPTION_KEY = 'keyclic-e2e-not-a-secret-0123456789';
const OWNER = { email: 'owner@keyclic.example', firstName: 'Keyclic', lastName: 'Tester', password: 'Keyclic-e2e-Passw0rd' };
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

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

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

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what, check, { timeoutMs = 120000, intervalMs = 250, onPoll } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value) return value;
		} catch (e) {
			last = e;
		}
		if (onPoll) onPoll();
		await sleep(intervalMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
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
		this.processes = [];
		this.api = null;
		this.cookie = null;
	}

	async prepare({ keep = false, installPackage = true, port }) {
		this.install = ensureN8n(this.version, this.log);
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
	}

	/** User folders: one per process (main, webhook-1…, worker-1…); all get the package. */
	userFolder(role = 'main') {
		return path.join(this.dir, role);
	}

	installPackage() {
		const tarball = buildAndPack();
		for (const role of this.roles()) installIntoUserFolder(this.userFolder(role), tarball);
	}

	roles() {
		if (this.mode !== 'queue') return ['main'];
		const { webhookProcessors = 2, workers = 1 } = this.queue;
		const roles = ['main'];
		for (let i = 1; i <= webhookProcessors; i++) roles.push(`webhook-${i}`);
		for (let i = 1; i <= workers; i++) roles.push(`worker-${i}`);
		return roles;
	}

	/** Environment shared by the CLI and the servers (headless, offline, bound to 127.0.0.1). */
	env(role = 'main', extra = {}) {
		const { binDir, legacyExpressions } = this.install;
		const env = {
			PATH: `${binDir}:${process.env.PATH}`,
			HOME: process.env.HOME,
			TMPDIR: process.env.TMPDIR || '/tmp',
			LANG: 'C.UTF-8',
			N8N_USER_FOLDER: this.userFolder(role),
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_PORT: String(this.port),
			WEBHOOK_URL: `${this.publicWebhookBase()}/`,
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
		if (this.major >= 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
		if (this.mode === 'queue') Object.assign(env, this.queueEnv());
		else Object.assign(env, { DB_TYPE: 'sqlite', DB_SQLITE_POOL_SIZE: '2' });
		return { ...env, ...this.extraEnv, ...extra };
	}

	queueEnv() {
		const { postgres, redis } = this.queue;
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

	/** Base of production webhook URLs (the main, or the first webhook processor in queue mode). */
	publicWebhookBase() {
		return this.webhookServers()[0];
	}

	/** Runs an n8n CLI command synchronously (import, publish…). */
	cli(args, { role = 'main', timeoutMs = 240000 } = {}) {
		const logFile = path.join(this.dir, `cli-${args[0].replace(/[^a-z]/gi, '_')}.log`);
		const r = spawnSync(this.install.nodeBin, [this.install.n8nBin, ...args], {
			env: this.env(role),
			cwd: this.dir,
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
		const file = path.join(this.dir, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	importWorkflow(workflow) {
		this.importWorkflows([workflow]);
	}

	/** One CLI call for several workflows (each n8n CLI call costs seconds of boot). */
	importWorkflows(workflows) {
		const dir = path.join(this.dir, `workflows-${Date.now()}`);
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
			if (this.major >= 2) this.cli(['publish:workflow', `--id=${id}`]);
			else this.cli(['update:workflow', `--id=${id}`, '--active=true']);
		}
	}

	deactivate(workflowId) {
		if (this.major >= 2) this.cli(['unpublish:workflow', `--id=${workflowId}`]);
		else this.cli(['update:workflow', `--id=${workflowId}`, '--active=false']);
	}

	spawnProcess(role, command, env) {
		const logPath = path.join(this.dir, `${role}.log`);
		const out = fs.openSync(logPath, 'a');
		const child = spawn(this.install.nodeBin, [this.install.n8nBin, ...command], {
			env,
			cwd: this.dir,
			detached: true,
			stdio: ['ignore', out, out],
		});
		fs.closeSync(out);
		live.add(child);
		child.exitCodePromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
		child.on('exit', () => live.delete(child));
		this.processes.push({ role, child, logPath, env });
		return child;
	}

	/**
	 * Starts n8n (regular: one `n8n start`; queue: main + webhook processors + workers) and waits
	 * until /healthz answers and every webhook path in `waitFor` is registered.
	 */
	async start({ waitFor = [], timeoutMs = 180000 } = {}) {
		const t0 = Date.now();
		if (this.mode === 'queue') await this.startQueue();
		else this.spawnProcess('main', ['start'], this.env('main', { N8N_RUNNERS_BROKER_PORT: String(await freePort()) }));
		const healthUrls = this.healthUrls();
		await waitUntil(
			`n8n ${this.version} health (${healthUrls.join(', ')})`,
			async () => (await Promise.all(healthUrls.map((u) => fetch(u).then((r) => r.ok)))).every(Boolean),
			{ timeoutMs, onPoll: () => this.assertRunning() },
		);
		// /healthz answers from the first second; while n8n migrates its database it serves a "starting up"
		// page (HTTP 200, HTML, on every path, /rest/* included), then 404s, and only then the REST API.
		// Ready means: /healthz/readiness says so and the REST API answers as itself (an anonymous
		// GET /rest/login is a JSON 401 from n8n's auth layer).
		await waitUntil(`n8n ${this.version} REST API`, async () => this.restReady(), { timeoutMs, onPoll: () => this.assertRunning() });
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

	async startQueue() {
		const { webhookProcessors = 2, workers = 1, workerConcurrency = 10 } = this.queue;
		this.webhookPorts = [];
		for (let i = 0; i < webhookProcessors; i++) this.webhookPorts.push(await freePort());
		this.webhookBases = this.webhookPorts.map((p) => `http://127.0.0.1:${p}`);
		this.workerHealthPorts = [];
		// with webhook processors, production webhooks are theirs alone (the main only activates and serves the UI/API)
		const mainOnly = webhookProcessors > 0 ? { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } : {};
		this.spawnProcess('main', ['start'], this.env('main', { ...mainOnly, N8N_RUNNERS_BROKER_PORT: String(await freePort()) }));
		for (let i = 1; i <= webhookProcessors; i++) {
			this.spawnProcess(
				`webhook-${i}`,
				['webhook'],
				this.env(`webhook-${i}`, {
					N8N_PORT: String(this.webhookPorts[i - 1]),
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				}),
			);
		}
		for (let i = 1; i <= workers; i++) {
			const healthPort = await freePort();
			this.workerHealthPorts.push(healthPort);
			this.spawnProcess(
				`worker-${i}`,
				['worker', `--concurrency=${workerConcurrency}`],
				this.env(`worker-${i}`, {
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				}),
			);
		}
	}

	async restReady() {
		for (const base of [this.baseUrl, ...(this.webhookBases || [])]) {
			if (!(await fetch(`${base}/healthz/readiness`)).ok) return false;
		}
		const r = await fetch(`${this.baseUrl}/rest/login`);
		const body = parseJsonOr(await r.text(), null);
		return r.status === 401 && body !== null && body.status === 'error';
	}

	healthUrls() {
		const urls = [`${this.baseUrl}/healthz`];
		for (const base of this.webhookBases || []) urls.push(`${base}/healthz`);
		for (const p of this.workerHealthPorts || []) urls.push(`http://127.0.0.1:${p}/healthz`);
		return urls;
	}

	assertRunning() {
		for (const { role, child, logPath } of this.processes) {
			if (child.exitCode !== null || child.signalCode !== null) {
				const tail = fs.readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
				throw new Error(`n8n ${role} exited (${child.exitCode ?? child.signalCode}):\n${tail}`);
			}
		}
	}

	/** Webhook bases that serve production calls: the main (regular) or each webhook processor (queue). */
	webhookServers() {
		return this.webhookBases && this.webhookBases.length ? this.webhookBases : [this.baseUrl];
	}

	/**
	 * Production webhooks are registered several seconds after /healthz. A GET on a POST-only
	 * production webhook answers "…Did you mean to make a POST request?" once it is registered.
	 */
	async waitForWebhook(webhookPath, { timeoutMs = 120000 } = {}) {
		for (const base of this.webhookServers()) {
			await waitUntil(
				`webhook ${webhookPath} on ${base}`,
				async () => {
					const r = await fetch(`${base}/webhook/${webhookPath}`);
					return (await r.text()).includes('Did you mean to make a POST');
				},
				{ timeoutMs, onPoll: () => this.assertRunning() },
			);
		}
	}

	/** Production URL of a trigger node with a fixed webhookId (`server` picks a webhook processor). */
	webhookUrl(webhookId, { query = '', server = 0, test = false } = {}) {
		const base = test ? this.baseUrl : this.webhookServers()[server];
		return `${base}/${test ? 'webhook-test' : 'webhook'}/${webhookId}/webhook${query}`;
	}

	/** POSTs a JSON (or raw string) body; returns { status, body, text }. */
	async post(url, body, { headers = {}, raw = false } = {}) {
		// a header given as null is not sent (with a Buffer body, fetch adds no content type either)
		const sent = Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).filter(([, v]) => v !== null));
		const r = await fetch(url, { method: 'POST', headers: sent, body: raw ? body : JSON.stringify(body) });
		const text = await r.text();
		return { status: r.status, body: parseJsonOr(text, undefined), text };
	}

	async stop() {
		const children = this.processes.map((p) => p.child);
		for (const child of children) if (child.exitCode === null && child.signalCode === null) killGroup(child, 'SIGTERM');
		await Promise.race([Promise.all(children.map((c) => c.exitCodePromise)), sleep(20000)]);
		for (const child of children) if (child.exitCode === null && child.signalCode === null) killGroup(child, 'SIGKILL');
		await Promise.all(children.map((c) => c.exitCodePromise));
		this.processes = [];
		this.api = null;
		this.cookie = null;
	}

	async restart(opts) {
		await this.stop();
		return this.start(opts);
	}

	/** Resident memory of all n8n processes (with their task-runner children), in MiB. */
	rssMiB() {
		let kib = 0;
		for (const { child } of this.processes) {
			const r = spawnSync('ps', ['-o', 'rss=', '--ppid', String(child.pid), '-p', String(child.pid)], { encoding: 'utf8' });
			for (const line of (r.stdout || '').split('\n')) kib += Number(line.trim()) || 0;
		}
		return Math.round(kib / 1024);
	}

	logs(role = 'main') {
		const p = this.processes.find((x) => x.role === role);
		const file = p ? p.logPath : path.join(this.dir, `${role}.log`);
		return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	}

	// ---- public API (owner account and API key made headlessly) ----

	async rest(pathname, { method = 'GET', body, cookie } = {}) {
		const r = await fetch(`${this.baseUrl}${pathname}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': 'keyclic-e2e', ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = await r.json().catch(() => ({}));
		return { r, json };
	}

	/**
	 * The owner's session cookie: the owner is created the first time (later: a login), and the cookie is
	 * checked against the REST API before it is handed out, then kept for the instance's life (one login
	 * per instance also keeps clear of n8n's limit of 5 logins a minute per account). start() calls it
	 * before any workflow can run: see there.
	 */
	async login() {
		if (this.cookie) return this.cookie;
		const cookie = await this.newSession();
		const { r } = await this.rest('/rest/login', { cookie });
		if (r.status !== 200) {
			throw new Error(
				`n8n ${this.version} refused the owner session it had just issued (GET /rest/login -> HTTP ${r.status}): ` +
					'was the owner set up while a first production execution was finishing? (see N8n.start)',
			);
		}
		this.cookie = cookie;
		return cookie;
	}

	/** Creates the owner (first time) or logs in; returns the new session cookie. */
	async newSession() {
		let { r } = await this.rest('/rest/owner/setup', { method: 'POST', body: OWNER });
		if (r.status !== 200) {
			({ r } = await this.rest('/rest/login', {
				method: 'POST',
				body: { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
			}));
		}
		if (r.status !== 200) throw new Error(`n8n owner setup/login failed: HTTP ${r.status}`);
		return r.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
	}

	async apiKey() {
		if (this.api) return this.api;
		const scopes = [
			'execution:list',
			'execution:read',
			'workflow:list',
			'workflow:read',
			'workflow:create',
			'workflow:update',
			'workflow:activate',
			'workflow:deactivate',
		];
		const { r, json } = await this.rest('/rest/api-keys', {
			method: 'POST',
			cookie: await this.login(),
			body: { label: `e2e-${Date.now()}`, scopes, expiresAt: null },
		});
		const key = json && json.data && json.data.rawApiKey;
		if (!key) throw new Error(`n8n API key creation failed: HTTP ${r.status} ${JSON.stringify(json)}`);
		this.api = key;
		return this.api;
	}

	/** The error n8n recorded when it last failed to activate the workflow (null when none). */
	async activationError(workflowId) {
		const { r, json } = await this.rest(`/rest/active-workflows/error/${workflowId}`, { cookie: await this.login() });
		if (r.status !== 200) throw new Error(`GET /rest/active-workflows/error/${workflowId} -> ${r.status}`);
		return json.data === undefined ? null : json.data;
	}

	/** A call to n8n's public API (/api/v1): { status, body }. Activation errors come back here. */
	async publicApi(method, pathname, body) {
		const key = await this.apiKey();
		const r = await fetch(`${this.baseUrl}/api/v1${pathname}`, {
			method,
			headers: { 'X-N8N-API-KEY': key, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await r.text();
		return { status: r.status, body: parseJsonOr(text, text) };
	}

	/** All executions of a workflow (newest first), with their run data when includeData. */
	async executions(workflowId, { includeData = true, limit = 250 } = {}) {
		const key = await this.apiKey();
		const all = [];
		let cursor = '';
		for (let page = 0; page < 1000; page++) {
			const q = `workflowId=${workflowId}&includeData=${includeData}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
			const r = await fetch(`${this.baseUrl}/api/v1/executions?${q}`, { headers: { 'X-N8N-API-KEY': key } });
			if (r.status !== 200) throw new Error(`GET /api/v1/executions -> ${r.status} ${await r.text()}`);
			const j = await r.json();
			all.push(...j.data);
			if (!j.nextCursor) break;
			cursor = j.nextCursor;
		}
		return all;
	}

	/** Waits until `count` executions of the workflow are finished (any status), then returns them. */
	async waitForExecutions(workflowId, count, { timeoutMs = 60000, includeData = true } = {}) {
		return waitUntil(
			`${count} finished executions of ${workflowId}`,
			async () => {
				const list = await this.executions(workflowId, { includeData: false });
				const finished = list.filter((e) => e.finished || ['success', 'error', 'crashed', 'canceled'].includes(e.status));
				if (finished.length < count) return false;
				return includeData ? this.executions(workflowId, { includeData: true }) : list;
			},
			{ timeoutMs, intervalMs: 300 },
		);
	}
}

/** Items (json) a node produced in an execution: runData[node][0].data.main[output]. */
function nodeOutput(execution, nodeName, output = 0) {
	const runs = execution.data && execution.data.resultData && execution.data.resultData.runData[nodeName];
	if (!runs || !runs[0] || !runs[0].data) return [];
	return (runs[0].data.main[output] || []).map((item) => item.json);
}

module.exports = { N8n, nodeOutput, freePort, waitUntil, sleep, OWNER, ENCRYPTION_KEY };
