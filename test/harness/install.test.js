'use strict';
// The installer's rules, on throwaway folders (no n8n is installed here): an install counts only once its
// check passes, a marked but broken install is repaired (cheap repair first, then a full reinstall), and a
// failing step says which step, where its log is and what to do. This project's npm settings never leak
// into the npm calls the installer makes.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

let cache;
let install;

beforeEach(() => {
	cache = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-install-test-'));
	process.env.KEYCLIC_N8N_CACHE = cache;
	jest.resetModules();
	install = require('./install');
});

afterEach(() => {
	delete process.env.KEYCLIC_N8N_CACHE;
	fs.rmSync(cache, { recursive: true, force: true });
});

/** A fake installable thing: `works` says whether its check passes. */
function fake({ works = () => true, onInstall = () => {}, onRepair } = {}) {
	const dir = path.join(cache, 'thing');
	const calls = [];
	const spec = {
		name: 'thing',
		dir,
		log: (m) => calls.push(`log: ${m}`),
		check: () => (works() ? null : 'does not load'),
		install: () => {
			calls.push('install');
			fs.mkdirSync(dir, { recursive: true });
			onInstall();
			return { how: 'fresh' };
		},
	};
	if (onRepair) {
		spec.repair = () => {
			calls.push('repair');
			onRepair();
		};
	}
	return { spec, calls, marker: path.join(dir, '.installed-ok') };
}

test('a fresh install is marked only after its check passes', () => {
	const { spec, calls, marker } = fake();
	install.ensureProven(spec);
	expect(calls.filter((c) => !c.startsWith('log'))).toEqual(['install']);
	expect(JSON.parse(fs.readFileSync(marker, 'utf8'))).toMatchObject({ how: 'fresh' });
});

test('an install whose check fails throws, names the folder and writes no marker', () => {
	const { spec, marker } = fake({ works: () => false });
	expect(() => install.ensureProven(spec)).toThrow(
		/thing was installed into .*thing but does not work: does not load[\s\S]*What to do: delete/,
	);
	expect(fs.existsSync(marker)).toBe(false);
});

test('a marked, working install is reused without installing', () => {
	const { spec, calls } = fake();
	install.ensureProven(spec);
	install.ensureProven(spec);
	expect(calls.filter((c) => c === 'install')).toHaveLength(1);
});

test('a marked but broken install is repaired (cheap repair first), with a message', () => {
	let healthy = true;
	const { spec, calls, marker } = fake({ works: () => healthy, onRepair: () => (healthy = true) });
	install.ensureProven(spec);
	healthy = false; // e.g. the native binding disappeared
	install.ensureProven(spec);
	expect(calls.filter((c) => !c.startsWith('log'))).toEqual(['install', 'repair']);
	expect(calls.some((c) => /marked installed but does not work \(does not load\): repairing it/.test(c))).toBe(true);
	expect(JSON.parse(fs.readFileSync(marker, 'utf8'))).toHaveProperty('repairedAt');
});

test('when the repair does not help, the install starts over', () => {
	let healthy = true;
	const { spec, calls, marker } = fake({ works: () => healthy, onRepair: () => {}, onInstall: () => (healthy = true) });
	install.ensureProven(spec);
	healthy = false;
	install.ensureProven(spec);
	expect(calls.filter((c) => !c.startsWith('log'))).toEqual(['install', 'repair', 'install']);
	expect(fs.existsSync(marker)).toBe(true);
});

test('a failing step names itself, its log file and what to do; the log holds the output', () => {
	let error;
	try {
		install.step(
			'demo step',
			process.execPath,
			['-e', 'console.log("compiling…"); console.error("gyp ERR! build error"); process.exit(3)'],
			{
				cwd: cache,
				env: process.env,
				advice: 'install g++ and run again.',
			},
		);
	} catch (e) {
		error = e;
	}
	expect(error).toBeDefined();
	const logFile = path.join(cache, 'logs', 'demo-step.log');
	expect(error.message).toContain('demo step failed (exit 3)');
	expect(error.message).toContain(`Log: ${logFile}`);
	expect(error.message).toContain('What to do: install g++ and run again.');
	expect(fs.readFileSync(logFile, 'utf8')).toMatch(/compiling…[\s\S]*gyp ERR! build error/);
});

test("the project's ignore-scripts setting (exported by npm run) does not reach the installer's npm calls", () => {
	process.env.npm_config_ignore_scripts = 'true';
	try {
		expect(install.installEnv()).not.toHaveProperty('npm_config_ignore_scripts');
		expect(install.installEnv({ PATH: '/x' }).PATH).toBe('/x');
	} finally {
		delete process.env.npm_config_ignore_scripts;
	}
});

test('prove() reports the first error line of a command that fails, and null for one that works', () => {
	expect(install.prove(process.execPath, ['--version'], {}, /^v\d+/)).toBeNull();
	expect(install.prove(process.execPath, ['-e', 'require("no-such-module")'], {})).toMatch(
		/^exit 1: Error: Cannot find module 'no-such-module'/,
	);
	expect(install.prove(process.execPath, ['--version'], {}, /^v0\./)).toMatch(/^unexpected output/);
});
