'use strict';
// `npm run bench -- polling`: what a poll of the Keyclic Polling Trigger costs (issue 22 §5), the compiled node (dist/)
// polling the emulator, which runs in its own process (so the CPU measured is the node's, not the emulator's), on an
// API without /tickets (legacy: the lists; `out.quiet`, `out.thousand`, `out.tracked10k`) and on the Tickets API (2025:
// `out.tickets.…`, plus a poll that runs the recheck of the open tickets):
//   1. a poll with nothing new: API calls, CPU ms;
//   2. a poll with 1,000 changes (1,000 reports created since the last poll): wall ms, API calls, peak heap and RSS;
//   3. static data with 10,000 tracked resources: its size, and the time a quiet poll takes with it.
// The context is a minimal IPollFunctions (parameters, static data, an HTTP call with the emulator's login): n8n's own
// overhead (its request helper, the static-data proxy) is not in these figures.
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const APP = 'com.keyclic.app';

async function startEmulator(era = 'legacy') {
	const args = ['--port', '0', '--quiet', ...(era === '2025' ? ['--payload-era', '2025'] : [])];
	const child = spawn(process.execPath, [path.join(ROOT, 'test/keyclic-emulator/cli.js'), ...args], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const match = /listening on (http:\/\/\S+)/.exec(out);
			if (match) resolve(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`emulator exited (${code})`)));
	});
	const login = await fetch(`${url}/security/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-keyclic-app': APP },
		body: JSON.stringify({ login: 'demo@keyclic.example', password: 'demo-password' }),
	});
	const { accessToken } = await login.json();
	const headers = { 'x-keyclic-app': APP, authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
	const call = async (method, pathname, body) => {
		const r = await fetch(`${url}${pathname}`, { method, headers, body: body && JSON.stringify(body) });
		if (r.status >= 300) throw new Error(`${method} ${pathname} → ${r.status}`);
		return r.status === 204 ? undefined : r.json();
	};
	return { url, headers, call, stop: () => child.kill('SIGTERM') };
}

/** The IPollFunctions the node uses: parameters, static data, httpRequestWithAuthentication (counted). */
function pollContext(emu, staticData, calls) {
	const parameters = {
		organization: { __rl: true, mode: 'id', value: ORG },
		events: ['report_created', 'report_state_changed', 'operation_created', 'operation_state_changed', 'operation_removed'],
		options: {},
	};
	return {
		getNode: () => ({ name: 'Keyclic Polling Trigger', type: 'n8n-nodes-keyclic.keyclicPollingTrigger', typeVersion: 1, parameters }),
		getNodeParameter: (name, fallback) => parameters[name] ?? fallback,
		getMode: () => 'trigger',
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => ({ baseUrl: emu.url, retryLimit: 30 }),
		helpers: {
			async httpRequestWithAuthentication(_type, options) {
				calls.count++;
				const url = new URL(options.url);
				for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
				const r = await fetch(url, { method: options.method, headers: { ...emu.headers, ...options.headers } });
				const body = await r.json().catch(() => undefined);
				if (r.status >= 300) throw Object.assign(new Error(`${r.status}`), { httpCode: String(r.status), response: { status: r.status } });
				return body;
			},
		},
	};
}

async function measure(node, context) {
	global.gc?.();
	const cpu = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	let peakHeap = process.memoryUsage().heapUsed;
	let peakRss = process.memoryUsage().rss;
	const sampler = setInterval(() => {
		const m = process.memoryUsage();
		peakHeap = Math.max(peakHeap, m.heapUsed);
		peakRss = Math.max(peakRss, m.rss);
	}, 5);
	const result = await node.poll.call(context);
	clearInterval(sampler);
	const used = process.cpuUsage(cpu);
	return {
		items: result ? result[0].length : 0,
		wallMs: Number((process.hrtime.bigint() - t0) / 1000000n),
		cpuMs: Math.round((used.user + used.system) / 1000),
		peakHeapMiB: Number((peakHeap / 2 ** 20).toFixed(1)),
		peakRssMiB: Number((peakRss / 2 ** 20).toFixed(1)),
	};
}

/**
 * The figures both APIs share: 10 reports and a first poll (where it starts), five polls with nothing new (API calls,
 * CPU), then 1,000 reports created and the poll that finds them. `label` prefixes the log lines. Returns the poll
 * context, its static data and call counter for the figures that follow.
 */
async function quietAndThousand(node, emu, out, log, label) {
	const staticData = {};
	const calls = { count: 0 };
	const context = pollContext(emu, staticData, calls);
	for (let n = 0; n < 10; n++) await emu.call('POST', '/reports', { organization: ORG, description: `r${n}` });
	await node.poll.call(context); // first poll: where it starts
	log(`${label}a poll with nothing new…`);
	const quiet = [];
	for (let n = 0; n < 5; n++) {
		calls.count = 0;
		quiet.push({ ...(await measure(node, context)), calls: calls.count });
	}
	out.quiet = { runs: quiet, calls: quiet[0].calls, cpuMsMedian: quiet.map((q) => q.cpuMs).sort((a, b) => a - b)[2] };

	log(`${label}1,000 reports created since the last poll…`);
	for (let n = 0; n < 1000; n++) await emu.call('POST', '/reports', { organization: ORG, description: `burst ${n}` });
	calls.count = 0;
	out.thousand = { ...(await measure(node, context)), calls: calls.count };
	return { staticData, calls, context };
}

/** The same figures on the Tickets API (2025 era), and a poll that rechecks the tracked open tickets. */
async function ticketsFigures(node, state, log) {
	const emu = await startEmulator('2025');
	const out = {};
	try {
		const { staticData, calls, context } = await quietAndThousand(node, emu, out, log, '/tickets: ');

		// a quiet poll right after the burst reads the look-back window again (SETTLE_POLLS polls): its cost
		calls.count = 0;
		out.afterBurst = { ...(await measure(node, context)), calls: calls.count };
		log('/tickets: static data with 10,000 tracked tickets (the 1,010 real ones and 8,990 closed ones)…');
		const current = state.readStored(staticData, ORG).state;
		const tracked = new Map();
		const day = Date.now() - 86400000;
		for (let n = 0; n < 10000 - current.tracked.size; n++) {
			const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
			const updatedAt = new Date(day + n * 1000).toISOString().replace('.000Z', '+00:00');
			tracked.set(id, { type: 'report', state: 'CLOSED', createdAt: Math.floor(day / 1000), updatedAt });
		}
		for (const [id, t] of current.tracked) tracked.set(id, t);
		// the next poll is not a recheck poll (every 10th), and the cursor has settled (the window is not read again)
		state.writeTicketsState(staticData, { ...current, tracked, polls: 1, settled: 5 });
		const bytes = Buffer.byteLength(JSON.stringify(staticData));
		calls.count = 0;
		const big = await measure(node, context);
		out.tracked10k = {
			staticDataBytes: bytes,
			tracked: state.readStored(staticData, ORG).state.tracked.size,
			quietPoll: { ...big, calls: calls.count },
		};

		log('/tickets: a poll that rechecks the open tickets (every 10th), 10,000 tracked…');
		const now = state.readStored(staticData, ORG).state;
		state.writeTicketsState(staticData, { ...now, polls: 9, settled: 5 });
		calls.count = 0;
		out.recheckPoll = { ...(await measure(node, context)), calls: calls.count };
	} finally {
		emu.stop();
	}
	return out;
}

async function main({ write = true, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
	const report = require('./report');
	const { KeyclicPollingTrigger } = require(path.join(ROOT, 'dist/nodes/KeyclicPollingTrigger/KeyclicPollingTrigger.node.js'));
	const state = require(path.join(ROOT, 'dist/nodes/KeyclicPollingTrigger/poll/state.js'));
	const node = new KeyclicPollingTrigger();
	const date = new Date().toISOString();
	const out = { kind: 'polling', date, machine: report.machine() };
	const emu = await startEmulator();
	try {
		const { staticData, calls, context } = await quietAndThousand(node, emu, out, log, '');

		log('static data with 10,000 tracked resources (the 1,010 real reports and 8,990 closed ones)…');
		const tracked = new Map();
		const now = Math.floor(Date.now() / 1000);
		for (let n = 0; n < 10000 - 1010; n++) {
			const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
			// closed reports of the last day, older than the open ones: tracked, not listed again
			tracked.set(id, {
				type: 'report',
				state: 'CLOSED',
				createdAt: now - 86400 + n,
				updatedAt: '2025-05-01T08:00:00+02:00',
			});
		}
		const current = state.readState(staticData, ORG);
		for (const [id, t] of current.tracked) tracked.set(id, t);
		state.writeState(staticData, { ...current, tracked });
		const bytes = Buffer.byteLength(JSON.stringify(staticData));
		calls.count = 0;
		const big = await measure(node, context);
		out.tracked10k = {
			staticDataBytes: bytes,
			tracked: state.readState(staticData, ORG).tracked.size,
			quietPoll: { ...big, calls: calls.count },
		};
	} finally {
		emu.stop();
	}
	out.tickets = await ticketsFigures(node, state, log);
	if (write) log(`wrote ${path.relative(ROOT, report.writeResult('polling', out))}`);
	console.log(JSON.stringify(out, null, 2));
	return out;
}

module.exports = { main };
