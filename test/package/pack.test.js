'use strict';
// What `npm pack` would publish, and the community-node rules package.json must follow.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(ROOT, 'package.json'));

describe('published package', () => {
	let files;
	beforeAll(() => {
		execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
		const [info] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' }));
		files = info.files.map((f) => f.path).sort();
	}, 120000);

	test('ships only built node/credential code, icons, README, LICENSE and package.json', () => {
		const allowed = /^(package\.json|README\.md|LICENSE|dist\/(nodes|credentials)\/.+\.(js|json|svg))$/;
		expect(files.filter((f) => !allowed.test(f))).toEqual([]);
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
});
