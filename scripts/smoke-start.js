#!/usr/bin/env node
'use strict';
// Smoke test of the README's run command, as a user runs it day after day (CI runs it after `npm test`),
// on one runs folder (a fresh one unless KEYCLIC_RUNS_DIR says):
//   1. `npm start` (first run: import, publish), until it prints the Production URL; then
//      `npm run send-event -- report_created` (posted to that URL) and `npm run send-event -- --keyclic`
//      (a report with two photos created in the local Keyclic emulator, which notifies n8n itself); the three
//      workflows get a successful execution in n8n's database, carrying report_created; the photo alert's e-mail
//      reaches MailDev's inbox with two attachments, the emulator's photo bytes (SHA-256); `npm run send-mail` (a
//      mail with two photos filed into the e-mail example's Dovecot mailbox) files a report with those photos
//      (SHA-256), which the Automatic and photo alert workflows hear too; Ctrl-C: exit 0, ports closed;
//   2. `npm start` again on the folder that run left (the emulator starts empty: the start publishes the
//      Automatic examples again), the same events; then a kill -9 of npm start, which leaves n8n, MailDev and Dovecot
//      running;
//   3. `npm start` again: it stops that n8n, MailDev and Dovecot, gets the same port, the same events, Ctrl-C;
//   4. `KEYCLIC_N8N_VERSION=<the other supported n8n> npm start`: its own run folder, the same events, Ctrl-C;
//   5. `npm run dev`, the other mode of the same code (scripts/start.js --dev): until it prints the editor's URL
//      (n8n has loaded the package from the live build and its watcher is proven), then Ctrl-C, port closed.
// The executions of earlier runs must still be there (nothing the user did is lost on a restart).
// Ends with "start: N passed, N failed" and a non-zero exit code on any failure.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureDebianPackages } = require('../test/harness/services');
const { LATEST, SUPPORTED } = require('../test/harness/versions');
const { pidAlive } = require('../test/harness/leftovers');
const { sleep } = require('../test/harness/wait');
const { portOpen } = require('../test/harness/ports');
const { reportPhotoHashes } = require('../test/keyclic-emulator/demo-login');
const { sha256 } = require('../test/support/smtp-sink');
const { SAMPLE_PHOTOS } = require('../test/keyclic-emulator/files/samples');
const { MAIL_EXAMPLE } = require('./local/demo-mail');
const { ALERT: ALERT_WORKFLOW } = require('../test/support/alert-with-photos');

const ROOT = path.resolve(__dirname, '..');
const STARTUP_MS = 20 * 60 * 1000; // a bound that includes a cold n8n install
const runs = process.env.KEYCLIC_RUNS_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-smoke-runs-'));
const ownRuns = !process.env.KEYCLIC_RUNS_DIR;
process.env.KEYCLIC_RUNS_DIR = runs; // for run-folders.js below, and every command this test runs
const { runName, stopPreviousRuns } = require('./local/run-folders');
const FIRST = process.env.KEYCLIC_N8N_VERSION || LATEST;
const OTHER = SUPPORTED.find((v) => v !== FIRST);
const BASIC = 'Keyclic: route reports and operations';
const AUTOMATIC = 'Keyclic (Automatic registration, local emulator)';
const ALERT = ALERT_WORKFLOW.name;
// each run of fireBothWays: the executions of each workflow (the mail's report is heard by the Keyclic Triggers too)
const PER_RUN = [
	[BASIC, 1, 'the example workflow ran the sample', /report_created/],
	[AUTOMATIC, 2, 'the Automatic-registration workflow ran for the emulator report and the mailed one', /report_created/],
	[ALERT, 2, 'the photo alert workflow ran for the emulator report and the mailed one', /report_created/],
	[MAIL_EXAMPLE.name, 1, 'the e-mail example ran for the mail', /Demo mail/],
];
const WORKFLOWS = PER_RUN.reduce((sum, [, count]) => sum + count, 0);
const results = [];
const timings = [];

