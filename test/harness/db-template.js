'use strict';
// A migrated SQLite database per n8n version, copied into every new regular-mode test instance: n8n's first
// CLI call on an empty user folder runs every migration (2.x: ~3 s of CPU, 1.x: ~1.5 s), the same work for
// each of the ~30 instances of a test run. The template is made once per version (cache folder
// templates/<version>/) by the same n8n, with the harness's environment, and copied before n8n first opens
// the folder; n8n then finds no migration left to run. Instances that keep their folder (npm start) migrate
// their own database.
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

module.exports = { seedSqliteDatabase, sqliteTemplate };
