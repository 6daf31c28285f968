'use strict';
// What the Keyclic Trigger itself costs per notification, in-process, on the COMPILED node (dist/):
//  - handler:   handleKeyclicWebhook with a minimal hand-built IWebhookFunctions-like context (secret check,
//               envelope guard, event filter, zod parse, normalization, response objects);
//  - normalize: checkEnvelope + identifyPayload + toItem only (identity checks + zod read + normalization);
//  - JSON.parse of the very same bytes, in the same run, as the yardstick (n8n parses the body before the
//    node runs: the node never pays for it).
// On every shared fixture and on generated large reports of growing size (bench/payloads.js).
// Timing: process.hrtime.bigint(), warm-up first, then batches; the median batch is reported. Every
// loop is bounded by an iteration count and a time cap.
//
//   node bench/handler.js            # prints JSON; `npm run bench` runs it and writes the results
const fs = require('node:fs');
const path = require('node:path');

const { keyclicFixtures } = require('../test/support/fixtures');
const { largeReport } = require('./payloads');
const { median } = require('../test/harness/load');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'nodes', 'KeyclicTrigger');
const TOKEN = 'bench-secret-token-0123456789abcdef';
const ALL_EVENTS = ['report_created', 'report_state_changed', 'operation_created', 'operation_state_changed', 'operation_removed'];
/** Sizes of the generated reports (bytes of JSON), the last one the ≈1 MB report of the targets. */
const SIZES = [16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024];

/** The compiled node (dist/ by default; `npm run bench -- --before <dir>` names another build to compare with). */
function loadNode(dir = DIST) {
	// the layout since nodes/ has webhook/ and common/, then the flat one of earlier builds
	const layouts = [
		['webhook/handler.js', 'webhook/envelope.js', '../common/item.js'],
		['webhook/handler.js', 'webhook/envelope.js', 'webhook/item.js'],
		['webhook.js', 'normalize.js'],
	];
	const files = layouts.find((list) => list.every((file) => fs.existsSync(path.join(dir, file))));
	if (!files) throw new Error(`${dir} has no compiled Keyclic Trigger: run \`npm run build\` first`);
	return Object.assign({}, ...files.map((file) => require(path.join(dir, file))));
}

/** Just what handleKeyclicWebhook uses of IWebhookFunctions (unknown parameters answer their fallback). */
function webhookContext(body, { events = ALL_EVENTS, authentication = 'urlToken' } = {}) {
	const response = {
		statusCode: 200,
		status(code) {
			this.statusCode = code;
			return this;
		},
		json() {
			return this;
		},
	};
	const parameters = { authentication, events, options: {} };
	const credentials = { token: TOKEN };
	const query = { token: TOKEN };
	const staticData = {};
	const node = { id: 'bench', name: 'Keyclic Trigger', type: 'n8n-nodes-keyclic.keyclicTrigger', typeVersion: 1, parameters };
	return {
		getCredentials: async () => credentials,
		getQueryData: () => query,
		getBodyData: () => body,
		getHeaderData: () => ({ 'content-type': 'application/json' }),
		getNodeParameter: (name, fallback) => (name in parameters ? parameters[name] : fallback),
		getResponseObject: () => response,
		getNode: () => node,
		getMode: () => 'webhook',
		getWorkflowStaticData: () => staticData,
	};
}

const now = () => process.hrtime.bigint();
const cpuNow = () => {
	const { user, system } = process.cpuUsage();
	return user + system;
};

/**
 * Measures several contenders on the same input, INTERLEAVED batch by batch (a burst of load on this
 * shared machine then hits all of them alike). Per contender: warm-up (`warmupMs`), then up to
 * `rounds` batches of ~`batchMs` each (at most `maxMs` in all). Returns, per contender, µs per call:
 * `us` = median batch (wall clock, process.hrtime.bigint), `best` = fastest batch, `cpu` = median CPU
 * time (process.cpuUsage: not inflated by time spent descheduled).
 */
