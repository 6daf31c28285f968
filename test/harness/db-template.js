'use strict';
// Migrated n8n databases per n8n version, copied into every new test instance: n8n's first CLI call on an empty
// database runs every migration (SQLite: 2.8 s of CPU on 2.x, 1.3 s on 1.x; PostgreSQL more, plus initdb), the
// same work for each of the ~40 instances of a test run. A template is made once per version by the same n8n
// with the harness's environment, kept in the cache folder (templates/), and copied before n8n first opens the
// database; n8n then finds no migration left to run.
// - SQLite (regular mode): templates/sqlite-<version>/, copied into the user folder (throwaway instances only:
//   npm start migrates its own);
// - PostgreSQL (queue mode): templates/postgres<major>-n8n-<version>/, a stopped cluster's data folder holding
//   the migrated database `n8n`, copied instead of initdb (test/queue/stack.js).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { cacheRoot } = require('./install');

const FILES = ['database.sqlite', 'database.sqlite-wal']; // n8n runs SQLite in WAL mode: the log holds part of it

/** The folder holding `version`'s migrated database, made now if missing. */
function sqliteTemplate(n8n) {
	const folder = path.join(cacheRoot(), 'templates', `sqlite-${n8n.version}`);
	if (fs.existsSync(path.join(folder, 'database.sqlite'))) return folder;
	fs.mkdirSync(path.dirname(folder), { recursive: true });
	const work = fs.mkdtempSync(`${folder}.tmp-`);
	const { install } = n8n;
	// any command that opens the database migrates it; list:workflow changes nothing else
	const r = spawnSync(install.nodeBin, [install.n8nBin, 'list:workflow'], {
		env: { ...n8n.env('main'), N8N_USER_FOLDER: work },
		cwd: work,
		encoding: 'utf8',
		timeout: 240000,
		killSignal: 'SIGKILL',
	});
	if (r.status !== 0) {
		fs.rmSync(work, { recursive: true, force: true });
		throw new Error(
			`n8n ${n8n.version}: migrating the template database failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.slice(-3000)}`,
		);
	}
	const made = path.join(work, '.n8n');
	for (const f of fs.readdirSync(made)) if (!FILES.includes(f)) fs.rmSync(path.join(made, f), { recursive: true, force: true });
	try {
		fs.renameSync(made, folder); // atomic: a test process making the same template at once keeps its own
	} catch {
		if (!fs.existsSync(path.join(folder, 'database.sqlite'))) throw new Error(`could not keep the template database in ${folder}`);
	}
	fs.rmSync(work, { recursive: true, force: true });
	return folder;
}

/** Copies the migrated database of the instance's n8n version into its (empty) main user folder. */
function seedSqliteDatabase(n8n) {
	const from = sqliteTemplate(n8n);
	const to = path.join(n8n.userFolder('main'), '.n8n');
	fs.mkdirSync(to, { recursive: true });
	for (const f of FILES) if (fs.existsSync(path.join(from, f))) fs.copyFileSync(path.join(from, f), path.join(to, f));
}

/**
 * The data folder of a stopped PostgreSQL cluster whose database `n8n` is migrated by n8n `version` (made now if
 * missing: a throwaway cluster, n8n's CLI against it, a clean stop).
 */
async function postgresTemplate(version, log = () => {}) {
	const { Postgres, pgBinDir } = require('./services');
	const { N8n } = require('./n8n');
	const folder = path.join(cacheRoot(), 'templates', `postgres${path.basename(path.dirname(pgBinDir()))}-n8n-${version}`);
	if (fs.existsSync(path.join(folder, 'PG_VERSION'))) return folder;
	const t0 = Date.now();
	const name = `template-n8n-${version}`;
	// its own run folder: N8n.prepare() empties the folder of its name, which would take the running cluster with it
	const pg = await Postgres.start({ name: `template-pg-${version}`, databases: ['n8n'], log });
	try {
		// regular mode on PostgreSQL: the same migrations, and no Redis (1.x's CLI in queue mode exits when Redis
		// does not answer within 10 s, and the migrations can take longer on a loaded machine)
		const env = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: pg.host,
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: pg.user,
			DB_POSTGRESDB_PASSWORD: '',
		};
		const n8n = new N8n({ version, name, env });
		await n8n.prepare({ installPackage: false });
		n8n.cli(['list:workflow']); // opens the database: every migration runs
		fs.rmSync(n8n.dir, { recursive: true, force: true });
	} finally {
		await pg.stop(); // SIGINT: a clean shutdown, nothing left to recover in the copy
	}
	fs.mkdirSync(path.dirname(folder), { recursive: true });
	const work = `${folder}.tmp-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	const cp = spawnSync('cp', ['-a', pg.dataDir, work], { encoding: 'utf8' });
	if (cp.status !== 0) throw new Error(`keeping the PostgreSQL template failed: ${cp.stderr}`);
	try {
		fs.renameSync(work, folder); // atomic: a test process making the same template at once keeps its own
	} catch {
		fs.rmSync(work, { recursive: true, force: true });
		if (!fs.existsSync(path.join(folder, 'PG_VERSION'))) throw new Error(`could not keep the PostgreSQL template in ${folder}`);
	}
	fs.rmSync(path.dirname(pg.dir), { recursive: true, force: true });
	log(`PostgreSQL template for n8n ${version} made in ${Date.now() - t0} ms: ${folder}`);
	return folder;
}

module.exports = { seedSqliteDatabase, sqliteTemplate, postgresTemplate };
