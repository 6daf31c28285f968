'use strict';
// What `npm start` does before it starts anything: stop what a previous run left (a kill -9 of npm start
// leaves the detached n8n running). Real processes here: detached node processes standing in for n8n.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { record, stopLeftovers } = require('./leftovers');

const MARK = 'keyclic-leftover-test';
const dirs = [];
const children = [];

function tempDir() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-leftovers-'));
	dirs.push(dir);
	return dir;
}

/** A detached process (its own group) running in `cwd`; `ignoreTerm` makes it deaf to SIGTERM. */
async function standIn(cwd, { ignoreTerm = false } = {}) {
	const code = `${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''} setInterval(() => {}, 1000); process.stdout.write('up');`;
	const child = spawn(process.execPath, ['-e', code, MARK], { cwd, detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
	children.push(child);
	child.gone = new Promise((resolve) => child.once('exit', (c, s) => resolve(s || c)));
	await new Promise((resolve) => child.stdout.once('data', resolve));
	return child;
}

const running = (child) => child.exitCode === null && child.signalCode === null;

afterEach(() => {
	for (const child of children.splice(0)) if (running(child)) process.kill(-child.pid, 'SIGKILL');
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

test('a recorded process group is stopped, and its record removed', async () => {
	const dir = tempDir();
	const child = await standIn(dir);
	const file = path.join(dir, 'npm-start.json');
	record(file, [{ role: 'n8n main', pid: child.pid, group: true }]);
	const stopped = await stopLeftovers({ records: [file] });
	expect(await child.gone).toBe('SIGTERM');
	expect(stopped).toEqual([{ role: 'n8n main', pid: child.pid }]);
	expect(fs.existsSync(file)).toBe(false);
});

test('a process nobody recorded is found by its working directory and command (Linux)', async () => {
	const dir = tempDir();
	const other = tempDir();
	const child = await standIn(dir);
	const elsewhere = await standIn(other);
	const stopped = await stopLeftovers({ dirs: [dir], command: MARK });
	expect(await child.gone).toBe('SIGTERM');
	expect(stopped.map((p) => p.pid)).toEqual([child.pid]);
	expect(running(elsewhere)).toBe(true);
});

test('a pid whose start time is not the recorded one is someone else: left alone', async () => {
	const dir = tempDir();
	const child = await standIn(dir);
	const file = path.join(dir, 'npm-start.json');
	fs.writeFileSync(
		file,
		JSON.stringify({ processes: [{ role: 'n8n main', pid: child.pid, group: true, started: 'Thu Jan  1 00:00:00 1970' }] }),
	);
	expect(await stopLeftovers({ records: [file] })).toEqual([]);
	expect(running(child)).toBe(true);
});

test('a process that ignores SIGTERM is killed after the grace period', async () => {
	const dir = tempDir();
	const child = await standIn(dir, { ignoreTerm: true });
	const file = path.join(dir, 'npm-start.json');
	record(file, [{ role: 'npm start', pid: child.pid }]);
	await stopLeftovers({ records: [file], graceMs: 500 });
	expect(await child.gone).toBe('SIGKILL');
});
