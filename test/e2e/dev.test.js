'use strict';
// `npm run dev` (scripts/start.js --dev) in a REAL n8n: an edit of a node's source shows in the running n8n, with no
// rebuild or restart. Run on a copy of the sources (the test edits them), as a contributor would: save the
// file, then the node types n8n serves to the editor change.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { LocalN8n } = require('../../scripts/start');
const { freePort, waitUntil } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');

jest.setTimeout(10 * 60 * 1000);

const ROOT = path.resolve(__dirname, '..', '..');
const TRIGGER_SOURCE = path.join('nodes', 'KeyclicTrigger', 'KeyclicTrigger.node.ts');

describe.each(versionsUnderTest())('npm run dev on n8n %s', (version) => {
	let copy;
	let dev;

	/** The Keyclic Trigger's description as the running n8n hands it to the editor. */
	async function triggerDescription() {
		const { r, json } = await dev.n8n.rest('/types/nodes.json', { cookie: await dev.n8n.login() });
		if (r.status !== 200) throw new Error(`GET /types/nodes.json -> ${r.status}`);
		// n8n rewrites the file in place after a reload: a read in between gets part of it (not JSON)
		if (!Array.isArray(json)) throw new Error('GET /types/nodes.json: not a whole JSON array (n8n is rewriting it)');
		const trigger = json.find((t) => t.name === 'n8n-nodes-keyclic.keyclicTrigger');
		return trigger && trigger.description;
	}

	/** On a timeout: did tsc rebuild, did n8n see the change? (the two halves of a hot reload) */
	function whereItStopped() {
		const built = path.join(dev.packageDir, 'dist', TRIGGER_SOURCE.replace(/\.ts$/, '.js'));
		const rebuilt = fs.existsSync(built) && fs.readFileSync(built, 'utf8').includes('(edited)');
		const log = fs.readFileSync(path.join(dev.n8n.dir, 'main.log'), 'utf8');
		const lines = log.split('\n').filter((l) => /hot reload|watch/i.test(l));
		return `tsc rebuilt ${built}: ${rebuilt}; n8n's watcher and reload lines:\n${lines.join('\n') || '(none)'}`;
	}

	beforeAll(async () => {
		copy = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-dev-'));
		for (const entry of ['package.json', 'tsconfig.json', 'nodes', 'credentials']) {
			fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
		}
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
		// the code of `npm run dev`, on a throwaway run folder (keep: false) and a free port
		dev = new LocalN8n({
			mode: 'dev',
			root: copy,
			version,
			name: `e2e-dev-${version}`,
			keep: false,
			port: await freePort(),
			log: () => {},
		});
		await dev.start();
	});

	afterAll(async () => {
		if (dev) await dev.stop();
		if (copy) fs.rmSync(copy, { recursive: true, force: true });
	});

	test('the package is loaded under its published type names, and a saved edit of a node goes live without a rebuild or restart', async () => {
		const before = await waitUntil('the node types n8n serves', triggerDescription, { timeoutMs: 60 * 1000, intervalMs: 250 });
		expect(typeof before).toBe('string');
		expect(before.length).toBeGreaterThan(0);

		const file = path.join(copy, TRIGGER_SOURCE);
		const source = fs.readFileSync(file, 'utf8');
		const edited = source.replace(/(\n\t\tdescription:\s*')([^']*)(')/, '$1$2 (edited)$3');
		expect(edited).not.toBe(source);
		fs.writeFileSync(file, edited);

		const after = await waitUntil('the edited description in n8n', async () => (await triggerDescription()) === `${before} (edited)`, {
			// seconds when the machine is idle (tsc --watch recompiles, n8n reloads the package); the bound only
			// stops a broken reload from hanging the suite, on a loaded CI machine too
			timeoutMs: 3 * 60 * 1000,
			intervalMs: 500,
		}).catch((e) => {
			throw new Error(`${e.message}\n${whereItStopped()}`);
		});
		expect(after).toBe(true);
	});
});
