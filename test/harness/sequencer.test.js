'use strict';
// The start order of the real-n8n test files (test/harness/sequencer.js): every file has its measured length, the
// longest start first, and a queue-mode stack alternates with a single-n8n file.
const fs = require('node:fs');
const path = require('node:path');

const { isStack, realN8nOrder, SECONDS } = require('./sequencer');

const ROOT = path.resolve(__dirname, '..', '..');
const realN8nFiles = ['e2e', 'queue', 'load', 'ui', 'faults'].flatMap((dir) =>
	fs
		.readdirSync(path.join(ROOT, 'test', dir))
		.filter((f) => f.endsWith('.test.js'))
		.map((f) => `test/${dir}/${f}`),
);
const order = () => realN8nOrder(realN8nFiles.map((f) => ({ path: path.join(ROOT, f) }))).map((t) => path.relative(ROOT, t.path));

test('every real-n8n test file has its measured length, and no file that is gone is listed', () => {
	expect(Object.keys(SECONDS).sort()).toEqual([...realN8nFiles].sort());
});

test('the longest single-n8n file starts first, then the longest queue stack; they alternate while both are left', () => {
	const files = order();
	expect(new Set(files)).toEqual(new Set(realN8nFiles));
	expect(files[0]).toBe('test/e2e/polling.test.js');
	expect(files[1]).toBe('test/queue/warehouse.test.js');
	const stacks = files.filter(isStack).length;
	expect(files.filter(isStack).sort()).toEqual(
		[...realN8nFiles.filter((f) => /^test\/queue\//.test(f)), 'test/faults/queue.test.js'].sort(),
	);
	for (let i = 0; i < 2 * stacks; i++) expect(isStack(files[i])).toBe(i % 2 === 1);
	const singles = files.filter((f) => !isStack(f));
	expect(singles.map((f) => SECONDS[f])).toEqual([...singles.map((f) => SECONDS[f])].sort((a, b) => b - a));
});
