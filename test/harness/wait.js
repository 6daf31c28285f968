'use strict';
// Waiting for conditions (never for a fixed time): used by every part of the harness.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value (returned); `onPoll` may throw to give up early. */
async function waitUntil(what, check, { timeoutMs = 120000, intervalMs = 250, onPoll } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value) return value;
		} catch (e) {
			last = e;
		}
		if (onPoll) onPoll();
		await sleep(intervalMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

/** `promise`'s value, or `onTimeout` once `ms` have passed (the timer is cleared either way: no open handle). */
async function within(promise, ms, onTimeout = null) {
	let timer;
	const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(onTimeout), ms)));
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

module.exports = { sleep, waitUntil, within };