function check(title, ok, detail = '') {
	results.push(ok);
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${title}${detail ? `: ${detail}` : ''}`);
	return ok;
}

/** The environment of a user's terminal: the first version is the default one, the other one is asked for. */
function envFor(version) {
	const env = { ...process.env, KEYCLIC_RUNS_DIR: runs };
	delete env.KEYCLIC_N8N_VERSION;
	if (version !== LATEST) env.KEYCLIC_N8N_VERSION = version;
	return env;
}

function npmRun(version, args) {
	const r = spawnSync('npm', args, { cwd: ROOT, env: envFor(version), encoding: 'utf8', timeout: 120000 });
	return { status: r.status, out: `${r.stdout || ''}${r.stderr || ''}`.trim() };
}

/** Executions recorded by the n8n of `npm start` for a version: [{ name, status, data }] (data: n8n's flatted text). */
function executions(version) {
	ensureDebianPackages(['sqlite3']);
	const db = path.join(runs, runName('demo', version), 'main', '.n8n', 'database.sqlite');
	const sql =
		'select w.name as name, e.status as status, d.data as data from execution_entity e ' +
		'join workflow_entity w on w.id = e.workflowId left join execution_data d on d.executionId = e.id';
	const r = spawnSync('sqlite3', ['-readonly', '-json', '-cmd', '.timeout 10000', db, sql], { encoding: 'utf8', maxBuffer: 1 << 28 });
	if (r.status !== 0) throw new Error(`sqlite3 failed on ${db}: ${r.stderr}`);
	return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

async function waitForExecutions(version, predicate, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	let rows = [];
	while (Date.now() < deadline) {
		rows = executions(version);
		if (predicate(rows)) return rows;
		await sleep(1000);
	}
	return rows;
}

/** `npm start` in its own process group (as a terminal runs it), its output echoed. */
function npmStart(version, args = ['start']) {
	const t0 = Date.now();
	const child = spawn('npm', args, { cwd: ROOT, env: envFor(version), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const run = { child, output: '', t0 };
	run.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (chunk) => {
			run.output += chunk;
			process.stdout.write(chunk.toString().replace(/^(?=.)/gm, '  │ '));
		});
	}
	run.signalGroup = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			/* already gone */
		}
	};
	return run;
}

/** Waits for the Production URL; returns { url, port } or null (a failed check says why). */
async function ready(run, title) {
	const ok = await Promise.race([
		(async () => {
			while (!/Production URL:\s+(\S+)/.test(run.output) || !/Second workflow:/.test(run.output)) await sleep(500);
			return true;
		})(),
		run.exited.then(() => false),
		sleep(STARTUP_MS).then(() => false),
	]);
	const url = (run.output.match(/Production URL:\s+(\S+)/) || [])[1];
	const editor = (run.output.match(/Editor:\s+(http:\/\/\S+)/) || [])[1];
	const inbox = (run.output.match(/Inbox \(MailDev\):\s+(http:\/\/\S+)/) || [])[1];
	const emulator = (run.output.match(/Local Keyclic emulator:\s+(http:\/\/\S+)/) || [])[1];
	const imapPort = Number((run.output.match(/Dovecot, IMAP on 127\.0\.0\.1:(\d+)/) || [])[1]) || null;
	const seconds = Math.round((Date.now() - run.t0) / 1000);
	if (ok) timings.push(`${title}: ${seconds} s`);
	if (!check(`${title} prints the Production URL`, ok && Boolean(url), ok ? `${seconds} s` : 'npm start exited or timed out')) return null;
	check(`${title} prints the inbox URL (MailDev) and the emulator's file host`, Boolean(inbox) && /Its file host:\s+http/.test(run.output));
	check(
		`${title} prints the e-mail example's mailbox (Dovecot) and npm run send-mail`,
		Boolean(imapPort) && /npm run send-mail/.test(run.output),
	);
	return { url, port: Number(new URL(editor).port), inbox, inboxPort: inbox ? Number(new URL(inbox).port) : null, emulator, imapPort };
}

/** Waits for `npm run dev`'s banner (n8n loaded the live build and reloads it); returns { port } or null. */
async function devReady(run) {
	const ok = await Promise.race([
		(async () => {
			while (!/from a live build[\s\S]*Editor:\s+http:\/\/\S+/.test(run.output)) await sleep(500);
			return true;
		})(),
		run.exited.then(() => false),
		sleep(STARTUP_MS).then(() => false),
	]);
	const editor = (run.output.match(/Editor:\s+(http:\/\/\S+)/) || [])[1];
	const seconds = Math.round((Date.now() - run.t0) / 1000);
	if (ok) timings.push(`npm run dev: ${seconds} s`);
	if (!check('npm run dev prints the editor once n8n reloads the live build', ok, ok ? `${seconds} s` : 'npm run dev exited or timed out'))
		return null;
	return { port: Number(new URL(editor).port) };
}

