'use strict';
// Writes benchmark/load figures: bench/results/<date>-<kind>.json (raw) and the generated sections of
// docs/benchmarks.md (between <!-- generated:<name>:start --> and <!-- generated:<name>:end -->; the rest of
// the file is hand-written and left alone).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const BENCHMARKS_MD = path.join(ROOT, 'docs', 'benchmarks.md');

function machine() {
	const cpus = os.cpus();
	return {
		cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
		cores: cpus.length,
		memGiB: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()}`,
		node: process.version,
		loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
		package: require(path.join(ROOT, 'package.json')).version,
		zod: safeVersion('zod'),
	};
}

function safeVersion(name) {
	try {
		return require(require.resolve(`${name}/package.json`, { paths: [ROOT] })).version;
	} catch {
		return null;
	}
}

function stamp(date = new Date()) {
	return date
		.toISOString()
		.replace(/:\d\d\.\d+Z$/, 'Z')
		.replace(':', '');
}

/** Writes bench/results/<stamp>-<kind>.json atomically (via .tmp); returns the path. */
function writeResult(kind, data) {
	fs.mkdirSync(RESULTS, { recursive: true });
	const file = path.join(RESULTS, `${stamp(new Date(data.date || Date.now()))}-${kind}.json`);
	fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
	fs.renameSync(`${file}.tmp`, file);
	return file;
}

/** Replaces the generated section `name` of docs/benchmarks.md (appends it when missing). */
function replaceSection(name, content) {
	const start = `<!-- generated:${name}:start -->`;
	const end = `<!-- generated:${name}:end -->`;
	const block = `${start}\n${content.trim()}\n${end}`;
	let md = fs.existsSync(BENCHMARKS_MD) ? fs.readFileSync(BENCHMARKS_MD, 'utf8') : '# Benchmarks\n';
	const i = md.indexOf(start);
	const j = md.indexOf(end);
	md = i >= 0 && j > i ? `${md.slice(0, i)}${block}${md.slice(j + end.length)}` : `${md.trimEnd()}\n\n${block}\n`;
	fs.writeFileSync(`${BENCHMARKS_MD}.tmp`, md);
	fs.renameSync(`${BENCHMARKS_MD}.tmp`, BENCHMARKS_MD);
}

const fmt = (x, digits = 1) => (x === null || x === undefined ? '–' : Number(x).toFixed(digits));
const int = (x) => (x === null || x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));
const kb = (bytes) => (bytes >= 1 << 20 ? `${(bytes / 2 ** 20).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const yes = (met) => (met ? 'met' : '**missed**');

function machineLine(m, date, extra = '') {
	return (
		`_${new Date(date).toISOString().slice(0, 16).replace('T', ' ')} UTC · ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB · ${m.os} · ` +
		`Node ${m.node} · n8n-nodes-keyclic ${m.package}, zod ${m.zod}${extra} · load average at the start ${m.loadavg.join(' / ')} ` +
		'(a SHARED machine: other agents were building, linting and running n8n at the same time)._'
	);
}

function renderHandler(r) {
	const s = r.summary;
	const before = Boolean(s.before);
	const lines = [];
	lines.push("### Handler: the trigger's own work per notification, vs `JSON.parse` of the same bytes");
	lines.push('');
	lines.push(machineLine(r.machine, r.date));
	lines.push('');
	lines.push(
		'In-process, on the compiled node (`dist/`): `handleKeyclicWebhook` with a hand-built webhook context ' +
			'(secret check, envelope guard, event filter, schema check, normalization). µs per call: **wall** = median batch ' +
			'(process.hrtime), **best** = fastest batch, **CPU** = median CPU time (process.cpuUsage; not inflated by the time ' +
			'the process waits for a core). The batches of all columns are interleaved.' +
			(before ? ` **before** = the node before this change (${s.before.label || 'previous build'}), same run, same interleaving.` : ''),
	);
	lines.push('');
	const head = [
		'notification',
		'size',
		'handler µs (wall)',
		'best',
		'CPU',
		'notifications/s (wall / CPU)',
		'`JSON.parse` µs',
		'handler ÷ JSON.parse',
	];
	if (before) head.push('before µs (wall / CPU)', 'speed-up (CPU)');
	lines.push(`| ${head.join(' | ')} |`);
	lines.push(`|${head.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
	const row = (x) => {
		const cells = [
			x.name,
			kb(x.bytes),
			fmt(x.handlerUs),
			fmt(x.handlerBestUs),
			fmt(x.handlerCpuUs),
			`${int(1e6 / x.handlerUs)} / ${int(1e6 / x.handlerCpuUs)}`,
			fmt(x.jsonParseUs),
			fmt(x.handlerVsParse, 2),
		];
		if (before) cells.push(`${fmt(x.beforeUs)} / ${fmt(x.beforeCpuUs)}`, `${fmt(x.beforeCpuUs / x.handlerCpuUs, 1)}×`);
		return `| ${cells.join(' | ')} |`;
	};
	for (const x of r.fixtures) lines.push(row(x));
	lines.push(row(r.filtered));
	lines.push('');
	lines.push(
		'**Cost vs payload size** (generated reports, `bench/payloads.js`: hundreds of transitions, links and embedded items at ≈1 MB):',
	);
	lines.push('');
	const head2 = [
		'size',
		'children / transitions / links / documents',
		'handler µs (wall)',
		'CPU',
		'µs per KB (wall)',
		'`JSON.parse` µs',
		'handler ÷ JSON.parse',
	];
	if (before) head2.push('before µs (wall / CPU)');
	lines.push(`| ${head2.join(' | ')} |`);
	lines.push(`|${head2.map((h, i) => (i <= 1 ? '---' : '---:')).join('|')}|`);
	for (const x of r.sizes) {
		const c = x.counts;
		const cells = [
			kb(x.bytes),
			`${c.children} / ${c.transitions + c.stateTransitions} / ${c.links} / ${c.documents}`,
			fmt(x.handlerUs),
			fmt(x.handlerCpuUs),
			fmt(x.handlerUs / (x.bytes / 1024), 2),
			fmt(x.jsonParseUs),
			fmt(x.handlerVsParse, 3),
		];
		if (before) cells.push(`${fmt(x.beforeUs)} / ${fmt(x.beforeCpuUs)}`);
		lines.push(`| ${cells.join(' | ')} |`);
	}
	lines.push('');
	lines.push(
		`Log-log slope of handler time vs size: **${s.logLogSlope}** (1 = linear; below 1: the cost grows slower than the size, because only the parts the schema checks are walked).`,
	);
	lines.push('');
	lines.push('| target | measured | |');
	lines.push('|---|---|---|');
	const t = s.targets;
	lines.push(
		`| ≥ 50,000 typical notifications/s (mean over the shared fixtures) | ${int(t.typicalPerSecond.wall)}/s wall median · ${int(s.typicalPerSecondBest)}/s best batch · ${int(t.typicalPerSecond.cpu)}/s CPU time | ${yes(t.typicalPerSecond.cpu >= 50000)} on CPU time${t.typicalPerSecond.met ? ' and wall' : `; wall median ${yes(t.typicalPerSecond.met)} under this load`} |`,
	);
	lines.push(
		`| ≤ 20 ms for the ≈1 MB report | ${fmt(t.oneMb.ms, 3)} ms (JSON.parse of it: ${fmt(s.oneMbJsonParseMs, 2)} ms) | ${yes(t.oneMb.met)} |`,
	);
	lines.push(`| cost grows linearly, not worse | slope ${t.linear.slope} | ${yes(t.linear.met)} |`);
	if (before) {
		lines.push('');
		lines.push(
			`Before → after (same run): typical ${fmt(s.before.typicalMeanUs)} → ${fmt(s.typicalMeanUs)} µs wall, ` +
				`${fmt(s.before.typicalMeanCpuUs)} → ${fmt(s.typicalMeanCpuUs)} µs CPU (CPU before ÷ after: ${fmt(s.before.typicalMeanCpuUs / s.typicalMeanCpuUs, 2)}); ` +
				`≈1 MB report ${fmt(s.before.oneMbBeforeMs, 2)} → ${fmt(s.oneMbMs, 2)} ms wall.`,
		);
	}
	return lines.join('\n');
}

function renderE2e(runs, meta) {
	const lines = [];
	lines.push("### End to end in a real n8n: Keyclic Trigger vs n8n's Webhook node vs a filtered-out event");
	lines.push('');
	lines.push(
		machineLine(
			meta.machine,
			meta.date,
			` · n8n ${runs
				.map((r) => r.version)
				.filter((v, i, a) => a.indexOf(v) === i)
				.join(', ')} (regular mode, SQLite)`,
		),
	);
	lines.push('');
	lines.push(
		"(a) Keyclic Trigger (secret token) → Edit Fields · (b) n8n's Webhook node (v2, no auth) → Edit Fields, same body · " +
			"(b2) what a user builds without this package: n8n's Webhook node (v2) with Header Auth (the same secret in a header) → IF on the event (one regex over the five events, both spellings) → Edit Fields · " +
			'(c) Keyclic Trigger whose events do not include the one sent (200 "ignored", no execution). Body: ' +
			`\`${runs[0].bodyFixture}\` (${kb(runs[0].bodyBytes)}). Over 127.0.0.1, keep-alive, the shared load generator ` +
			'(`test/harness/load.js`). At each concurrency the variants run in interleaved, rotated blocks (a b c, b c a, c a b, …) in ONE ' +
			"n8n process; a block ends when every response is in AND every execution it started has finished (n8n's SQLite " +
			'`stoppedAt`), so throughput = notifications fully processed per second. Latency = HTTP request → response. ' +
			'**CPU ms/notification** = CPU time of the n8n process (all its threads) during the blocks ÷ notifications.',
	);
	for (const r of runs) {
		lines.push('');
		lines.push(
			`**n8n ${r.version}, expression engine \`${r.engineLabel || r.engine}\`** (rounds per concurrency: ${r.rounds}${r.installDir ? `, n8n run from \`${r.installDir}\`` : ''}, n8n started in ${fmt(r.startMs / 1000)} s, RSS after ${r.rssMiB} MiB):`,
		);
		lines.push('');
		lines.push(
			'| concurrency | variant | notifications | notif/s (end to end) | HTTP req/s | p50 ms | p95 ms | p99 ms | CPU ms/notif | a÷b | c÷a |',
		);
		lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const row of r.table) {
			for (const v of Object.keys(r.variants).filter((k) => row[k])) {
				const x = row[v];
				let ratios = ['', ''];
				if (v === 'a')
					ratios = [
						`**${fmt(row.ratioAB, 2)}** (CPU ${fmt(row.cpuRatioBA, 2)})`,
						`**${fmt(row.ratioCA, 2)}×** (CPU ${fmt(row.cpuRatioAC, 1)}×)`,
					];
				if (v === 'b2') ratios = [`**${fmt(row.ratioAB2, 2)}** (a÷b2; CPU ${fmt(row.cpuRatioB2A, 2)})`, ''];
				if (v === 'a0') ratios = [`_${fmt(x.throughput / row.b.throughput, 2)}_ (a0÷b)`, ''];
				if (v === 'a1') ratios = [`_${fmt(row.ratioA1B, 2)}_ (a1÷b, before)`, row.c1 ? `_${fmt(row.ratioC1A1, 2)}×_ (c1÷a1, before)` : ''];
				lines.push(
					`| ${v === 'a' ? row.concurrency : ''} | (${v}) ${r.variants[v]} | ${x.sent} | ${fmt(x.throughput)} | ${fmt(x.httpRps)} | ${fmt(x.latency.p50, 0)} | ${fmt(x.latency.p95, 0)} | ${fmt(x.latency.p99, 0)} | ${fmt(x.cpuMsPerRequest, 0)} | ${ratios.join(' | ')} |`,
				);
			}
		}
		const bad =
			r.problems && r.problems.length
				? ` Problems: ${r.problems.join('; ')}.`
				: ' Every response was 200 with the expected answer; every accepted call got exactly one successful execution, filtered ones none.';
		lines.push('');
		lines.push(
			`(a), (c): typeVersion 2${r.variants.a1 && r.table.some((row) => row.a1) ? '; (a1), (c1): the same workflows at typeVersion 1, i.e. before (same n8n, same interleaving)' : ''}. a÷b = throughput of (a) ÷ (b), in brackets CPU of (b) ÷ CPU of (a); a÷b2 (on the (b2) row) = throughput of (a) ÷ (b2) (target ≥ 0.95 on vm-lazy and legacy), in brackets CPU of (b2) ÷ CPU of (a); c÷a = how many times cheaper (c) is than (a) (target ≥ 3×), by throughput and, in brackets, by CPU per notification; (a0) = (a) without the secret check, to show what the credential lookup costs.${bad}`,
		);
	}
	return lines.join('\n');
}

function renderLoad(r) {
	const lines = [];
	lines.push('### Load without loss');
	lines.push('');
	lines.push(machineLine(r.machine, r.date, ` · n8n ${r.n8n.version} (regular mode, SQLite), expression engine ${r.n8n.engine}`));
	lines.push('');
	lines.push(
		`\`npm run test:load\` (test/load, N = ${r.N.toLocaleString('en-US')}, concurrency ${r.concurrency}): distinct notifications ` +
			'(every shared fixture in turn, each with its own id) into the basic example workflow (examples/keyclic-basic.json) over 127.0.0.1. Executions and the id ' +
			"each one carried are read from n8n's SQLite (the Keyclic Trigger's output item), the total cross-checked with the public API.",
	);
	lines.push('');
	lines.push(
		'| run | sent | answered | answered as expected | executed (successful) | missing | duplicated | unexpected | req/s | p50 ms | p99 ms |',
	);
	lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	const b = r.burst;
	if (b) {
		lines.push(
			`| burst: ${int(r.N)} valid | ${int(b.sent)} | ${int(b.answered)} | ${int(b.answered200)} × 200 | ${int(b.executed)} (${int(b.successful)}) | ${b.missing} | ${b.duplicated} | ${b.unexpected} | ${fmt(b.rps)} | ${fmt(b.latency.p50, 0)} | ${fmt(b.latency.p99, 0)} |`,
		);
	}
	const m = r.mix;
	if (m) {
		lines.push(
			`| mix: ${int(m.valid)} valid + ${int(m.filtered)} not selected + ${int(m.malformed)} malformed | ${int(m.sent)} | ${int(m.answered)} | ${int(m.sent - m.wrongAnswers)} (200 accepted / 200 ignored / 4xx) | ${int(m.executed)} (${int(m.successful)}) of ${int(m.valid)} expected | ${m.missing} | ${m.duplicated} | ${m.unexpected} | ${fmt(m.rps)} | ${fmt(m.latency.p50, 0)} | ${fmt(m.latency.p99, 0)} |`,
		);
		lines.push('');
		lines.push(
			`Mix statuses: ${Object.entries(m.statuses)
				.map(([k, v]) => `${k} × ${int(v)}`)
				.join(', ')}.`,
		);
	}
	const tm = b && b.timings;
	if (tm) {
		const perExecution = tm.apiPageExecutions ? tm.apiPageWithData250Ms / tm.apiPageExecutions : null;
		lines.push('');
		lines.push(
			`Reading back the ${int(b.executed)} burst executions: waiting for the last to finish ${fmt(tm.drainMs / 1000)} s after the last response; ` +
				`ids of all of them from SQLite ${fmt(tm.sqliteIdsMs / 1000)} s; count through the public API (includeData=false, pages of 250) ` +
				`${fmt(tm.apiCountMs / 1000)} s; one page of ${tm.apiPageExecutions} WITH data through the public API ${fmt(tm.apiPageWithData250Ms / 1000)} s` +
				(perExecution ? ` (≈ ${fmt((perExecution * b.executed) / 1000, 0)} s for all of them, and it loads n8n while doing so).` : '.'),
		);
	}
	return lines.join('\n');
}

/** Called by the load suite when KEYCLIC_LOAD_REPORT=1 (scripts/load.js). */
function writeLoadReport(figures) {
	const data = { kind: 'load', date: new Date().toISOString(), machine: machine(), ...figures };
	const file = writeResult('load', data);
	replaceSection('load', renderLoad(data));
	return file;
}

module.exports = { machine, writeResult, replaceSection, renderHandler, renderE2e, renderLoad, writeLoadReport, BENCHMARKS_MD, RESULTS };
