'use strict';
// The scale-out stack for the queue suites: PostgreSQL + Redis (test/harness/services.js) and n8n in
// queue mode (one main, `n8n webhook` processors, `n8n worker`s; test/harness/n8n.js), all on 127.0.0.1.
// What n8n executed is read straight from its Postgres database.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { N8n, sleep } = require('../harness/n8n');
const { ensureDebianPackages, Postgres, Redis } = require('../harness/services');
const { postgresTemplate } = require('../harness/db-template');

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

class QueueStack {
	/** @param {object} o … `redis: { appendonly }` (default: no persistence, as Redis ships) */
	constructor({ version, name, webhookProcessors = 2, workers = 1, env = {}, redis = {}, log = () => {} }) {
		Object.assign(this, { version, name, webhookProcessors, workers, log, redisOptions: redis, timings: {} });
		// n8n 2.x evaluates expressions in V8 isolates and, by default, takes a fresh one for every webhook call
		// of a community trigger: lazy acquisition skips it when nothing is evaluated (the Keyclic Trigger's
		// webhook phase), and a pool of 4 keeps isolates ready for the worker. 1.x ignores both. Measured: docs/scaling-and-delivery.md,
		// "Running at scale".
		this.env = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', N8N_EXPRESSION_ENGINE_POOL_SIZE: '4', ...env };
	}

	/** Services, then n8n (credentials(pg) and workflows imported, `activate` published, webhooks live). */
	async start({ databases = [], credentials = () => [], workflows = [], activate = [], waitFor = [], beforeN8n = async () => {} }) {
		const mark = (what, t0) => (this.timings[what] = Date.now() - t0);
		let t0 = Date.now();
		ensureDebianPackages(['postgresql', 'redis-server'], this.log);
		mark('debianPackagesMs', t0);

		t0 = Date.now();
		const servicesName = `${this.name}-services`;
		// n8n's database comes migrated, from a template cluster made once per n8n version (test/harness/db-template.js)
		const template = await postgresTemplate(this.version, this.log);
		this.pg = await Postgres.start({ name: servicesName, databases, template, log: this.log });
		this.redis = await Redis.start({ name: servicesName, log: this.log, ...this.redisOptions });
		await beforeN8n(this.pg);
		mark('servicesMs', t0);

		t0 = Date.now();
		this.n8n = await N8n.create({
			version: this.version,
			name: this.name,
			mode: 'queue',
			log: this.log,
			env: this.env,
			queue: {
				postgres: { host: this.pg.host, port: this.pg.port, database: 'n8n', user: this.pg.user },
				redis: { host: this.redis.host, port: this.redis.port },
				webhookProcessors: this.webhookProcessors,
				workers: this.workers,
			},
		});
		mark('installPackageMs', t0);

		t0 = Date.now();
		this.n8n.importCredentials(credentials(this.pg));
		this.n8n.importWorkflows(workflows);
		this.n8n.activate(...activate);
		mark('importActivateMs', t0);

		t0 = Date.now();
		await this.n8n.start({ waitFor, timeoutMs: 300000 });
		mark('startMs', t0);
		this.log(`n8n ${this.version} queue stack up: ${JSON.stringify(this.timings)}`);
	}

	/** Stops whatever was started, in reverse order, by pid; never throws. */
	async stop() {
		const steps = [() => this.n8n && this.n8n.stop(), () => this.redis && this.redis.stop(), () => this.pg && this.pg.stop()];
		for (const step of steps) {
			try {
				await step();
			} catch (e) {
				this.log(`stop: ${e.message}`);
			}
		}
	}

	// ---- faults: one process or one service down, then back (see test/harness/n8n.js and services.js) ----

	/** Kills one n8n process ('main', 'webhook-1', 'webhook-2', 'worker-1'…), default SIGKILL; resolves to how it ended. */
	kill(role, signal = 'SIGKILL') {
		return this.n8n.kill(role, signal);
	}

