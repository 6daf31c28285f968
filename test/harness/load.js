'use strict';
// Load generator shared by the load suite (test/load) and the end-to-end benchmark (bench/e2e.js):
// a bounded pool of `concurrency` in-flight POSTs over keep-alive connections (Node's fetch), loopback
// only, a bounded number of requests and a wall-clock cap. Every request's status and latency is kept.
//
//   const stats = await runLoad({
//     count: 1000, concurrency: 50,
//     request: (i) => ({ url, body: '{"event":…}', headers: {} }),  // body: string or Buffer (sent as is) or any JSON value; a null header is not sent
//     keepBodies: true,                                          // keep each response body (parsed JSON when it is JSON)
//   });
//   stats -> { sent, answered, errors, statuses: { 200: n, … }, durationMs, rps, latency: { p50, p95, p99, max, mean }, results }
//   results[i] -> { i, status (0 = network error / timeout), ms, body?, error? }
//
// Latency is measured from just before fetch() to the end of the response body (process.hrtime).

const { parseJsonOr } = require('../support/json');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function assertLoopback(url) {
	const { hostname, protocol } = new URL(url);
	if (protocol !== 'http:' || !LOOPBACK_HOSTS.has(hostname)) {
		throw new Error(`load generator: loopback http:// URLs only, got ${url}`);
	}
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Nearest-rank percentile of an ascending array (q in 0..1). */
function percentile(sorted, q) {
	if (!sorted.length) return null;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[rank];
}

/** The median of a list of numbers (the mean of the two middle ones for an even count); null when empty. */
function median(xs) {
	if (!xs.length) return null;
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs fn(item, i) over items with at most `concurrency` calls in flight; resolves to the results, in order. */
async function inPool(items, concurrency, fn) {
	const results = new Array(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
	return results;
}

const round = (x, digits = 1) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** { p50, p95, p99, max, mean } in ms (one decimal) of a list of latencies. */
function latencySummary(latencies) {
	const sorted = [...latencies].sort((a, b) => a - b);
	const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : null;
	return {
		p50: round(percentile(sorted, 0.5)),
		p95: round(percentile(sorted, 0.95)),
		p99: round(percentile(sorted, 0.99)),
		max: round(sorted[sorted.length - 1] ?? null),
		mean: round(mean),
	};
}

/**
 * Sends `count` requests with at most `concurrency` in flight. Stops issuing new ones after
 * `maxDurationMs` (those are reported as not sent). Never rejects for HTTP or network errors: they are
 * counted (status 0 = no HTTP answer).
 */
async function runLoad({
	count,
	concurrency,
	request,
	method = 'POST',
	timeoutMs = 120000,
	maxDurationMs = 30 * 60 * 1000,
	keepBodies = false,
	onProgress,
}) {
	if (!Number.isInteger(count) || count < 0) throw new Error(`load generator: bad count ${count}`);
	if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
		throw new Error(`load generator: concurrency must be 1..1000, got ${concurrency}`);
	}
	const results = new Array(count);
	const checkedUrls = new Set();
	let next = 0;
	let done = 0;
	const t0 = nowMs();
	const deadline = t0 + maxDurationMs;

	async function one(i) {
		const { url, body, headers = {} } = request(i);
		if (!checkedUrls.has(url)) {
			assertLoopback(url);
			checkedUrls.add(url);
		}
		const payload = body === undefined || typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		// a header given as null is not sent (with a Buffer body, fetch adds no content type either)
		const sent = Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).filter(([, v]) => v !== null));
		const start = nowMs();
		try {
			const r = await fetch(url, {
				method,
				headers: sent,
				body: payload,
				signal: AbortSignal.timeout(timeoutMs),
			});
			const text = await r.text();
			const result = { i, status: r.status, ms: nowMs() - start };
			if (keepBodies) result.body = parseJsonOr(text, text);
			results[i] = result;
		} catch (e) {
			results[i] = { i, status: 0, ms: nowMs() - start, error: e.cause ? `${e.message}: ${e.cause.message}` : e.message };
		}
		done += 1;
		if (onProgress) onProgress(done, count);
	}

	async function worker() {
		while (next < count && nowMs() < deadline) {
			const i = next;
			next += 1;
			await one(i);
		}
	}

	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	const durationMs = nowMs() - t0;
	const sentResults = results.filter(Boolean);
	const statuses = {};
	for (const r of sentResults) statuses[r.status] = (statuses[r.status] || 0) + 1;
	const answered = sentResults.filter((r) => r.status > 0).length;
	return {
		count,
		concurrency,
		sent: sentResults.length,
		answered,
		errors: sentResults.length - answered,
		statuses,
		durationMs: round(durationMs),
		rps: round(durationMs > 0 ? (sentResults.length * 1000) / durationMs : 0, 2),
		latency: latencySummary(sentResults.map((r) => r.ms)),
		timedOut: sentResults.length < count,
		results,
	};
}

module.exports = { runLoad, latencySummary, percentile, median, inPool, assertLoopback };
