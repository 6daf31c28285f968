'use strict';
// The options of `npm run bench` (bench/run.js), also read by `node bench/e2e.js` run alone. Each has its default
// here; `npm run bench -- --help` lists them.
const { parseArgs } = require('node:util');

const { LATEST, SUPPORTED } = require('../test/harness/versions');

const list = (s) =>
	String(s)
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);

const OPTIONS = {
	engines: { default: 'vm,vm-lazy,legacy', help: 'expression engines of the end-to-end runs (one n8n each)' },
	variants: { default: 'a,b,b2,c,a0,a1,c1', help: 'workflows compared end to end, a, b and c among them (bench/e2e.js header)' },
	concurrency: { default: '1,10,50', help: 'requests in flight, end to end' },
	rounds: { default: '3', help: 'interleaved rounds of blocks, end to end' },
	scale: { default: '1', help: 'block size factor, end to end (0.5: half as many requests)' },
	'n8n-version': { default: LATEST, help: 'n8n of the end-to-end runs' },
	'n8n-dir': { default: '', help: 'another n8n install (a patched copy) for the end-to-end runs' },
	before: { default: '', help: "another build's dist/nodes/KeyclicTrigger: a before/after column in the handler table" },
	'before-label': { default: '', help: 'the name of that column (default: the folder name)' },
	'files-versions': { default: SUPPORTED.join(','), help: 'n8n versions of the photos and documents benchmark' },
	'files-sizes': { default: '1,1024,5120,20480', help: 'file sizes in KiB, photos and documents' },
	'files-rounds': { default: '2', help: 'rounds, photos and documents' },
	'upload-version': { default: LATEST, help: 'n8n version of the upload benchmark (before/after streaming)' },
	'upload-sizes': { default: '1,51200', help: 'photo sizes in KiB, upload benchmark' },
	'upload-rounds': { default: '2', help: 'rounds, upload benchmark' },
	'upload-before': { default: '', help: 'git ref of the "before" build (default: the commit before uploads were streamed)' },
	'skip-e2e': { type: 'boolean', help: 'the handler benchmark only (with the files one)' },
	'skip-files': { type: 'boolean', help: 'leave the photos and documents benchmark and the upload one out' },
	'no-write': { type: 'boolean', help: 'print the results; write neither bench/results/ nor docs/benchmarks.md' },
	help: { type: 'boolean', help: 'this list' },
};

const USAGE = `usage: npm run bench [-- [files] [--option value]…]
  (no argument)  build, handler benchmark, end-to-end benchmark, photos and documents benchmark
  files          the photos and documents benchmark only
  upload         the upload benchmark only (a big photo, before and after streaming)
  polling        the Keyclic Polling Trigger's poll costs only (in-process, against the emulator)
${Object.entries(OPTIONS)
	.map(
		([name, o]) =>
			`  --${name}${o.type === 'boolean' ? '' : ' <value>'}`.padEnd(28) + `${o.help}${o.default ? ` (default ${o.default})` : ''}`,
	)
	.join('\n')}
Example, a quick run: npm run bench -- --skip-files --engines legacy --variants a,b,c --concurrency 10 --rounds 1 --scale 0.2 --no-write`;

/** The options of `argv` (default: this process's), as the benchmarks take them. Exits with the usage on --help or a bad option. */
function benchOptions(argv = process.argv.slice(2)) {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: Object.fromEntries(Object.entries(OPTIONS).map(([name, o]) => [name, { type: o.type || 'string' }])),
		});
	} catch (e) {
		console.error(`${e.message}\n${USAGE}`);
		process.exit(2);
	}
	const v = parsed.values;
	if (v.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const get = (name) => (v[name] === undefined ? OPTIONS[name].default : v[name]);
	const missing = ['a', 'b', 'c'].filter((x) => !list(get('variants')).includes(x));
	if (missing.length) {
		console.error(`--variants must hold a, b and c (the ratios compare them): ${missing.join(', ')} missing\n${USAGE}`);
		process.exit(2);
	}
	return {
		filesOnly: parsed.positionals.includes('files'),
		uploadOnly: parsed.positionals.includes('upload'),
		pollingOnly: parsed.positionals.includes('polling'),
		skipE2e: Boolean(v['skip-e2e']),
		skipFiles: Boolean(v['skip-files']),
		write: !v['no-write'],
		engines: list(get('engines')),
		before: get('before') || undefined,
		beforeLabel: get('before-label') || undefined,
		e2e: {
			version: get('n8n-version'),
			installDir: get('n8n-dir') || undefined,
			variants: list(get('variants')),
			concurrencies: list(get('concurrency')).map(Number),
			rounds: Number(get('rounds')),
			scale: Number(get('scale')),
		},
		files: {
			versions: list(get('files-versions')),
			sizes: list(get('files-sizes')).map((k) => Number(k) * 1024), // bytes
			rounds: Number(get('files-rounds')),
		},
		upload: {
			version: get('upload-version'),
			sizes: list(get('upload-sizes')).map((k) => Number(k) * 1024), // bytes
			rounds: Number(get('upload-rounds')),
			before: get('upload-before') || undefined,
		},
	};
}

module.exports = { benchOptions, USAGE };