/** Waits (a condition, polled) for MailDev's e-mail whose subject names `reference`; its attachments' SHA-256, in order. */
async function mailedPhotoHashes(inbox, reference, timeoutMs = 120000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const list = await fetch(`${inbox}api/email`)
			.then((r) => r.json())
			.catch(() => []);
		const mail = list.find((m) => (m.subject || '').includes(reference));
		if (mail) {
			const hashes = [];
			for (const a of mail.attachments || []) {
				const r = await fetch(`${inbox}api/email/${mail.id}/attachment/${encodeURIComponent(a.generatedFileName)}`);
				hashes.push(sha256(Buffer.from(await r.arrayBuffer())));
			}
			return hashes;
		}
		await sleep(500);
	}
	return null;
}

/** Both ways of firing an event, and a mail; the `n`-th run of this version: n times PER_RUN executions by now. */
async function fireBothWays(version, n, { inbox, emulator }) {
	const mail = npmRun(version, ['run', 'send-mail']);
	const [, mailedReport] = mail.out.match(/Filed report (\S+) \(\S+, 2 photos\)/) || [];
	check(
		'npm run send-mail files a report with the two photos in the emulator',
		mail.status === 0 && Boolean(mailedReport),
		mail.out.split('\n').pop(),
	);
	if (mailedReport) {
		const hashes = await reportPhotoHashes(emulator, mailedReport);
		check("the mailed report holds the mail's photos (SHA-256)", hashes.join() === SAMPLE_PHOTOS.map((p) => sha256(p.bytes)).join());
	}
	const sample = npmRun(version, ['run', 'send-event', '--', 'report_created']);
	check(
		'npm run send-event -- report_created is accepted',
		sample.status === 0 && /HTTP 200/.test(sample.out),
		sample.out.split('\n').pop(),
	);
	const keyclic = npmRun(version, ['run', 'send-event', '--', '--keyclic']);
	check(
		'npm run send-event -- --keyclic creates a report in the emulator',
		keyclic.status === 0 && /Created report/.test(keyclic.out),
		keyclic.out.split('\n').pop(),
	);
	const [, reportId, reference] = keyclic.out.match(/Created report (\S+) \((\S+), 2 photos\)/) || [];
	if (reportId) {
		const expected = await reportPhotoHashes(emulator, reportId);
		const mailed = await mailedPhotoHashes(inbox, reference);
		check(
			'the photo alert e-mail reached the inbox with two attachments, the emulator photos (SHA-256)',
			expected.length === 2 && Array.isArray(mailed) && mailed.join() === expected.join(),
			mailed ? `${mailed.length} attachment(s)` : 'no e-mail within 120 s',
		);
	}
	const rows = await waitForExecutions(version, (r) => r.filter((e) => e.status === 'success').length >= WORKFLOWS * n);
	for (const [name, perRun, what, carries] of PER_RUN) {
		const of = rows.filter((e) => e.name === name);
		check(
			`${what}, successfully, its data carrying ${carries} (${perRun * n} execution(s): earlier runs' kept)`,
			of.length === perRun * n && of.every((e) => e.status === 'success' && carries.test(e.data || '')),
			`${of.length} execution(s), status ${of.map((e) => e.status)}`,
		);
	}
}

async function ctrlC(run, { port, inboxPort, imapPort }, command = 'npm start') {
	run.child.kill('SIGINT');
	run.signalGroup('SIGINT'); // as Ctrl-C in a terminal: the whole process group
	const end = await Promise.race([run.exited, sleep(60000).then(() => null)]);
	check(
		`Ctrl-C stops ${command} cleanly`,
		end !== null && (end.code === 0 || end.signal === 'SIGINT'),
		end ? `exit ${end.code ?? end.signal}` : 'still running after 60 s',
	);
	check(`n8n no longer listens on port ${port}`, !(await portOpen(port)));
	if (inboxPort) check(`MailDev no longer listens on port ${inboxPort}`, !(await portOpen(inboxPort)));
	if (imapPort) check(`Dovecot no longer listens on port ${imapPort}`, !(await portOpen(imapPort)));
}

