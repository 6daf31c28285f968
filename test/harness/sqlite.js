'use strict';
// Reads what a regular-mode (SQLite) n8n recorded, straight from its database file, read-only, with the
// `sqlite3` CLI (n8n runs SQLite in WAL mode, so a reader never blocks it). Used where thousands of
// executions must be counted and identified (load suite, benchmark): the public API would have to
// load, rehydrate and re-serialize every execution's data (includeData=true) to tell which notification
// each one carried, and without includeData it only gives counts.
//
//   const db = new ExecutionsDb(n8n);
//   db.counts('wfId')                     -> { total, finished, inProgress, success, error, … }
//   await db.waitForFinished('wfId', 100)  -> counts, once >= 100 executions finished and none is in progress
//   db.outputs('wfId', 'Keyclic Trigger') -> [{ executionId, status, json }] (first item the node output)
//   db.window('wfId', afterId)            -> { first startedAt, last stoppedAt (ms since epoch), count, maxId }
//
// Execution data is stored with `flatted`; it is parsed with n8n's own copy (from the n8n install).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { ensureDebianPackages } = require('./services');
const { sleep } = require('./wait');

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

function safeId(id) {
	if (!/^[A-Za-z0-9_-]+$/.test(String(id))) throw new Error(`unexpected workflow id ${id}`);
	return String(id);
}

/** SQLite datetime ("2026-11-28 16:22:33.620", UTC) -> ms since epoch. */
function sqliteTimeMs(value) {
	if (!value) return null;
	return Date.parse(`${String(value).replace(' ', 'T')}Z`);
}

class ExecutionsDb {
	constructor(n8n) {
		if (n8n.mode === 'queue') throw new Error('ExecutionsDb reads the SQLite database of a regular-mode n8n');
		ensureDebianPackages(['sqlite3']);
		this.file = path.join(n8n.userFolder(), '.n8n', 'database.sqlite');
		this.flatted = require(require.resolve('flatted', { paths: [n8n.install.dir] }));
	}

	query(sql) {
		const r = spawnSync('sqlite3', ['-readonly', '-json', '-cmd', '.timeout 10000', this.file, sql], {
			encoding: 'utf8',
			maxBuffer: 1 << 30,
		});
		if (r.error) throw new Error(`sqlite3 could not run (${r.error.message}); install it: apt-get install -y sqlite3`);
		if (r.status !== 0) throw new Error(`sqlite3 failed (exit ${r.status}): ${r.stderr}\n${sql}`);
		return r.stdout.trim() ? JSON.parse(r.stdout) : [];
	}

	/** Executions of a workflow by status (all of them, or those with id > afterId). */
	counts(workflowId, { afterId = 0 } = {}) {
		const rows = this.query(
			`select status, count(*) as n from execution_entity where workflowId='${safeId(workflowId)}' and id > ${Number(afterId)} group by status`,
		);
		const out = { total: 0, finished: 0, inProgress: 0 };
		for (const { status, n } of rows) {
			out[status] = n;
			out.total += n;
			if (FINISHED.includes(status)) out.finished += n;
			else out.inProgress += n;
		}
		return out;
	}

	/** Highest execution id so far (0 when none): a bookmark for counts/window/outputs. */
	maxId() {
		const [row] = this.query('select coalesce(max(id), 0) as id from execution_entity');
		return row.id;
	}

	/**
	 * Waits until at least `expected` executions (after `afterId`) are finished and none is in progress,
	 * then `settleMs` more and checks nothing new appeared; returns the counts.
	 */
	async waitForFinished(workflowId, expected, { afterId = 0, timeoutMs = 120000, intervalMs = 100, settleMs = 500 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let counts;
		for (;;) {
			counts = this.counts(workflowId, { afterId });
			if (counts.finished >= expected && counts.inProgress === 0) break;
			if (Date.now() > deadline) {
				throw new Error(
					`timed out after ${timeoutMs} ms waiting for ${expected} finished executions of ${workflowId}: ${JSON.stringify(counts)}`,
				);
			}
			await sleep(intervalMs);
		}
		if (settleMs) {
			await sleep(settleMs);
			counts = this.counts(workflowId, { afterId });
		}
		return counts;
	}

	/** First startedAt and last stoppedAt (ms since epoch) of the executions after `afterId`. */
	window(workflowId, { afterId = 0 } = {}) {
		const [row] = this.query(
			`select count(*) as n, min(startedAt) as first, max(stoppedAt) as last, coalesce(max(id), 0) as maxId from execution_entity where workflowId='${safeId(workflowId)}' and id > ${Number(afterId)}`,
		);
		return { count: row.n, firstStartedAt: sqliteTimeMs(row.first), lastStoppedAt: sqliteTimeMs(row.last), maxId: row.maxId };
	}

	/**
	 * The first output item of `nodeName` in every execution of the workflow (paged, so memory stays
	 * bounded whatever the count): [{ executionId, status, json }] (json null when the node has no output).
	 */
	outputs(workflowId, nodeName, { afterId = 0, pageSize = 400, pick = (json) => json } = {}) {
		const out = [];
		let last = Number(afterId);
		for (;;) {
			const rows = this.query(
				`select e.id as id, e.status as status, d.data as data from execution_entity e join execution_data d on d.executionId = e.id ` +
					`where e.workflowId='${safeId(workflowId)}' and e.id > ${last} order by e.id limit ${pageSize}`,
			);
			for (const row of rows) {
				let json = null;
				try {
					const runs = this.flatted.parse(row.data).resultData.runData[nodeName];
					const item = runs && runs[0] && runs[0].data && runs[0].data.main[0] && runs[0].data.main[0][0];
					json = item ? pick(item.json) : null;
				} catch {
					json = null;
				}
				out.push({ executionId: row.id, status: row.status, json });
			}
			if (rows.length < pageSize) break;
			last = rows[rows.length - 1].id;
		}
		// executions without a data row (should not happen) are reported too, as json null
		const withData = new Set(out.map((o) => o.executionId));
		const all = this.query(
			`select id, status from execution_entity where workflowId='${safeId(workflowId)}' and id > ${Number(afterId)} order by id`,
		);
		for (const row of all) if (!withData.has(row.id)) out.push({ executionId: row.id, status: row.status, json: null, noData: true });
		return out;
	}
}

module.exports = { ExecutionsDb, sqliteTimeMs };
