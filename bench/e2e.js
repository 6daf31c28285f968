'use strict';
// End-to-end cost of the Keyclic Trigger inside a REAL n8n (test/harness), over 127.0.0.1:
//   (a) Keyclic Trigger -> Edit Fields             (the notification is accepted and runs the workflow)
//   (b) n8n's own Webhook node -> Edit Fields       (same body, same downstream node: the baseline)
//   (b2) Webhook node with Header Auth -> IF on the event -> Edit Fields (what a user builds without this package)
//   (c) Keyclic Trigger, event not selected         (200 "ignored", no execution)
// At each concurrency (1, 10, 50) the three variants run in short blocks, interleaved and rotated
// (a b c, b c a, c a b, …) in ONE n8n process, so that noise from a shared machine hits all three alike.
// A block counts as done when every request is answered AND every execution it started has finished
// (read from n8n's SQLite): throughput = notifications / (first send -> last execution stoppedAt).
//
//   node bench/e2e.js                 # default: n8n 2.41.1, expression engines vm (n8n's default), vm-lazy, legacy
//   node bench/e2e.js --engines vm --scale 0.5
//
// Options: those of `npm run bench` (bench/options.js, `npm run bench -- --help`): --n8n-version, --engines,
// --variants, --concurrency, --rounds, --scale (1 = block sizes below), --n8n-dir (another install of the same n8n
// version, e.g. a patched copy: docs/upstream-webhook-isolate.md).
const fs = require('node:fs');
const path = require('node:path');

const { ensureN8n } = require('../test/harness/install');
const { N8n } = require('../test/harness/n8n');
const { runLoad, latencySummary } = require('../test/harness/load');
const { ExecutionsDb } = require('../test/harness/sqlite');
const { LATEST } = require('../test/harness/versions');
const { chainWorkflow, keyclicTriggerNode, secretCredential } = require('../test/harness/workflows');
const { keyclicFixtures } = require('../test/support/fixtures');

const TOKEN = 'bench-secret-token-0123456789abcdef';
const BODY_FIXTURE = 'report_created.json';
const VARIANTS = {
	a: 'Keyclic Trigger → Edit Fields',
	b: 'Webhook node → Edit Fields',
	// the fair anchor: the same checks built from n8n's own nodes (a secret, the event selection)
	b2: 'Webhook node with Header Auth → IF on the event → Edit Fields',
	c: 'Keyclic Trigger, event filtered out',
	// where (a) spends its extra time: the credential lookup of the secret
	a0: 'Keyclic Trigger without secret (authentication: none) → Edit Fields',
	// before: (a) and (c) with the trigger at typeVersion 1 (workflows saved before version 2)
	a1: 'Keyclic Trigger typeVersion 1 → Edit Fields',
	c1: 'Keyclic Trigger typeVersion 1, event filtered out',
};
const TRIGGER_WEBHOOK_IDS = {
	a: 'b3c1e0a0-0000-4000-8000-00000000000a',
	c: 'b3c1e0a0-0000-4000-8000-00000000000c',
	a0: 'b3c1e0a0-0000-4000-8000-0000000000a0',
	a1: 'b3c1e0a0-0000-4000-8000-0000000000a1',
	c1: 'b3c1e0a0-0000-4000-8000-0000000000c1',
};
/** Variants whose event is not selected: 200 "ignored", no execution. */
const FILTERED = new Set(['c', 'c1']);
const WEBHOOK_NODE_PATH = 'b3c1e0a0-0000-4000-8000-00000000000b';
const WEBHOOK_B2_PATH = 'b3c1e0a0-0000-4000-8000-0000000000b2';
const HEADER_AUTH = { id: 'benchHeaderAuth01', name: 'Bench header auth', type: 'httpHeaderAuth', header: 'X-Keyclic-Token' };
/** (b2)'s IF keeps the events (a) selects, in both spellings: one expression, as a user would write it. */
const EVENTS_REGEX =
	'^(report_created|report_state_changed|operation_created|operation_state_changed|operation_removed|reportCreated|reportStateChanged|operationCreated|operationStateChanged|operationRemoved)$';