async function main() {
	console.log(`npm start smoke test (runs folder ${runs}; n8n ${FIRST}, then ${OTHER})`);
	ensureDebianPackages(['dovecot-imapd'], console.log); // the e-mail example's IMAP server (npm start only prints the apt line)
	const started = [];
	try {
		console.log(`\n== 1. npm start on a fresh runs folder (n8n ${FIRST})`);
		let run = npmStart(FIRST);
		started.push(run);
		const first = await ready(run, 'first npm start');
		if (!first) return;
		await fireBothWays(FIRST, 1, first);
		await ctrlC(run, first);

		console.log(`\n== 2. npm start again on the folder run 1 left, then kill -9`);
		run = npmStart(FIRST);
		started.push(run);
		const second = await ready(run, 'second npm start (after Ctrl-C)');
		if (!second) return;
		check('the Automatic example was published again (the emulator started empty)', /published again: the emulator/.test(run.output));
		check('the photo alert example was published again', /webhook there \(published again\)/.test(run.output));
		await fireBothWays(FIRST, 2, second);
		run.signalGroup('SIGKILL'); // npm, its shell and start.js; n8n runs detached: it lives on
		await run.exited;
		check(`after the kill -9, the orphan n8n still holds port ${second.port} (what the next start must stop)`, await portOpen(second.port));
		check(`after the kill -9, the orphan MailDev still holds port ${second.inboxPort}`, await portOpen(second.inboxPort));
		check(`after the kill -9, the orphan Dovecot still holds port ${second.imapPort}`, await portOpen(second.imapPort));

		console.log(`\n== 3. npm start after the kill -9`);
		run = npmStart(FIRST);
		started.push(run);
		const third = await ready(run, 'third npm start (after kill -9)');
		if (!third) return;
		check('it stopped the n8n the kill -9 left', /Stopping n8n( main)? \(pid \d+\) left running/.test(run.output));
		check('it stopped the MailDev the kill -9 left', /Stopping MailDev \(pid \d+\) left running/.test(run.output));
		const maildevPid = Number((run.output.match(/Stopping MailDev \(pid (\d+)\) left running/) || [])[1]);
		check(`that MailDev (pid ${maildevPid}) is gone`, Number.isInteger(maildevPid) && !pidAlive(maildevPid));
		const dovecotPid = Number((run.output.match(/Stopping Dovecot \(pid (\d+)\) left running/) || [])[1]);
		check(
			`it stopped the Dovecot the kill -9 left (pid ${dovecotPid}), its port ${second.imapPort} closed`,
			Number.isInteger(dovecotPid) && !pidAlive(dovecotPid) && !(await portOpen(second.imapPort)),
		);
		check(`it got the same port back (${second.port})`, third.port === second.port, `port ${third.port}`);
		await fireBothWays(FIRST, 3, third);
		await ctrlC(run, third);

		console.log(`\n== 4. KEYCLIC_N8N_VERSION=${OTHER} npm start (its own run folder)`);
		run = npmStart(OTHER);
		started.push(run);
		const fourth = await ready(run, `npm start with n8n ${OTHER}`);
		if (!fourth) return;
		await fireBothWays(OTHER, 1, fourth);
		await ctrlC(run, fourth);
		const kept = executions(FIRST).length;
		check(`n8n ${FIRST}'s run folder is untouched (its ${3 * WORKFLOWS} executions)`, kept === 3 * WORKFLOWS, `${kept} execution(s)`);

		console.log(`\n== 5. npm run dev (the same code in its hot-reload mode, n8n ${FIRST})`);
		run = npmStart(FIRST, ['run', 'dev']);
		started.push(run);
		const dev = await devReady(run);
		if (!dev) return;
		check(
			`npm run dev keeps its data in its own run folder (${runName('dev', FIRST)})`,
			run.output.includes(path.join(runs, runName('dev', FIRST))),
		);
		await ctrlC(run, { port: dev.port }, 'npm run dev');
	} finally {
		for (const run of started) run.signalGroup('SIGKILL');
		// and an n8n (or MailDev) a failed step left behind a kill -9: what the next run would stop
		await stopPreviousRuns('demo');
		await stopPreviousRuns('dev');
		console.log(`timings: ${timings.join(', ')}`);
		if (ownRuns) fs.rmSync(runs, { recursive: true, force: true });
	}
}

main()
	.catch((e) => check('smoke test ran', false, e.stack))
	.finally(() => {
		const failed = results.filter((ok) => !ok).length;
		console.log(`start: ${results.length - failed} passed, ${failed} failed`);
		process.exit(failed ? 1 : 0);
	});
