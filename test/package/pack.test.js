'use strict';
// What `npm pack` would publish, the community-node rules package.json must follow, and n8n's own checks
// of a community package run on the packed tarball: the scanner n8n applies before listing or verifying a
// package (@n8n/scan-community-package, see scan.mjs) and `n8n-node lint` in strict mode (see checks.js;
// release.test.js runs the same checks on a package released with `npm run release`).
const fs = require('node:fs');
const path = require('node:path');

const { buildAndPack } = require('../harness/package');
const { ROOT, ALLOWED_FILE, tarballFiles, unpack, scan, nodeLint, changelogSection } = require('./checks');

const pkg = require(path.join(ROOT, 'package.json'));
// inside the repository (git- and jest-ignored) so that eslint's plugins resolve from node_modules
const WORK = path.join(ROOT, '.e2e', 'package-check');

// `npm run build` + `npm pack` of these sources, made once per source state and shared with the real-n8n suites
// (test/harness/package.js): listed here, unpacked for n8n's checks below
let tarball;
beforeAll(() => {
	tarball = buildAndPack();
}, 180000);

describe('published package', () => {
	let files;
	beforeAll(() => {
		files = tarballFiles(tarball);
	});

	test('ships only built node/credential code, icons, README, LICENSE and package.json', () => {
		expect(files.filter((f) => !ALLOWED_FILE.test(f))).toEqual([]);
		expect(files.filter((f) => /test|\.ts$|\.map$/.test(f))).toEqual([]);
	});

	test('ships every file the n8n section points at, and both icons', () => {
		for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(f);
		expect(files).toContain('dist/nodes/KeyclicTrigger/keyclic.svg');
		expect(files).toContain('dist/nodes/KeyclicTrigger/keyclic.dark.svg');
		expect(files).toContain('dist/nodes/KeyclicTrigger/KeyclicTrigger.node.json');
	});

	test('follows the community-node rules', () => {
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		for (const p of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(p).toMatch(/^dist\//);
		for (const s of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish']) expect(pkg.scripts[s]).toBeUndefined();
	});

	test('zod is a dev dependency pinned to the 3.25.x line n8n ships', () => {
		expect(pkg.devDependencies.zod).toMatch(/^3\.25\.\d+$/);
	});

	test('n8n-core (unit tests only) is a dev dependency pinned to the release built on our n8n-workflow', () => {
		expect(pkg.devDependencies['n8n-core']).toMatch(/^\d+\.\d+\.\d+$/);
		const core = require(path.join(ROOT, 'node_modules', 'n8n-core', 'package.json'));
		expect(core.version).toBe(pkg.devDependencies['n8n-core']);
		expect(core.dependencies['n8n-workflow']).toBe(pkg.devDependencies['n8n-workflow']);
		expect(pkg.peerDependencies['n8n-core']).toBeUndefined();
		expect(files.filter((f) => f.includes('n8n-core'))).toEqual([]);
	});

	test('the CHANGELOG has a section for the version in package.json; publishing goes through the release path', () => {
		const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
		expect(changelogSection(changelog, pkg.version)).toBeTruthy();
		expect(pkg.scripts.release).toBe('n8n-node release');
		expect(pkg.scripts.prepublishOnly).toMatch(/^n8n-node prerelease && /);
		// what `n8n-node release` runs at release time is pinned here, not fetched (`npx auto-changelog -p`)
		expect(pkg.devDependencies['auto-changelog']).toMatch(/^\d+\.\d+\.\d+$/);
		expect(pkg.devDependencies['release-it']).toMatch(/^\d+\.\d+\.\d+$/);
		const workflow = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8');
		expect(workflow).toContain('id-token: write');
		expect(workflow).toContain('run: npm test');
		// n8n-node release under GitHub Actions: lint, build, `npm publish` with provenance
		expect(workflow).toMatch(/\n\s+npm run release\n/);
		expect(workflow.indexOf('run: npm test')).toBeLessThan(workflow.indexOf('npm run release\n'));
		// one Node: the container's
		expect(workflow.match(/image: node:(\d+)-bookworm/)).not.toBeNull();
		expect(workflow).not.toContain('node-version:');
	});
});

describe("the packed tarball passes n8n's community-package checks", () => {
	let unpacked;
	beforeAll(() => {
		unpacked = unpack(tarball, WORK);
	});

	test('the scanner finds nothing in the tarball (compiled code and package.json)', () => {
		const result = scan(unpacked, 'tarball');
		expect(result.details ?? '').toBe('');
		expect(result.passed).toBe(true);
	}, 120000);

	test('the scanner finds nothing in the sources it fetches through provenance (nodes, credentials, package.json)', () => {
		const result = scan(ROOT, 'source');
		expect(result.details ?? '').toBe('');
		expect(result.passed).toBe(true);
	}, 120000);

	test('the scanner does refuse a tarball that spawns processes and reads the environment', () => {
		const bad = path.join(WORK, 'bad');
		fs.cpSync(unpacked, bad, { recursive: true });
		fs.writeFileSync(
			path.join(bad, 'dist', 'nodes', 'KeyclicTrigger', 'helper.js'),
			"const cp = require('child_process');\nmodule.exports = () => cp.execSync(process.env.X);\n",
		);
		const result = scan(bad, 'tarball');
		expect(result.passed).toBe(false);
		expect(result.details).toContain('no-restricted-imports');
		expect(result.details).toContain('no-restricted-globals');
	}, 120000);

	test('n8n-node lint (strict) passes on the unpacked tarball, and fails on a package.json it would refuse', () => {
		const ok = nodeLint(unpacked);
		expect(ok.output).not.toMatch(/error|Strict mode violation/i);
		expect(ok.status).toBe(0);
		const bad = path.join(WORK, 'bad-license');
		fs.cpSync(unpacked, bad, { recursive: true });
		const manifest = JSON.parse(fs.readFileSync(path.join(bad, 'package.json'), 'utf8'));
		fs.writeFileSync(path.join(bad, 'package.json'), JSON.stringify({ ...manifest, license: 'ISC' }, null, 2));
		const refused = nodeLint(bad);
		expect(refused.status).not.toBe(0);
		expect(refused.output).toContain('community-package-json-license');
	}, 180000);
});
