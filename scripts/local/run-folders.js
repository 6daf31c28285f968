'use strict';
// Where the local n8n keeps its data: one scheme for every n8n the project starts, under runsRoot()
// (~/.cache/n8n-nodes-keyclic/runs, or KEYCLIC_RUNS_DIR):
//
//   start/<n8n version>/   `npm start` (the demo)           kept from run to run
//   dev/<n8n version>/     `npm run dev` (hot reload)       kept from run to run
//   <name>.<pid>/          an n8n of a test or benchmark    removed once its process is gone (test/harness/n8n.js)
//
// One folder per n8n version: n8n cannot open a database a newer n8n migrated. Each local run records what it
// started (processes.json in its folder), and the next run of the same command first stops what a Ctrl-C did not
// (a kill -9 leaves n8n and MailDev running detached: they hold port 5678 and the database).
const fs = require('node:fs');
const path = require('node:path');

const { runsRoot } = require('../../test/harness/install');
const { record, stopLeftovers } = require('../../test/harness/leftovers');
const { LATEST } = require('../../test/harness/versions');

/** The folder of each mode under runsRoot(). */
const MODE_FOLDERS = { demo: 'start', dev: 'dev' };
const RECORD = 'processes.json';
const N8N_COMMAND = path.join('n8n', 'bin', 'n8n');
const MAILDEV_COMMAND = path.join('maildev', 'dist', 'bin', 'maildev.js');

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

const writeJson = (file, data) => fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);

/** The run folder's name (for N8n.create's `name`, with `keep: true`): start/<version> or dev/<version>. */
const runName = (mode, version) => `${MODE_FOLDERS[mode]}/${version}`;

/** The last `npm start`'s connection (URL, secret, emulator, inbox): `npm run send-event`'s default. */
const lastConnectionFile = () => path.join(runsRoot(), MODE_FOLDERS.demo, 'last-connection.json');

/** The connection of the `npm start` of n8n `version`. */
const connectionFile = (version) => path.join(runsRoot(), runName('demo', version), 'connection.json');

const subfolders = (dir) =>
	fs.existsSync(dir)
		? fs
				.readdirSync(dir, { withFileTypes: true })
				.filter((e) => e.isDirectory())
				.map((e) => path.join(dir, e.name))
		: [];

/** The version folders of a mode (and, for the demo, those of the layouts before this one). */
function modeFolders(mode) {
	const root = runsRoot();
	const folders = subfolders(path.join(root, MODE_FOLDERS[mode]));
	if (mode === 'dev') folders.push(...subfolders(root).filter((f) => /^dev-watch-/.test(path.basename(f))));
	return folders;
}

/** Folders of `npm start` in the layouts before start/<version> (migrateRunFolders moves them): dev/, dev/<version>/. */
function legacyDemoFolders() {
	const oldDev = path.join(runsRoot(), 'dev');
	const folders = subfolders(oldDev).filter((f) => fs.existsSync(path.join(f, 'connection.json')));
	return fs.existsSync(path.join(oldDev, 'main')) ? [oldDev, ...folders] : folders;
}

/** Records the processes of this run in its folder: the next run stops them if they outlive it. */
function recordProcesses(dir, processes) {
	record(path.join(dir, RECORD), processes);
}

/**
 * Stops what earlier runs of `mode` left running, of any n8n version (one `npm start` at a time: one port 5678):
 * the recorded processes, any n8n working in one of its folders, a MailDev a kill -9 left between its start and
 * the record. Also an `npm start` of the layouts before this one (in dev/<version>, or dev/): its folder moves next.
 */
async function stopPreviousRuns(mode, log = () => {}) {
	const folders = [...modeFolders(mode), ...legacyDemoFolders()];
	await stopLeftovers({
		records: folders.flatMap((f) => [path.join(f, RECORD), path.join(f, 'npm-start.json')]),
		dirs: folders,
		command: N8N_COMMAND,
		log,
	});
	await stopLeftovers({ dirs: folders.map((f) => path.join(f, 'maildev')), command: MAILDEV_COMMAND, log });
}

/** Renames `from` to `to` unless `to` exists (the newer layout wins); says so. */
function move(from, to, log) {
	if (!fs.existsSync(from) || fs.existsSync(to)) return;
	fs.mkdirSync(path.dirname(to), { recursive: true });
	fs.renameSync(from, to);
	log(`Moved the run folder ${from} to ${to}.`);
}

/**
 * Earlier layouts become this one, keeping what the user built: runs/dev/ (npm start's one folder) and
 * runs/dev/<version>/ (npm start's, with its connection.json) become runs/start/<version>/, runs/dev-watch-<version>/
 * (npm run dev's) becomes runs/dev/<version>/. Run after stopPreviousRuns (nothing works in them any more).
 */
function migrateRunFolders(log = () => {}) {
	const root = runsRoot();
	const oldDev = path.join(root, 'dev');
	const oldLast = path.join(root, 'dev-connection.json');
	if (fs.existsSync(path.join(oldDev, 'main'))) {
		const itsVersion = (readJson(oldLast) || {}).version || LATEST;
		move(oldDev, path.join(root, runName('demo', itsVersion)), log);
	}
	for (const folder of subfolders(oldDev)) {
		if (fs.existsSync(path.join(folder, 'connection.json'))) move(folder, path.join(root, runName('demo', path.basename(folder))), log);
	}
	for (const folder of subfolders(root)) {
		const m = path.basename(folder).match(/^dev-watch-(.+)$/);
		if (m) move(folder, path.join(root, runName('dev', m[1])), log);
	}
	if (fs.existsSync(oldLast)) {
		fs.mkdirSync(path.dirname(lastConnectionFile()), { recursive: true });
		if (!fs.existsSync(lastConnectionFile())) fs.renameSync(oldLast, lastConnectionFile());
		else fs.rmSync(oldLast, { force: true });
	}
}

module.exports = {
	MODE_FOLDERS,
	N8N_COMMAND,
	MAILDEV_COMMAND,
	RECORD,
	runName,
	modeFolders,
	connectionFile,
	lastConnectionFile,
	recordProcesses,
	stopPreviousRuns,
	migrateRunFolders,
	readJson,
	writeJson,
};