/** Requests per block at a concurrency (times --scale): several full waves of in-flight requests. */
function blockSize(concurrency, scale) {
	const base = concurrency === 1 ? 20 : concurrency <= 10 ? 50 : 100;
	return Math.max(concurrency, Math.round(base * scale));
}

function editFields(idExpression, eventExpression) {
	return {
		id: 'e0000000-0000-4000-8000-000000000002',
		name: 'Edit Fields',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [240, 0],
		parameters: {
			assignments: {
				assignments: [
					{ id: 'e0000000-0000-4000-8000-0000000000a1', name: 'notificationId', value: `={{ ${idExpression} }}`, type: 'string' },
					{ id: 'e0000000-0000-4000-8000-0000000000a2', name: 'event', value: `={{ ${eventExpression} }}`, type: 'string' },
				],
			},
			options: {},
		},
	};
}

/** (b2): Webhook node v2 with Header Auth → IF (event is one of the five) → Edit Fields on the true branch. */
function webhookB2Workflow() {
	const webhook = {
		id: 'e0000000-0000-4000-8000-000000000001',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: WEBHOOK_B2_PATH,
		parameters: { httpMethod: 'POST', path: WEBHOOK_B2_PATH, authentication: 'headerAuth', options: {} },
		credentials: { httpHeaderAuth: { id: HEADER_AUTH.id, name: HEADER_AUTH.name } },
	};
	const ifEvent = {
		id: 'e0000000-0000-4000-8000-000000000003',
		name: 'If Keyclic event',
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position: [120, 0],
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [
					{
						id: 'e0000000-0000-4000-8000-0000000000c1',
						leftValue: '={{ $json.body.event }}',
						rightValue: EVENTS_REGEX,
						operator: { type: 'string', operation: 'regex' },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
	};
	const set = editFields('$json.body.payload.id', '$json.body.event');
	return {
		id: 'keyclicBenchB2',
		name: `Bench (b2): ${VARIANTS.b2}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [webhook, ifEvent, set],
		connections: {
			[webhook.name]: { main: [[{ node: ifEvent.name, type: 'main', index: 0 }]] },
			[ifEvent.name]: { main: [[{ node: set.name, type: 'main', index: 0 }], []] },
		},
		pinData: {},
	};
}

/** The benchmark workflows, beside each other in one n8n. */
function benchWorkflows() {
	const allEvents = ['report_created', 'report_state_changed', 'operation_created', 'operation_state_changed', 'operation_removed'];
	const operationsOnly = ['operation_created', 'operation_state_changed', 'operation_removed'];
	const webhookNode = {
		id: 'e0000000-0000-4000-8000-000000000001',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: WEBHOOK_NODE_PATH,
		parameters: { httpMethod: 'POST', path: WEBHOOK_NODE_PATH, options: {} },
	};
	const keyclic = (variant, events, options = {}) =>
		chainWorkflow(
			`keyclicBench${variant.toUpperCase()}`,
			`Bench (${variant}): ${VARIANTS[variant]}`,
			keyclicTriggerNode({ webhookId: TRIGGER_WEBHOOK_IDS[variant], events, ...options }),
			editFields('$json.id', '$json.event'),
		);
	return {
		a: keyclic('a', allEvents),
		b: chainWorkflow('keyclicBenchB', `Bench (b): ${VARIANTS.b}`, webhookNode, editFields('$json.body.payload.id', '$json.body.event')),
		b2: webhookB2Workflow(),
		c: keyclic('c', operationsOnly),
		a0: keyclic('a0', allEvents, { authentication: 'none' }),
		a1: keyclic('a1', allEvents, { typeVersion: 1 }),
		c1: keyclic('c1', operationsOnly, { typeVersion: 1 }),
	};
}

/** Production webhook paths to wait for, and the URL each variant is called on. */
function endpoints(n8n) {
	return {
		waitFor: [WEBHOOK_NODE_PATH, WEBHOOK_B2_PATH, ...Object.values(TRIGGER_WEBHOOK_IDS).map((id) => `${id}/webhook`)],
		url: {
			a: n8n.webhookUrl(TRIGGER_WEBHOOK_IDS.a, { query: `?token=${TOKEN}` }),
			b: `${n8n.publicWebhookBase()}/webhook/${WEBHOOK_NODE_PATH}`,
			b2: `${n8n.publicWebhookBase()}/webhook/${WEBHOOK_B2_PATH}`,
			c: n8n.webhookUrl(TRIGGER_WEBHOOK_IDS.c, { query: `?token=${TOKEN}` }),
			a0: n8n.webhookUrl(TRIGGER_WEBHOOK_IDS.a0),
			a1: n8n.webhookUrl(TRIGGER_WEBHOOK_IDS.a1, { query: `?token=${TOKEN}` }),
			c1: n8n.webhookUrl(TRIGGER_WEBHOOK_IDS.c1, { query: `?token=${TOKEN}` }),
		},
		headers: { b2: { [HEADER_AUTH.header]: TOKEN } },
		expectedBody: {
			a: { status: 'accepted' },
			b: { message: 'Workflow was started' },
			b2: { message: 'Workflow was started' },
			c: { status: 'ignored' },
			a0: { status: 'accepted' },
			a1: { status: 'accepted' },
			c1: { status: 'ignored' },
		},
	};
}

/** Expression engine settings: vm (n8n 2.x default), vm-lazy (vm, isolates only when an expression runs), legacy. */
const ENGINES = {
	vm: { env: { N8N_EXPRESSION_ENGINE: 'vm' }, label: 'vm (n8n 2.x default)' },
	'vm-lazy': {
		env: { N8N_EXPRESSION_ENGINE: 'vm', N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		label: 'vm + N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true',
	},
	legacy: { env: { N8N_EXPRESSION_ENGINE: 'legacy' }, label: 'legacy (N8N_EXPRESSION_ENGINE=legacy)' },
};

function envFor(engine) {
	if (!ENGINES[engine]) throw new Error(`unknown expression engine ${engine} (${Object.keys(ENGINES).join(', ')})`);
	return ENGINES[engine].env;
}

/** The cached install of `version` with its n8n taken from `dir` (a copy of it, e.g. patched). */
function otherInstall(version, dir, log) {
	const install = ensureN8n(version, log);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!fs.existsSync(n8nBin)) throw new Error(`--n8n-dir ${dir}: ${n8nBin} is missing`);
	return { ...install, dir, n8nBin };
}

/** CPU time (ms) used so far by a process, all its threads (Linux /proc). */
function cpuMsOf(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
	} catch {
		return null;
	}
}
const CLOCK_TICKS = 100;

const matches = (body, expected) => body && typeof body === 'object' && Object.entries(expected).every(([k, v]) => body[k] === v);

/**
 * One n8n, the three workflows, interleaved blocks at each concurrency. Returns per-variant,
 * per-concurrency figures and the ratios a/b and c/a (throughput) measured in this one run.
 */
async function runE2e({
	version = LATEST,
	engine = 'vm',
	concurrencies = [1, 10, 50],
	rounds = 3,
	scale = 1,
	variants = ['a', 'b', 'b2', 'c', 'a0', 'a1', 'c1'],
	blockCapMs = 180000,
	installDir,
	log = (m) => process.stderr.write(`${m}\n`),
} = {}) {
	const body = JSON.stringify(keyclicFixtures().find((f) => f.file === BODY_FIXTURE).body);
	const wfs = benchWorkflows();
	const install = installDir ? otherInstall(version, installDir, log) : undefined;
	const n8n = await N8n.create({ version, name: `bench-${version}-${engine}`, env: envFor(engine), install, log });
	const t0 = Date.now();
	try {
		const { header, ...headerAuth } = HEADER_AUTH;
		n8n.importCredentials([secretCredential(TOKEN), { ...headerAuth, data: { name: header, value: TOKEN } }]);
		n8n.importWorkflows(Object.values(wfs));
		n8n.activate(...Object.values(wfs).map((wf) => wf.id));
		const ep = endpoints(n8n);
		const startMs = await n8n.start({ waitFor: ep.waitFor });
		log(`n8n ${version} (${engine} engine) up in ${(startMs / 1000).toFixed(1)} s`);
		const db = new ExecutionsDb(n8n);
		const order = variants.filter((v) => VARIANTS[v]);
		for (const v of ['a', 'b', 'c']) if (!order.includes(v)) throw new Error(`variant ${v} is required (a, b and c are compared)`);
		const sentBy = Object.fromEntries(order.map((v) => [v, 0]));
		const acceptedBy = Object.fromEntries(order.map((v) => [v, 0]));

		const pid = n8n.processes[0].child.pid;
		async function block(variant, count, concurrency) {
			const wfId = wfs[variant].id;
			const afterId = db.maxId();
			const cpu0 = cpuMsOf(pid);
			const started = Date.now();
			const load = await runLoad({
				count,
				concurrency,
				request: () => ({ url: ep.url[variant], body, headers: ep.headers[variant] }),
				keepBodies: true,
				maxDurationMs: blockCapMs,
			});
			sentBy[variant] += load.sent;
			const ok = load.results.filter((r) => r && r.status === 200 && matches(r.body, ep.expectedBody[variant])).length;
			acceptedBy[variant] += ok;
			const httpEnd = started + load.durationMs;
			let end = httpEnd;
			let executions = 0;
			if (!FILTERED.has(variant)) {
				// the 200 comes when the execution is created; the block ends when the last one has finished. Only
				// answered calls are waited for: a refused one (n8n's 503 "Database is not ready!" under load) started
				// nothing, and is reported by checkE2e instead of stalling the run.
				const counts = await db.waitForFinished(wfId, ok, { afterId, settleMs: 0, intervalMs: 50 });
				executions = counts.finished;
				end = Math.max(httpEnd, db.window(wfId, { afterId }).lastStoppedAt || 0);
			}
			const cpu1 = cpuMsOf(pid);
			return {
				variant,
				concurrency,
				sent: load.sent,
				ok,
				statuses: load.statuses,
				httpMs: load.durationMs,
				e2eMs: end - started,
				executions,
				cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
				latencies: load.results.filter(Boolean).map((r) => r.ms),
			};
		}

		// warm-up (JIT, connection pool, SQLite pages): not counted
		for (const v of order) await block(v, 20, 5);

		const blocks = [];
		for (const concurrency of concurrencies) {
			const count = blockSize(concurrency, scale);
			for (let r = 0; r < rounds; r++) {
				for (let k = 0; k < order.length; k++) {
					const v = order[(r + k) % order.length];
					const b = await block(v, count, concurrency);
					blocks.push(b);
					log(
						`  c=${concurrency} round ${r + 1}/${rounds} (${v}): ${b.sent} sent, ${b.ok} ok, ${(b.sent / (b.e2eMs / 1000)).toFixed(1)} notif/s e2e, ${(b.sent / (b.httpMs / 1000)).toFixed(1)} req/s http`,
					);
				}
			}
		}

		// nothing else ran: (c) never started an execution, (a)/(b) exactly one per request
		const finalCounts = {};
		for (const v of order) finalCounts[v] = db.counts(wfs[v].id);
		const rssMiB = n8n.rssMiB();

		const table = [];
		for (const concurrency of concurrencies) {
			const row = { concurrency };
			for (const v of order) {
				const bs = blocks.filter((b) => b.variant === v && b.concurrency === concurrency);
				const sent = bs.reduce((s, b) => s + b.sent, 0);
				const e2eMs = bs.reduce((s, b) => s + b.e2eMs, 0);
				const httpMs = bs.reduce((s, b) => s + b.httpMs, 0);
				row[v] = {
					sent,
					ok: bs.reduce((s, b) => s + b.ok, 0),
					statuses: bs.reduce((all, b) => {
						for (const [k, n] of Object.entries(b.statuses)) all[k] = (all[k] || 0) + n;
						return all;
					}, {}),
					executions: bs.reduce((s, b) => s + b.executions, 0),
					throughput: Number(((sent * 1000) / e2eMs).toFixed(2)),
					cpuMsPerRequest: bs.every((b) => b.cpuMs !== null) ? Number((bs.reduce((x, b) => x + b.cpuMs, 0) / sent).toFixed(1)) : null,
					httpRps: Number(((sent * 1000) / httpMs).toFixed(2)),
					latency: latencySummary(bs.flatMap((b) => b.latencies)),
				};
			}
			row.ratioAB = Number((row.a.throughput / row.b.throughput).toFixed(3));
			row.ratioCA = Number((row.c.throughput / row.a.throughput).toFixed(2));
			row.latencyRatioAC = Number((row.a.latency.p50 / row.c.latency.p50).toFixed(2));
			row.cpuRatioAC =
				row.a.cpuMsPerRequest && row.c.cpuMsPerRequest ? Number((row.a.cpuMsPerRequest / row.c.cpuMsPerRequest).toFixed(2)) : null;
			row.cpuRatioBA =
				row.a.cpuMsPerRequest && row.b.cpuMsPerRequest ? Number((row.b.cpuMsPerRequest / row.a.cpuMsPerRequest).toFixed(3)) : null;
			if (row.b2) {
				row.ratioAB2 = Number((row.a.throughput / row.b2.throughput).toFixed(3));
				row.cpuRatioB2A =
					row.a.cpuMsPerRequest && row.b2.cpuMsPerRequest ? Number((row.b2.cpuMsPerRequest / row.a.cpuMsPerRequest).toFixed(3)) : null;
			}
			if (row.a1) row.ratioA1B = Number((row.a1.throughput / row.b.throughput).toFixed(3));
			if (row.c1 && row.a1) row.ratioC1A1 = Number((row.c1.throughput / row.a1.throughput).toFixed(2));
			table.push(row);
		}
		const result = {
			version,
			engine,
			engineLabel: ENGINES[engine].label,
			installDir: installDir || null,
			node: n8n.install.nodeBin,
			startMs,
			rounds,
			scale,
			bodyFixture: BODY_FIXTURE,
			bodyBytes: Buffer.byteLength(body),
			variants: VARIANTS,
			table,
			finalCounts,
			sentBy,
			acceptedBy,
			blocks: blocks.map(({ latencies, ...b }) => ({ ...b, p50: latencySummary(latencies).p50 })),
			rssMiB,
			wallMs: Date.now() - t0,
		};
		result.problems = checkE2e(result);
		return result;
	} finally {
		await n8n.stop();
	}
}

/** Every response 200 with the expected body, and exactly one execution per (a)/(b) request, none for (c). */
function checkE2e(result) {
	const problems = [];
	for (const row of result.table) {
		for (const v of Object.keys(row).filter((k) => VARIANTS[k])) {
			if (row[v].ok !== row[v].sent)
				problems.push(
					`c=${row.concurrency} (${v}): ${row[v].sent - row[v].ok} of ${row[v].sent} responses not 200/expected (statuses ${JSON.stringify(row[v].statuses)})`,
				);
		}
	}
	const { finalCounts: fc, acceptedBy } = result;
	for (const v of Object.keys(fc).filter((k) => FILTERED.has(k))) {
		if (fc[v].total !== 0) problems.push(`(${v}) started ${fc[v].total} executions`);
	}
	for (const v of Object.keys(fc).filter((k) => !FILTERED.has(k))) {
		if (fc[v].success !== acceptedBy[v] || fc[v].total !== acceptedBy[v])
			problems.push(`(${v}) ${JSON.stringify(fc[v])} executions for ${acceptedBy[v]} accepted requests`);
	}
	return problems;
}

module.exports = { runE2e, checkE2e, benchWorkflows, VARIANTS, ENGINES };

if (require.main === module) {
	// `node bench/e2e.js [--engines …] [--variants …]…`: the options of npm run bench (bench/options.js), printed only
	const options = require('./options').benchOptions();
	(async () => {
		const results = [];
		for (const engine of options.engines) {
			const r = await runE2e({ ...options.e2e, engine });
			results.push(r);
			console.log(JSON.stringify(r, null, 2));
		}
		process.exit(0);
	})().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
