'use strict';
// PostgreSQL and Redis for the queue-mode suites, started from Debian's packages in folders of the
// test process (<runs>/<name>.<pid>/pg, …/redis; <runs> is the harness's runs folder, see install.js),
// each on a free 127.0.0.1 port, and stopped by pid (also when the test process exits without stop()).
//
//   ensureDebianPackages(['postgresql', 'redis-server']);     // apt-get only when a binary is missing
//   const pg = await Postgres.start({ name: 'queue-db' });     // pg.port, pg.query(sql, {database})
//   const redis = await Redis.start({ name: 'queue-db' });     // redis.port
//   await redis.restart(); await pg.restart({ mode: 'immediate' });   // faults: same port, same data folder
//   await redis.stop(); await pg.stop();
const { execFile, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('./ports');
const { sleep } = require('./wait');
const { promisify } = require('node:util');

const install = require('./install');
const { ROOT } = require('./package');

const execFileAsync = promisify(execFile);
const alive = new Set(); // pids to kill if the test process dies without stop()

process.on('exit', () => {
	for (const pid of alive) signal(pid, 'SIGKILL');
});

function signal(pid, sig) {
	try {
		process.kill(pid, sig);
		return true;
	} catch {
		return false; // already gone
	}
}

const isAlive = (pid) => signal(pid, 0);

async function waitForExit(pid, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (isAlive(pid) && Date.now() < deadline) await sleep(100);
	return !isAlive(pid);
}

/** Stops a server by pid: `first` (a graceful signal), then SIGKILL after timeoutMs. */
async function killPid(pid, first, timeoutMs = 15000) {
	if (!pid) return;
	signal(pid, first);
	if (!(await waitForExit(pid, timeoutMs))) {
		signal(pid, 'SIGKILL');
		await waitForExit(pid, 5000);
	}
	alive.delete(pid);
}

/** Newest /usr/lib/postgresql/<major>/bin (Debian's layout), or null. */
function pgBinDir() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return null;
	const majors = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')));
	if (!majors.length) return null;
	majors.sort((a, b) => Number(b) - Number(a));
	return path.join(base, majors[0], 'bin');
}

/**
 * Debian package -> the command that proves it works (run, not just looked up): an install counts only
 * once its binary answers.
 */
const PROOF = {
	postgresql: () => (pgBinDir() ? [path.join(pgBinDir(), 'postgres'), ['--version'], /PostgreSQL\) \d+/] : null),
	'redis-server': () => ['redis-server', ['--version'], /Redis server v=\d/],
	sqlite3: () => ['sqlite3', ['-version'], /^3\.\d+/],
	'dovecot-imapd': () => (fs.existsSync('/usr/lib/dovecot/imap') ? ['dovecot', ['--version'], /^2\.\d+/] : null),
};

/** null when the package's binary runs, else what is wrong. */
function problemWith(pkg) {
	const proof = (PROOF[pkg] || (() => [pkg, ['--version'], null]))();
	if (!proof) return 'not installed';
	const [cmd, args, expect] = proof;
	return install.prove(cmd, args, {}, expect);
}

/** The packages among `packages` whose binary does not run (nothing is installed). */
const missingDebianPackages = (packages) => packages.filter((p) => problemWith(p) !== null);

let aptUpdated = false;

/**
 * Installs the Debian packages whose binaries are missing (`apt-get update` once, then `apt-get install -y`).
 * Services are not started by the install: Debian's policy-rc.d mechanism keeps them down (one is
 * written for the duration of the install when the machine has none), so nothing listens on fixed ports.
 */