	/** Starts that n8n process again as it was (a new process, same ports) and waits until it is healthy. */
	restartProcess(role, opts) {
		return this.n8n.restartProcess(role, opts);
	}

	/** Redis stopped with `signal` and started again on its port (n8n's processes reconnect on their own, or not). */
	restartRedis(opts) {
		return this.redis.restart(opts);
	}

	/** PostgreSQL stopped ('fast' or 'immediate') and started again on its port, n8n's connections cut. */
	restartPostgres(opts) {
		return this.pg.restart(opts);
	}

	/** Executions of a workflow in n8n's Postgres: { total, finished, byStatus }. */
	async executionStats(workflowId) {
		const rows = await this.pg.rows(
			`SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = '${workflowId}' AND "deletedAt" IS NULL GROUP BY status`,
			{ database: 'n8n' },
		);
		const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
		const total = rows.reduce((sum, r) => sum + r.n, 0);
		const finished = rows.filter((r) => FINISHED.includes(r.status)).reduce((sum, r) => sum + r.n, 0);
		return { total, finished, byStatus };
	}

	/** Waits until the workflow has `count` finished executions; then checks nothing more trickles in. */
	async waitForExecutions(workflowId, count, { timeoutMs = 120000, settleMs = 1500 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let stats;
		for (;;) {
			stats = await this.executionStats(workflowId);
			if (stats.finished >= count && stats.total === stats.finished) break;
			if (Date.now() > deadline) {
				throw new Error(`timed out waiting for ${count} finished executions of ${workflowId}: ${JSON.stringify(stats)}`);
			}
			this.n8n.assertRunning();
			await sleep(250);
		}
		await sleep(settleMs);
		return this.executionStats(workflowId);
	}

	/**
	 * What every execution of the workflow received: [{ id, status, item }] where item is the first output
	 * item of `triggerName`, read from execution_data (flatted, parsed with n8n's own `flatted`).
	 */
	async executedItems(workflowId, triggerName, { pageSize = 400 } = {}) {
		const flatted = require(path.join(this.n8n.install.dir, 'node_modules', 'flatted'));
		const out = [];
		for (let offset = 0; ; offset += pageSize) {
			const text = await this.pg.query(
				`SELECT e.id || chr(9) || e.status || chr(9) || coalesce(d.data, '') FROM execution_entity e
				 LEFT JOIN execution_data d ON d."executionId" = e.id
				 WHERE e."workflowId" = '${workflowId}' AND e."deletedAt" IS NULL ORDER BY e.id LIMIT ${pageSize} OFFSET ${offset}`,
				{ database: 'n8n' },
			);
			const lines = text ? text.split('\n') : [];
			for (const line of lines) {
				const [id, status, data] = line.split('\t');
				const parsed = data ? flatted.parse(data) : null;
				const runs = parsed && parsed.resultData && parsed.resultData.runData[triggerName];
				const item = runs && runs[0] && runs[0].data ? runs[0].data.main[0][0].json : null;
				out.push({ id, status, item });
			}
			if (lines.length < pageSize) return out;
		}
	}

	/** Listening TCP sockets (local address) of every process of the stack and their children. */
	listeningSockets() {
		const groups = new Set(this.n8n.processes.map((p) => p.child.pid));
		const roots = new Set([this.pg.pid, this.redis.pid]);
		const ps = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8' }).stdout;
		const pids = new Set();
		for (const line of ps.trim().split('\n')) {
			const [pid, ppid, pgid] = line.trim().split(/\s+/).map(Number);
			if (groups.has(pgid) || roots.has(pid) || roots.has(ppid)) pids.add(pid);
		}
		const ss = spawnSync('ss', ['-Hltnp'], { encoding: 'utf8' }).stdout;
		const sockets = [];
		for (const line of ss.trim().split('\n')) {
			const cols = line.trim().split(/\s+/);
			const owners = [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
			if (owners.some((pid) => pids.has(pid))) sockets.push(cols[3]);
		}
		return sockets;
	}
}

module.exports = { QueueStack, FINISHED };