async function measure(contenders, { warmupMs = 200, batchMs = 25, rounds = 21, maxMs = 4000 } = {}) {
	const names = Object.keys(contenders);
	const runners = {};
	const size = {};
	for (const name of names) {
		const { fn, isAsync } = contenders[name];
		runners[name] = isAsync
			? async (n) => {
					for (let i = 0; i < n; i++) await fn();
				}
			: async (n) => {
					for (let i = 0; i < n; i++) fn();
				};
		// warm-up, doubling the batch until it lasts a quarter of batchMs (bounded)
		let calls = 0;
		let per = 1;
		const w0 = now();
		while (Number(now() - w0) / 1e6 < warmupMs && calls < 5e6) {
			const t = now();
			await runners[name](per);
			calls += per;
			if (Number(now() - t) / 1e6 < batchMs / 4) per *= 2;
		}
		size[name] = Math.max(1, Math.min(1e6, Math.round(batchMs / (Number(now() - w0) / 1e6 / calls))));
	}
	const wall = Object.fromEntries(names.map((n) => [n, []]));
	const cpu = Object.fromEntries(names.map((n) => [n, []]));
	const m0 = now();
	for (let r = 0; r < rounds && Number(now() - m0) / 1e6 < maxMs; r++) {
		for (const name of names) {
			const c0 = cpuNow();
			const t0 = now();
			await runners[name](size[name]);
			wall[name].push(Number(now() - t0) / 1e3 / size[name]);
			cpu[name].push((cpuNow() - c0) / size[name]);
		}
	}
	const out = {};
	for (const name of names) {
		out[name] = {
			us: median(wall[name]),
			best: Math.min(...wall[name]),
			cpu: median(cpu[name]),
			batches: wall[name].length,
			batch: size[name],
		};
	}
	return out;
}

const r2 = (x) => (x === null || x === undefined ? null : Number(x.toFixed(x < 10 ? 2 : 1)));

async function sanity(handle, name, body, ctx, events) {
	const result = await handle.call(ctx);
	const accepted = Boolean(result.workflowData);
	if (accepted && result.workflowData[0][0].json.payload !== body.payload) throw new Error(`${name}: the payload was copied`);
	if (!accepted && !(events && result.webhookResponse && result.webhookResponse.status === 'ignored')) {
		throw new Error(`${name}: not accepted: ${JSON.stringify(result.webhookResponse || ctx.getResponseObject())}`);
	}
}

async function benchBody(node, name, text, { events, before } = {}) {
	const body = JSON.parse(text);
	const ctx = webhookContext(body, { events });
	await sanity(node.handleKeyclicWebhook, name, body, ctx, events);
	const receivedAt = new Date();
	const contenders = {
		handler: { fn: () => node.handleKeyclicWebhook.call(ctx), isAsync: true },
		jsonParse: { fn: () => JSON.parse(text) },
	};
	if (!events) {
		contenders.normalize = {
			fn: () => {
				const env = node.checkEnvelope(body);
				const identified = node.identifyPayload(env.event, env.payload);
				return node.toItem(env.event, identified.resource, receivedAt);
			},
		};
	}
	if (before) {
		await sanity(before.handleKeyclicWebhook, `${name} (before)`, body, ctx, events);
		contenders.before = { fn: () => before.handleKeyclicWebhook.call(ctx), isAsync: true };
	}
	const m = await measure(contenders);
	const row = {
		name,
		bytes: Buffer.byteLength(text),
		handlerUs: r2(m.handler.us),
		handlerBestUs: r2(m.handler.best),
		handlerCpuUs: r2(m.handler.cpu),
		perSecond: Math.round(1e6 / m.handler.us),
		normalizeUs: m.normalize ? r2(m.normalize.us) : null,
		jsonParseUs: r2(m.jsonParse.us),
		jsonParseCpuUs: r2(m.jsonParse.cpu),
		handlerVsParse: Number((m.handler.us / m.jsonParse.us).toFixed(3)),
		batches: m.handler.batches,
	};
	if (m.before) {
		row.beforeUs = r2(m.before.us);
		row.beforeCpuUs = r2(m.before.cpu);
		row.speedup = Number((m.before.us / m.handler.us).toFixed(2));
	}
	return row;
}

/** Least-squares slope of log(time) vs log(size): 1 = linear. */
function logSlope(points) {
	const xs = points.map((p) => Math.log(p.bytes));
	const ys = points.map((p) => Math.log(p.handlerUs));
	const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
	const my = ys.reduce((s, y) => s + y, 0) / ys.length;
	let num = 0;
	let den = 0;
	for (let i = 0; i < xs.length; i++) {
		num += (xs[i] - mx) * (ys[i] - my);
		den += (xs[i] - mx) ** 2;
	}
	return Number((num / den).toFixed(3));
}

