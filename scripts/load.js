#!/usr/bin/env node
'use strict';
// `npm run test:load`: the load suite (test/load) at full size, N = 10,000 notifications per run at
// concurrency 50, into a real n8n 2.x; writes the figures to bench/results/<date>-load.json and the "Load
// without loss" section of docs/benchmarks.md. `npm test` (and so CI) runs the same suite with N = 300 and
// n8n's default expression engine.
//
// The full-size run uses n8n's legacy expression engine by default: with 2.x's default `vm` engine every
// request builds 2–3 fresh V8 isolates (docs/benchmarks.md, "where the time goes"), ~4 notifications/s on 2
// shared cores, i.e. more than an hour for 2 × 10,000 calls. Loss is about n8n's HTTP/DB path, which is
// the same with either engine; the legacy engine simply pushes it ~5x harder.
//
//   npm run test:load                              # N = 10,000, legacy engine
//   KEYCLIC_LOAD_ENGINE=vm npm run test:load       # n8n 2.x's default engine (slow, see above)
//   KEYCLIC_LOAD_N=2000 npm run test:load          # another size
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = {
	...process.env,
	KEYCLIC_LOAD_N: process.env.KEYCLIC_LOAD_N || '10000',
	KEYCLIC_LOAD_ENGINE: process.env.KEYCLIC_LOAD_ENGINE || 'legacy',
	KEYCLIC_LOAD_REPORT: process.env.KEYCLIC_LOAD_REPORT || '1',
};
process.stdout.write(
	`load suite: N = ${env.KEYCLIC_LOAD_N}, concurrency ${env.KEYCLIC_LOAD_CONCURRENCY || 50}, expression engine ${env.KEYCLIC_LOAD_ENGINE}\n`,
);
const r = spawnSync('npx', ['jest', '--selectProjects', 'load', '--runInBand', '--forceExit'], {
	cwd: path.resolve(__dirname, '..'),
	env,
	stdio: 'inherit',
});
process.exit(r.status === null ? 1 : r.status);
