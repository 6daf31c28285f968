'use strict';
// The order Jest starts test files in. `npm test` runs the real-n8n projects on two Jest workers
// (scripts/test-all.js), and a worker takes the next file of this list when it is done: the longest files first
// (so no long file starts last, alone), alternating a queue-mode stack (PostgreSQL, Redis, main, webhook processor and
// workers: the heaviest on CPU and memory) with a single-n8n file, so the two files running at once are mostly one
// of each. Other projects keep Jest's own order (failed first, then slowest by its cache).
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = path.resolve(__dirname, '..', '..');
// seconds each file took, run alone on this 2-core machine (n8n 2.41.1 and 1.123.81); a new file counts as SLOW_DEFAULT
const SECONDS = {
	'test/e2e/polling.test.js': 390,
	'test/e2e/automatic.test.js': 281,
	'test/e2e/webhook-examples.test.js': 201,
	'test/e2e/catchup.test.js': 152,
	'test/e2e/intake-examples.test.js': 140,
	'test/e2e/trigger.test.js': 134,
	'test/load/burst.test.js': 115,
	'test/faults/regular.test.js': 93,
	'test/e2e/dev.test.js': 73,
	'test/e2e/triage.test.js': 72,
	'test/e2e/photo-upload.test.js': 69,
	'test/e2e/agent.test.js': 60,
	'test/ui/editor.test.js': 64,
	'test/ui/credential-api.test.js': 55,
	'test/ui/keyclic-node.test.js': 50,
	'test/queue/warehouse.test.js': 355,
	'test/queue/polling.test.js': 253,
	'test/faults/queue.test.js': 208,
	'test/queue/catchup.test.js': 200,
	'test/queue/binary.test.js': 70,
};
const SLOW_DEFAULT = 100;
const REAL_N8N = /^test\/(e2e|queue|load|ui|faults)\//;
const STACK = /^test\/(queue\/|faults\/queue\.test\.js$)/;

const rel = (test) => path.relative(ROOT, test.path).split(path.sep).join('/');
/** Whether `file` (relative to the repository, `/`-separated) starts a queue-mode stack. */
const isStack = (file) => STACK.test(file);
const seconds = (test) => SECONDS[rel(test)] ?? SLOW_DEFAULT;
const longestFirst = (tests) => [...tests].sort((a, b) => seconds(b) - seconds(a) || rel(a).localeCompare(rel(b)));

/** The real-n8n files: longest first, a queue stack and a single-n8n file in turn. */
function realN8nOrder(tests) {
	const stacks = longestFirst(tests.filter((t) => isStack(rel(t))));
	const singles = longestFirst(tests.filter((t) => !isStack(rel(t))));
	const order = [];
	while (stacks.length || singles.length) {
		if (singles.length) order.push(singles.shift());
		if (stacks.length) order.push(stacks.shift());
	}
	return order;
}

class KeyclicSequencer extends Sequencer {
	sort(tests) {
		const real = tests.filter((t) => REAL_N8N.test(rel(t)));
		if (!real.length) return super.sort(tests);
		const others = tests.filter((t) => !REAL_N8N.test(rel(t)));
		return [...super.sort(others), ...realN8nOrder(real)];
	}
}

module.exports = KeyclicSequencer;
module.exports.realN8nOrder = realN8nOrder;
module.exports.SECONDS = SECONDS;
module.exports.isStack = isStack;
