#!/usr/bin/env node
'use strict';
// The README's run command (`npm start`): builds the package, starts a local n8n (embedded SQLite,
// 127.0.0.1) with n8n-nodes-keyclic installed as a community package and the example workflow live,
// then prints the production webhook URL and how to fire a sample event at it. Ctrl-C stops n8n.
// State (workflows, executions, the secret) persists in ~/.cache/n8n-nodes-keyclic/runs/dev between runs.
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { runsRoot } = require('../test/harness/install');

const { createEmulator } = require('../test/keyclic-emulator');
const { N8n, OWNER, waitUntil } = require('../test/harness/n8n');
const { LATEST } = require('../test/harness/versions');
const { EXAMPLE, exampleWorkflow, webhookIdOf, secretCredential } = require('../test/harness/workflows');

// The second example: the same workflow in Automatic registration against the local Keyclic emulator.
const DEMO_ORGANIZATION = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const AUTOMATIC = exampleWorkflow({
	index: 90,
	name: 'Keyclic (Automatic registration, local emulator)',
	parameters: { registration: 'automatic', organization: { __rl: true, mode: 'id', value: DEMO_ORGANIZATION } },
});
AUTOMATIC.nodes[0].credentials = { keyclicApi: { id: 'keyclicApiDemo01', name: 'Keyclic API (local emulator)' } };
AUTOMATIC.id = 'keyclicAutoDemo1';

const version = process.env.KEYCLIC_N8N_VERSION || LATEST;
const CONNECTION = path.join(runsRoot(), 'dev-connection.json');

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function main() {
	const wanted = Number(process.env.PORT || 5678);
	const port = (await portIsFree(wanted)) ? wanted : undefined;
	console.log(`Preparing n8n ${version} (the first run installs it from npm: about 5 minutes)…`);
	const n8n = await N8n.create({ version, name: 'dev', keep: true, port, log: (m) => console.log(m) });
	// the local Keyclic API (in memory, 127.0.0.1): Automatic registration and `send-event -- --keyclic`
	const emu = await createEmulator({ port: (await portIsFree(8090)) ? 8090 : 0 });
	n8n.importCredentials([
		{
			id: 'keyclicApiDemo01',
			name: 'Keyclic API (local emulator)',
			type: 'keyclicApi',
			data: {
				login: 'demo@keyclic.example',
				password: 'demo-password',
				applicationKey: 'com.keyclic.app',
				baseUrl: emu.url,
				language: 'fr-FR',
			},
		},
	]);

	let connection = fs.existsSync(CONNECTION) ? JSON.parse(fs.readFileSync(CONNECTION, 'utf8')) : undefined;
	if (!connection || connection.version !== version) {
		const token = crypto.randomBytes(24).toString('hex');
		n8n.importCredentials([secretCredential(token)]);
		n8n.importWorkflows([EXAMPLE, AUTOMATIC]);
		n8n.activate(EXAMPLE.id, AUTOMATIC.id);
		connection = { version, token, workflowId: EXAMPLE.id, webhookId: webhookIdOf(EXAMPLE) };
	}

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n…');
		await n8n.stop();
		await emu.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	// start() also sets the owner up: the editor login printed below works from now on
	await n8n.start({ waitFor: [`${connection.webhookId}/webhook`, `${webhookIdOf(AUTOMATIC)}/webhook`] });
	await waitUntil('the Automatic example to register its webhooks', () => emu.state.webhooks.length >= 5, { timeoutMs: 60000 });
	const url = n8n.webhookUrl(connection.webhookId, { query: `?token=${connection.token}` });
	fs.writeFileSync(
		CONNECTION,
		JSON.stringify({ ...connection, url, editor: n8n.baseUrl, emulator: emu.url, organization: DEMO_ORGANIZATION }, null, 2),
	);
	console.log(`
n8n ${version} is running with the Keyclic Trigger (log: ${path.relative(process.cwd(), path.join(n8n.dir, 'main.log'))})

  Editor:          ${n8n.baseUrl}   (log in as ${OWNER.email} / ${OWNER.password})
  Live workflow:   "${EXAMPLE.name}"  ${n8n.baseUrl}/workflow/${connection.workflowId}
  Production URL:  ${url}
                   (this is the URL, secret included, that Keyclic must call)

  Fire a sample event:   npm run send-event -- report_created
  List the samples:      npm run send-event -- --list

  Local Keyclic emulator: ${emu.url}  (demo@keyclic.example / demo-password)
  Second workflow:        "${AUTOMATIC.name}" registered ${emu.state.webhooks.length} webhooks there itself.
  Create a report in the emulator and watch it run:   npm run send-event -- --keyclic

Ctrl-C stops n8n; your workflows and executions are kept in ${path.join(runsRoot(), 'dev')}.`);
}

main().catch((e) => {
	console.error(e.message);
	process.exit(1);
});
