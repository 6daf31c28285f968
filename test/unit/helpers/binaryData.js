'use strict';
// n8n-core's real BinaryDataService for unit tests whose node writes binary data: in memory ('default',
// n8n 1.x's default) or on disk ('filesystem', n8n 2.x's regular-mode default) in a temporary folder.
// The tests' InstanceSettings (n8n.ts) has no n8n folder, so n8n cannot build the service by itself.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BinaryDataService } = require('n8n-core');

const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));

const quiet = () => undefined;

/** Installs a BinaryDataService in `mode`; returns it, its folder, the files n8n wrote there, and a cleanup. */
async function useBinaryDataMode(mode) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-binary-'));
	const config = {
		mode,
		availableModes: ['default', 'filesystem'],
		localStoragePath: folder,
		signingSecret: 'unit-test',
		dbMaxFileSize: 512,
	};
	const service = new BinaryDataService(config, { error: quiet }, { debug: quiet, info: quiet, warn: quiet, error: quiet });
	await service.init();
	Container.set(BinaryDataService, service);
	const files = () => {
		const out = [];
		const walk = (dir) => {
			for (const name of fs.readdirSync(dir)) {
				const full = path.join(dir, name);
				if (fs.statSync(full).isDirectory()) walk(full);
				else if (!name.endsWith('.metadata')) out.push(full);
			}
		};
		walk(folder);
		return out;
	};
	return { service, folder, files, cleanUp: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

module.exports = { useBinaryDataMode };