async function runHandler({ before, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
	const node = loadNode();
	const beforeNode = before ? loadNode(path.resolve(before)) : undefined;
	const opts = { before: beforeNode };
	const fixtures = [];
	for (const f of keyclicFixtures()) {
		const row = await benchBody(node, f.file, JSON.stringify(f.body), opts);
		fixtures.push(row);
		log(
			`  ${f.file}: ${row.handlerUs} µs (cpu ${row.handlerCpuUs}), JSON.parse ${row.jsonParseUs} µs${row.beforeUs ? `, before ${row.beforeUs} µs` : ''}`,
		);
	}
	// a filtered-out event: the handler stops after the envelope check
	const report = keyclicFixtures().find((f) => f.file === 'report_created.json');
	const filtered = await benchBody(node, 'report_created.json, event not selected', JSON.stringify(report.body), {
		...opts,
		events: ['operation_created'],
	});
	const sizes = [];
	for (const target of SIZES) {
		const big = largeReport(target);
		const row = await benchBody(
			node,
			`generated report ≈${target >= 1 << 20 ? `${target >> 20} MB` : `${target >> 10} KB`}`,
			big.text,
			opts,
		);
		row.counts = big.counts;
		sizes.push(row);
		log(
			`  ${row.name} (${row.bytes} B): ${row.handlerUs} µs (cpu ${row.handlerCpuUs}), JSON.parse ${row.jsonParseUs} µs${row.beforeUs ? `, before ${row.beforeUs} µs` : ''}`,
		);
	}
	const mean = (rows, key) => rows.reduce((s, r) => s + r[key], 0) / rows.length;
	const typicalUs = mean(fixtures, 'handlerUs');
	const typicalCpuUs = mean(fixtures, 'handlerCpuUs');
	const typicalBestUs = mean(fixtures, 'handlerBestUs');
	const worst = fixtures.reduce((a, b) => (b.handlerUs > a.handlerUs ? b : a));
	const oneMb = sizes.find((s) => s.bytes >= 900 * 1024 && s.bytes <= 1200 * 1024);
	const slope = logSlope(sizes);
	const summary = {
		typicalMeanUs: r2(typicalUs),
		typicalPerSecond: Math.round(1e6 / typicalUs),
		typicalMeanCpuUs: r2(typicalCpuUs),
		typicalPerSecondCpu: Math.round(1e6 / typicalCpuUs),
		typicalMeanBestUs: r2(typicalBestUs),
		typicalPerSecondBest: Math.round(1e6 / typicalBestUs),
		typicalJsonParseUs: r2(mean(fixtures, 'jsonParseUs')),
		worstFixture: { name: worst.name, us: worst.handlerUs, perSecond: worst.perSecond },
		filteredUs: filtered.handlerUs,
		oneMbMs: oneMb ? Number((oneMb.handlerUs / 1000).toFixed(3)) : null,
		oneMbBytes: oneMb ? oneMb.bytes : null,
		oneMbJsonParseMs: oneMb ? Number((oneMb.jsonParseUs / 1000).toFixed(3)) : null,
		logLogSlope: slope,
		usPerKb: sizes.map((s) => r2(s.handlerUs / (s.bytes / 1024))),
		targets: {
			typicalPerSecond: {
				target: '>= 50,000 notifications/s (mean of the shared fixtures)',
				wall: Math.round(1e6 / typicalUs),
				cpu: Math.round(1e6 / typicalCpuUs),
				met: 1e6 / typicalUs >= 50000,
			},
			oneMb: {
				target: '<= 20 ms for the ≈1 MB report',
				ms: oneMb ? oneMb.handlerUs / 1000 : null,
				met: oneMb ? oneMb.handlerUs <= 20000 : false,
			},
			linear: { target: 'cost grows at most linearly with size (log-log slope <= 1.1)', slope, met: slope <= 1.1 },
		},
	};
	if (beforeNode) {
		summary.before = {
			dir: before,
			typicalMeanUs: r2(mean(fixtures, 'beforeUs')),
			typicalMeanCpuUs: r2(mean(fixtures, 'beforeCpuUs')),
			typicalSpeedup: Number((mean(fixtures, 'beforeUs') / typicalUs).toFixed(2)),
			oneMbBeforeMs: oneMb ? Number((oneMb.beforeUs / 1000).toFixed(3)) : null,
		};
	}
	return { node: process.version, fixtures, filtered, sizes, summary };
}

module.exports = { runHandler, webhookContext, measure, SIZES };

if (require.main === module) {
	runHandler()
		.then((r) => console.log(JSON.stringify(r, null, 2)))
		.catch((e) => {
			console.error(e);
			process.exit(1);
		});
}
