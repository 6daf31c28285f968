#!/usr/bin/env node
'use strict';
// Smoke test of the README's run command, as a user runs it (CI runs it after `npm test`):
//   1. `npm start` in a fresh runs folder, until it prints the Production URL;
//   2. `npm run send-event -- report_created` (posted to that URL) and `npm run send-event -- --keyclic`
//      (a report created in the local Keyclic emulator, which notifies n8n itself);
//   3. both workflows have a successful execution in n8n's database, carrying the expected events;
//   4. Ctrl-C (SIGINT) stops everything: `npm start` exits 0 and n8n's port is closed.
// Ends with "start: N passed, N failed" and a non-zero exit code on any failure.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { ensureDebianPackages } = require('../test/harness/services');

const ROOT = path.resolve(__dirname, '..');
const STARTUP_MS = Number(process.env.KEYCLIC_SMOKE_TIMEOUT_MS || 20 * 60 * 1000); // includes a cold n8n install
const runs = process.env.KEYCLIC_RUNS_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-smoke-runs-'));
const env = { ...process.env, KEYCLIC_RUNS_DIR: runs };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const results = [];

function check(title, ok, detail = '') {
	results.push(ok);
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${title}${detail ? `: ${detail}` : ''}`);
	return ok;
}

function npmRun(args) {
	const r = spawnSync('npm', args, { cwd: ROOT, env, encoding: 'utf8', timeout: 120000 });
	return { status: r.status, out: `${r.stdout || ''}${r.stderr || ''}`.trim() };
}

function portOpen(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => socket.end(() => resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

/** Executions recorded by the n8n of `npm start`: [{ name, status, data }] (data: n8n's flatted text). */
function executions() {
	ensureDebianPackages(['sqlite3']);
	const db = path.join(runs, 'dev', 'main', '.n8n', 'database.sqlite');
	const sql =
		'select w.name as name, e.status as status, d.data as data from execution_entity e ' +
		'join workflow_entity w on w.id = e.workflowId left join execution_data d on d.executionId = e.id';
	const r = spawnSync('sqlite3', ['-readonly', '-json', '-cmd', '.timeout 10000', db, sql], { encoding: 'utf8', maxBuffer: 1 << 28 });
	if (r.status !== 0) throw new Error(`sqlite3 failed on ${db}: ${r.stderr}`);
	return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

async function waitForExecutions(predicate, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	let rows = [];
	while (Date.now() < deadline) {
		rows = executions();
		if (predicate(rows)) return rows;
		await sleep(1000);
	}
	return rows;
}

async function main() {
	console.log(`npm start smoke test (runs folder ${runs})`);
	const t0 = Date.now();
	const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (chunk) => {
			output += chunk;
			process.stdout.write(chunk.toString().replace(/^/gm, '  │ '));
		});
	}
	const stopGroup = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			/* already gone */
		}
	};
	try {
		const ready = await Promise.race([
			(async () => {
				while (!/Production URL:\s+(\S+)/.test(output) || !/Second workflow:/.test(output)) await sleep(500);
				return true;
			})(),
			exited.then(() => false),
			sleep(STARTUP_MS).then(() => false),
		]);
		const url = (output.match(/Production URL:\s+(\S+)/) || [])[1];
		const editor = (output.match(/Editor:\s+(http:\/\/\S+)/) || [])[1];
		if (
			!check(
				'npm start prints the Production URL',
				ready && Boolean(url),
				ready ? `${Math.round((Date.now() - t0) / 1000)} s` : 'npm start exited or timed out',
			)
		)
			return;

		const sample = npmRun(['run', 'send-event', '--', 'report_created']);
		check(
			'npm run send-event -- report_created is accepted',
			sample.status === 0 && /HTTP 200/.test(sample.out),
			sample.out.split('\n').pop(),
		);
		const keyclic = npmRun(['run', 'send-event', '--', '--keyclic']);
		check(
			'npm run send-event -- --keyclic creates a report in the emulator',
			keyclic.status === 0 && /Created report/.test(keyclic.out),
			keyclic.out.split('\n').pop(),
		);

		const rows = await waitForExecutions((r) => r.filter((e) => e.status === 'success').length >= 2);
		const of = (name) => rows.filter((e) => e.name === name);
		const basic = of('Keyclic: route reports and operations');
		const automatic = of('Keyclic (Automatic registration, local emulator)');
		check(
			'the example workflow ran the sample once, successfully, as report_created',
			basic.length === 1 && basic[0].status === 'success' && /report_created/.test(basic[0].data || ''),
			`${basic.length} execution(s), status ${basic.map((e) => e.status)}`,
		);
		check(
			'the Automatic-registration workflow ran once for the emulator report, successfully',
			automatic.length === 1 && automatic[0].status === 'success' && /report_created/.test(automatic[0].data || ''),
			`${automatic.length} execution(s), status ${automatic.map((e) => e.status)}`,
		);

		const port = Number(new URL(editor).port);
		child.kill('SIGINT');
		stopGroup('SIGINT'); // as Ctrl-C in a terminal: the whole process group
		const end = await Promise.race([exited, sleep(60000).then(() => null)]);
		check(
			'Ctrl-C stops npm start cleanly',
			end !== null && (end.code === 0 || end.signal === 'SIGINT'),
			end ? `exit ${end.code ?? end.signal}` : 'still running after 60 s',
		);
		check(`n8n no longer listens on port ${port}`, !(await portOpen(port)));
	} finally {
		stopGroup('SIGKILL');
		if (!process.env.KEYCLIC_RUNS_DIR) fs.rmSync(runs, { recursive: true, force: true });
	}
}

main()
	.catch((e) => check('smoke test ran', false, e.stack))
	.finally(() => {
		const failed = results.filter((ok) => !ok).length;
		console.log(`start: ${results.length - failed} passed, ${failed} failed`);
		process.exit(failed ? 1 : 0);
	});