function ensureDebianPackages(packages, log = () => {}) {
	const missing = missingDebianPackages(packages);
	if (!missing.length) return [];
	if (!isRoot()) {
		throw new Error(`missing Debian packages ${missing.join(', ')}: run as root or apt-get install -y ${missing.join(' ')}`);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = (args) => {
		const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
		if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.slice(-3000)}`);
	};
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !fs.existsSync(policy);
	if (ownPolicy)
		fs.writeFileSync(policy, '#!/bin/sh\n# written by n8n-nodes-keyclic tests during apt-get install\nexit 101\n', { mode: 0o755 });
	try {
		const t0 = Date.now();
		if (!aptUpdated) {
			apt(['update']);
			aptUpdated = true;
		}
		// a conffile an earlier `apt-get remove` left (and someone edited) keeps its version: no prompt to block on
		const keepConffiles = ['-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold'];
		apt([...keepConffiles, 'install', '-y', '--no-install-recommends', ...missing]);
		log(`installed ${missing.join(', ')} in ${Math.round((Date.now() - t0) / 1000)} s`);
	} finally {
		if (ownPolicy) fs.rmSync(policy, { force: true });
	}
	const still = missing.map((p) => [p, problemWith(p)]).filter(([, problem]) => problem !== null);
	if (still.length) {
		throw new Error(
			`apt-get installed ${still.map(([p, why]) => `${p} (${why})`).join(', ')} but it does not run: see the apt output above, then apt-get install --reinstall it`,
		);
	}
	return missing;
}

const isRoot = () => Boolean(process.getuid && process.getuid() === 0);

/** Where test runs keep their folders: the harness's runs folder (outside the clone), else <repo>/.e2e. */
function runsBase() {
	return install.runsRoot ? install.runsRoot() : path.join(ROOT, '.e2e');
}

/** Can the `postgres` user reach `dir`? (/root is usually 0700: then the runs folder is out of its reach.) */
function postgresCanReach(dir) {
	return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]).status === 0;
}

/**
 * A fresh folder <base>/<name>.<pid>/<sub> for one service of this test process; folders of test
 * processes that no longer exist are removed. PostgreSQL (`postgres`) and Dovecot (`world`: its mail
 * processes run as nobody) get one under the system temp folder when that user cannot reach the runs folder.
 */
function serviceDir(name, sub, { postgres = false, world = false } = {}) {
	let base = runsBase();
	fs.mkdirSync(base, { recursive: true });
	if ((postgres && isRoot() && !postgresCanReach(base)) || (world && isRoot() && !nobodyCanReach(base))) {
		base = path.join(os.tmpdir(), 'n8n-nodes-keyclic-runs');
		fs.mkdirSync(base, { recursive: true, mode: 0o755 });
	}
	for (const entry of fs.readdirSync(base)) {
		const m = entry.match(/^(.*)\.(\d+)$/);
		if (m && m[1] === name && Number(m[2]) !== process.pid && !isAlive(Number(m[2]))) {
			fs.rmSync(path.join(base, entry), { recursive: true, force: true });
		}
	}
	const dir = path.join(base, `${name}.${process.pid}`, sub);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/** Can an unprivileged user (Dovecot's mail processes run as `nobody`) reach `dir`? */
function nobodyCanReach(dir) {
	return spawnSync('runuser', ['-u', 'nobody', '--', 'test', '-x', dir]).status === 0;
}

/** As root, PostgreSQL's tools must run as the `postgres` user (initdb refuses root). */
function asPostgres(cmd, args) {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

class Postgres {
	/**
	 * initdb (or a copy of `template`, a stopped cluster's data folder) + pg_ctl start on a free port; databases
	 * listed in `databases` are created.
	 */
	static async start({ name, databases = [], log = () => {}, template = null }) {
		const bin = pgBinDir();
		if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql: call ensureDebianPackages first');
		let lastError;
		for (let attempt = 1; attempt <= 3; attempt++) {
			const pg = new Postgres(bin, serviceDir(name, 'pg', { postgres: true }), await freePort(), log);
			try {
				await pg.boot(template);
				for (const db of databases) await pg.query(`CREATE DATABASE ${db}`);
				return pg;
			} catch (e) {
				lastError = e; // most likely the port was taken between freePort() and listen: retry
				await pg.stop();
			}
		}
		throw lastError;
	}

	constructor(bin, dir, port, log) {
		Object.assign(this, { bin, dir, port, log, host: '127.0.0.1', user: 'postgres', pid: null });
		this.dataDir = path.join(dir, 'data');
		this.socketDir = path.join(dir, 'sock');
		this.logFile = path.join(dir, 'postgres.log');
	}

	run(tool, args) {
		const [cmd, argv] = asPostgres(path.join(this.bin, tool), args);
		const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: this.dir, timeout: 120000 });
		if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
		return r.stdout;
	}

	/** The major version of the binaries (a data folder only works with its own major). */
	get major() {
		return path.basename(path.dirname(this.bin));
	}

	async boot(template = null) {
		fs.mkdirSync(this.socketDir);
		const t0 = Date.now();
		if (template) {
			const cp = spawnSync('cp', ['-a', template, this.dataDir], { encoding: 'utf8' });
			if (cp.status !== 0) throw new Error(`copying the PostgreSQL template ${template} failed: ${cp.stderr}`);
		}
		if (isRoot()) spawnSync('chown', ['-R', 'postgres:postgres', this.dir]);
		if (!template) this.run('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
		this.startServer();
		this.log(`postgres ${path.basename(path.dirname(this.bin))} on 127.0.0.1:${this.port} (pid ${this.pid}) in ${Date.now() - t0} ms`);
	}

	startServer() {
		// fsync off: a throwaway test cluster (the OS cache is not flushed: only a machine crash loses data). A
		// commit still writes its WAL to the OS before it answers (synchronous_commit on, cheap without fsync),
		// so a crash of PostgreSQL itself (restart -m immediate) keeps every commit, as a production server does.
		// `-w` waits until it accepts connections.
		const opts = `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.socketDir} -c fsync=off -c synchronous_commit=on -c full_page_writes=off`;
		this.run('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', '-o', opts, 'start']);
		this.pid = Number(fs.readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
		alive.add(this.pid);
	}

	/**
	 * Stops the server and starts it again on the same port and data (a fault for the suites: every client
	 * connection is cut). `mode` is pg_ctl's: 'fast' (clients disconnected, a clean shutdown) or 'immediate'
	 * (no shutdown checkpoint: a crash, recovered from the WAL at start). Committed data survives both.
	 */
	async restart({ mode = 'fast' } = {}) {
		const t0 = Date.now();
		this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
		alive.delete(this.pid);
		this.startServer();
		this.log(`postgres restarted (${mode}) on 127.0.0.1:${this.port} (pid ${this.pid}) in ${Date.now() - t0} ms`);
	}

	/** psql against this server: `-X -q`, stop on the first error, then `args` (e.g. `-c <sql>`). */
	async psql(database, args, options = {}) {
		const base = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', this.host, '-p', String(this.port), '-U', this.user, '-d', database];
		return await execFileAsync(path.join(this.bin, 'psql'), [...base, ...args], options);
	}

	/** Runs SQL with psql; returns the unaligned, tuples-only output (one row per line). */
	async query(sql, { database = 'postgres' } = {}) {
		const { stdout } = await this.psql(database, ['-tA', '-c', sql], {
			maxBuffer: 1 << 29,
			env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
		});
		return stdout.replace(/\n$/, '');
	}

	/** Runs a SQL file (e.g. a DDL script). */
	async file(sqlFile, { database = 'postgres' } = {}) {
		await this.psql(database, ['-f', sqlFile]);
	}

	/** Rows of a query as objects (the query is wrapped in json_agg). */
	async rows(sql, opts) {
		const out = await this.query(`SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`, opts);
		return JSON.parse(out);
	}

	/** Fast shutdown by pid (SIGINT), SIGKILL if it lingers. */
	async stop() {
		await killPid(this.pid, 'SIGINT');
		this.pid = null;
	}
}

/**
 * `make()` gives a server on a free port; its boot() is tried up to 3 times (the port may be taken between
 * freePort() and listen), stop() after each failure.
 */
async function bootOnFreePort(make) {
	let lastError;
	for (let attempt = 1; attempt <= 3; attempt++) {
		const server = await make();
		try {
			await server.boot();
			return server;
		} catch (e) {
			lastError = e;
			await server.stop();
		}
	}
	throw lastError;
}

class Redis {
	/**
	 * redis-server in the foreground (our child, killed by pid). No persistence by default (a restart
	 * empties it, n8n's queue included); `appendonly: true` keeps an append-only file (fsync every second,
	 * Redis's default) that a restart reloads.
	 */
	static async start({ name, log = () => {}, appendonly = false }) {
		return await bootOnFreePort(async () => new Redis(serviceDir(name, 'redis'), await freePort(), log, appendonly));
	}

	constructor(dir, port, log, appendonly = false) {
		Object.assign(this, { dir, port, log, appendonly, host: '127.0.0.1', pid: null });
	}

	async boot() {
		const conf = path.join(this.dir, 'redis.conf');
		// set-proc-title no: the command line keeps this config's path (under .e2e/), like every other test process
		fs.writeFileSync(
			conf,
			[
				'bind 127.0.0.1',
				`port ${this.port}`,
				'protected-mode yes',
				`dir ${this.dir}`,
				`logfile ${path.join(this.dir, 'redis.log')}`,
				"save ''",
				`appendonly ${this.appendonly ? 'yes' : 'no'}`,
				'appendfsync everysec',
				'daemonize no',
				'set-proc-title no',
				'',
			].join('\n'),
		);
		const t0 = Date.now();
		const child = spawn('redis-server', [conf], { cwd: this.dir, stdio: 'ignore', detached: true });
		child.unref();
		this.pid = child.pid;
		alive.add(this.pid);
		const deadline = Date.now() + 20000;
		while (!(await this.ping())) {
			if (!isAlive(this.pid) || Date.now() > deadline) {
				const tail = fs.existsSync(path.join(this.dir, 'redis.log'))
					? fs.readFileSync(path.join(this.dir, 'redis.log'), 'utf8').slice(-2000)
					: '';
				throw new Error(`redis-server did not answer PING on 127.0.0.1:${this.port}\n${tail}`);
			}
			await sleep(100);
		}
		this.log(`redis on 127.0.0.1:${this.port} (pid ${this.pid}) in ${Date.now() - t0} ms`);
	}

	ping() {
		return new Promise((resolve) => {
			const socket = net.connect(this.port, this.host);
			const done = (ok) => {
				socket.destroy();
				resolve(ok);
			};
			socket.setTimeout(1000, () => done(false));
			socket.on('error', () => done(false));
			socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
			socket.on('connect', () => socket.write('PING\r\n'));
		});
	}

	async stop() {
		await killPid(this.pid, 'SIGTERM');
		this.pid = null;
	}

	/**
	 * Stops redis-server with `signal` (SIGTERM: a clean shutdown that syncs the append-only file; SIGKILL:
	 * a crash) and starts it again on the same port and folder.
	 */
	async restart({ signal = 'SIGTERM' } = {}) {
		const t0 = Date.now();
		await killPid(this.pid, signal);
		await this.boot();
		this.log(`redis restarted (${signal}, appendonly ${this.appendonly ? 'yes' : 'no'}) in ${Date.now() - t0} ms`);
	}

	/** One Redis command over RESP (e.g. ['SET', 'k', 'v']): a bulk reply's value (null for none), else the reply line ('+OK', ':3'). */
	command(args) {
		const request = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')}`;
		return new Promise((resolve, reject) => {
			const socket = net.connect(this.port, this.host);
			let reply = '';
			socket.setTimeout(5000, () => socket.destroy(new Error(`redis ${args[0]}: no answer in 5 s`)));
			socket.on('error', reject);
			socket.on('connect', () => socket.write(request));
			socket.on('data', (d) => {
				reply += d.toString();
				const lines = reply.split('\r\n');
				const bulk = lines[0].startsWith('$') && lines[0] !== '$-1';
				if (lines.length < (bulk ? 3 : 2)) return; // not all of it yet
				socket.end();
				resolve(bulk ? lines[1] : lines[0] === '$-1' ? null : lines[0]);
			});
		});
	}
}

module.exports = {
	ensureDebianPackages,
	missingDebianPackages,
	Postgres,
	Redis,
	pgBinDir,
	freePort,
	serviceDir,
	killPid,
	alive,
	isRoot,
	bootOnFreePort,
};
