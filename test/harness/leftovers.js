'use strict';
// What a long-running command started, recorded in its run folder, so that the next run can stop what a
// kill -9 left behind. n8n runs detached (its own process group: the harness stops it as a group), so when
// `npm start` is killed with SIGKILL, n8n lives on as an orphan holding its port and its SQLite database.
//
//   record(file, [{ role: 'npm start', pid: process.pid }, { role: 'n8n main', pid, group: true }]);
//   await stopLeftovers({ records: [file], dirs: [runFolder], command: 'n8n/bin/n8n', log });
//
// A recorded process counts only while its pid still has the start time recorded with it (pids are reused).
// `dirs` also finds what was never recorded (a kill -9 between n8n's spawn and the record): on Linux, every
// process whose command line contains `command` and whose working directory is one of `dirs`.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { sleep } = require('./wait');

function ps(pid, field) {
	const r = spawnSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

/** The process's start time as `ps` prints it (null when there is no such process). */
function startTime(pid) {
	return ps(pid, 'lstart');
}

/** Whether process `pid` exists (EPERM: it does, as another user's). */
function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/**
 * The pids of the live processes of process group `pgid` (a zombie is dead: it only waits for its reaper).
 * After a SIGKILL to a group, its members die when the kernel next runs them, not when kill() returns.
 */
function groupMembers(pgid) {
	const pids = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // gone meanwhile
		}
		// after "pid (comm) ": state, ppid, pgrp, … (comm may hold spaces and parentheses: cut at the last ')')
		const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') pids.push(Number(entry));
	}
	return pids;
}

/** Writes the record: each process with its start time. */
function record(file, processes) {
	const entries = processes.map(({ role, pid, group = false }) => ({ role, pid, group, started: startTime(pid) }));
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify({ processes: entries }, null, 2)}\n`);
}

function readRecord(file) {
	try {
		const { processes } = JSON.parse(fs.readFileSync(file, 'utf8'));
		return Array.isArray(processes) ? processes : [];
	} catch {
		return []; // no record, or one cut short by a kill: nothing to trust in it
	}
}

/** Recorded processes that are still the ones recorded. */
function recordedAlive(file) {
	return readRecord(file).filter((p) => Number.isInteger(p.pid) && p.pid !== process.pid && p.started && startTime(p.pid) === p.started);
}

/** Linux: processes running `command` whose working directory is one of `dirs` (elsewhere: none). */
function workingIn(dirs, command) {
	if (!fs.existsSync('/proc/self/cwd')) return [];
	const real = new Set(dirs.filter((d) => fs.existsSync(d)).map((d) => fs.realpathSync(d)));
	const found = [];
	for (const entry of fs.readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid) || pid === process.pid) continue;
		try {
			if (!real.has(fs.readlinkSync(`/proc/${pid}/cwd`))) continue;
			if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(command)) continue;
		} catch {
			continue; // gone meanwhile, or not ours to read
		}
		found.push({ role: path.basename(command), pid, group: ps(pid, 'pgid') === String(pid) });
	}
	return found;
}

function signal({ pid, group }, sig) {
	try {
		process.kill(group ? -pid : pid, sig);
	} catch {
		/* already gone */
	}
}

async function waitGone(list, ms) {
	const deadline = Date.now() + ms;
	while (list.some((p) => pidAlive(p.pid)) && Date.now() < deadline) await sleep(100);
	return list.filter((p) => pidAlive(p.pid));
}

/** SIGTERM (to the group when it leads one), SIGKILL after graceMs; resolves once all are gone. */
async function stopAll(list, graceMs) {
	for (const p of list) signal(p, 'SIGTERM');
	const stubborn = await waitGone(list, graceMs);
	for (const p of stubborn) signal(p, 'SIGKILL');
	const left = await waitGone(stubborn, 10000);
	if (left.length) throw new Error(`could not stop ${left.map((p) => `${p.role} (pid ${p.pid})`).join(', ')}`);
}

/**
 * Stops the processes a previous run left: first those recorded without a group (the command itself,
 * whose own shutdown stops its children cleanly), then the rest and whatever still runs `command` in `dirs`.
 * Returns what was stopped: [{ role, pid }].
 */
async function stopLeftovers({ records = [], dirs = [], command, graceMs = 30000, log = () => {} }) {
	const recorded = records.flatMap(recordedAlive);
	const stopped = [];
	const stop = async (list) => {
		const fresh = list.filter(
			(p, i) => pidAlive(p.pid) && !stopped.some((s) => s.pid === p.pid) && list.findIndex((q) => q.pid === p.pid) === i,
		);
		if (!fresh.length) return;
		for (const p of fresh) log(`Stopping ${p.role} (pid ${p.pid}) left running by a previous run…`);
		await stopAll(fresh, graceMs);
		stopped.push(...fresh.map(({ role, pid }) => ({ role, pid })));
	};
	await stop(recorded.filter((p) => !p.group));
	await stop([...recorded.filter((p) => p.group), ...(command ? workingIn(dirs, command) : [])]);
	for (const file of records) fs.rmSync(file, { force: true });
	return stopped;
}

module.exports = { record, stopLeftovers, startTime, pidAlive, groupMembers };
