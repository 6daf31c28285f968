#!/usr/bin/env node
'use strict';
// The README's run command (`npm start`): builds the package, starts a local n8n (embedded SQLite,
// 127.0.0.1) with n8n-nodes-keyclic installed as a community package and the example workflow live,
// then prints the production webhook URL and how to fire a sample event at it. Ctrl-C stops n8n.
// It also runs the local Keyclic emulator (its file host serves the photos) and a local SMTP sink (MailDev,
// its web inbox printed), with the photo alert example (examples/keyclic-alert-with-photos.json) live.
//
// It works on whatever the previous run left (a Ctrl-C, a kill -9, another n8n version):
//  - one run folder per n8n version, ~/.cache/n8n-nodes-keyclic/runs/dev/<version>/ (n8n cannot open a
//    database a newer n8n migrated): workflows, executions, the secret and what you built in the editor stay;
//  - n8n runs detached, so a kill -9 of npm start leaves it running, holding port 5678 and the database:
//    each run records what it started (npm-start.json in the run folder) and first stops what a previous
//    run left (recorded, or any n8n working in a run folder);
//  - the local Keyclic emulator keeps its data in memory: it starts empty, without the webhooks the
//    Automatic example registered, and n8n does not register them again at start for a workflow it already
//    published (its webhooks are stored in its database). So each start re-publishes that workflow
//    (unpublish, publish: n8n's public API), which registers its webhooks again: what a Keyclic user does
//    when Keyclic lost the webhooks n8n believes registered (docs/keyclic-trigger.md). The photo alert example too.
//  - MailDev runs detached too (recorded in npm-start.json, its mail kept in the run folder's maildev/).
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { runsRoot } = require('../test/harness/install');
const { record, stopLeftovers } = require('../test/harness/leftovers');

const { createEmulator } = require('../test/keyclic-emulator');
const { N8n, OWNER, waitUntil } = require('../test/harness/n8n');
const { LATEST } = require('../test/harness/versions');
const { EXAMPLE, exampleWorkflow, webhookIdOf, secretCredential } = require('../test/harness/workflows');
const { startSmtpSink } = require('../test/support/smtp-sink');
const { ALERT, alertCredentials } = require('../test/support/alert-with-photos');

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
const DEV = path.join(runsRoot(), 'dev'); // one folder per n8n version in it
const LAST = path.join(runsRoot(), 'dev-connection.json'); // the last start's connection: send-event's default
const RUN = path.join(DEV, version);
const CONNECTION = path.join(RUN, 'connection.json');
const PROCESSES = path.join(RUN, 'npm-start.json');
const API_KEY_LABEL = 'npm start (re-publish)';
let stopping = false;

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

const writeJson = (file, data) => fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);

/** Stops what previous runs left running, of any n8n version (one npm start at a time: one port 5678). */
async function stopPreviousRuns() {
	const folders = fs.existsSync(DEV)
		? fs
				.readdirSync(DEV, { withFileTypes: true })
				.filter((e) => e.isDirectory())
				.map((e) => path.join(DEV, e.name))
		: [];
	await stopLeftovers({
		records: folders.map((f) => path.join(f, 'npm-start.json')),
		dirs: [DEV, ...folders], // DEV itself: an n8n of the one-folder layout below
		command: path.join('n8n', 'bin', 'n8n'),
		log: (m) => console.log(m),
	});
	// a MailDev a kill -9 left between its start and the record (it works in <run folder>/maildev)
	await stopLeftovers({
		dirs: folders.map((f) => path.join(f, 'maildev')),
		command: path.join('maildev', 'dist', 'bin', 'maildev.js'),
		log: (m) => console.log(m),
	});
}

/** Until one folder per version, runs/dev was the run folder: it becomes runs/dev/<its version>. */
function moveSingleFolderLayout() {
	if (!fs.existsSync(path.join(DEV, 'main'))) return;
	const last = readJson(LAST) || {};
	const itsVersion = last.version || LATEST;
	const moving = `${DEV}.moving`;
	fs.renameSync(DEV, moving);
	fs.mkdirSync(DEV);
	fs.renameSync(moving, path.join(DEV, itsVersion));
	if (last.token) writeJson(path.join(DEV, itsVersion, 'connection.json'), last);
	console.log(`Moved the run folder of n8n ${itsVersion} to ${path.join(DEV, itsVersion)} (one folder per n8n version).`);
}

/** Runs fn(api) with n8n's public API, through a key made for it and deleted after (none piles up). */
async function withPublicApi(n8n, fn) {
	const cookie = await n8n.login();
	const removeKeys = async () => {
		const { json } = await n8n.rest(`/rest/api-keys?label=${encodeURIComponent(API_KEY_LABEL)}`, { cookie });
		const data = json && json.data; // 1.x: a list; 2.x: a page of them
		for (const key of (Array.isArray(data) ? data : data && data.items) || []) {
			if (key.label === API_KEY_LABEL) await n8n.rest(`/rest/api-keys/${key.id}`, { method: 'DELETE', cookie });
		}
	};
	await removeKeys(); // one a killed start left
	const { r, json } = await n8n.rest('/rest/api-keys', {
		method: 'POST',
		cookie,
		body: { label: API_KEY_LABEL, scopes: ['workflow:read', 'workflow:activate', 'workflow:deactivate'], expiresAt: null },
	});
	const key = json && json.data && json.data.rawApiKey;
	if (!key) throw new Error(`n8n did not make an API key: HTTP ${r.status} ${JSON.stringify(json)}`);
	const api = async (method, pathname, body) => {
		const res = await fetch(`${n8n.baseUrl}/api/v1${pathname}`, {
			method,
			headers: { 'X-N8N-API-KEY': key, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (res.status !== 200 && res.status !== 404) throw new Error(`${method} /api/v1${pathname} -> HTTP ${res.status} ${text}`);
		return res.status === 200 ? JSON.parse(text) : null;
	};
	try {
		return await fn(api);
	} finally {
		await removeKeys();
	}
}

/** The processes of this run, as npm-start.json records them. */
function recordProcesses({ n8n, sink }) {
	record(PROCESSES, [
		{ role: 'npm start', pid: process.pid },
		...(sink ? [{ role: 'MailDev', pid: sink.pid, group: true }] : []),
		...(n8n ? n8n.processes.map((p) => ({ role: `n8n ${p.role}`, pid: p.child.pid, group: true })) : []),
	]);
}

/** The events the workflow's Keyclic Trigger selects: one Keyclic webhook each once registered. */
function selectedEvents(workflow) {
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-keyclic.keyclicTrigger');
	return new Set((trigger && trigger.parameters && trigger.parameters.events) || []).size;
}

/**
 * A workflow whose Keyclic Trigger registers its webhooks in the emulator (Automatic registration): false when it
 * is not published, else true once its webhooks are there. `publishAgain`: n8n published it in an earlier run, and
 * the emulator started empty: publish again, as a user does when Keyclic lost the webhooks.
 */
async function registeredLive(api, n8n, workflow, { publishAgain, hooks }) {
	const stored = await api('GET', `/workflows/${workflow.id}`);
	if (!stored || !stored.active) return false;
	await n8n.waitForWebhook(`${webhookIdOf(workflow)}/webhook`);
	if (publishAgain) {
		await api('POST', `/workflows/${workflow.id}/deactivate`);
		const again = stored.activeVersionId ? { versionId: stored.activeVersionId } : undefined; // 2.x: the published version
		await api('POST', `/workflows/${workflow.id}/activate`, again);
		await n8n.waitForWebhook(`${webhookIdOf(workflow)}/webhook`);
	}
	const expected = selectedEvents(stored);
	await waitUntil(`"${workflow.name}" to register its webhooks`, () => hooks().length >= expected, { timeoutMs: 60000 }).catch(
		async (e) => {
			const why = await n8n.activationError(workflow.id).catch(() => null);
			throw new Error(`${e.message}${why ? `: n8n says ${JSON.stringify(why)}` : ''} (n8n's log: ${path.join(n8n.dir, 'main.log')})`);
		},
	);
	return true;
}

async function main() {
	console.log(`Preparing n8n ${version} (the first run installs it from npm: about 5 minutes)…`);
	await stopPreviousRuns();
	moveSingleFolderLayout();
	fs.mkdirSync(RUN, { recursive: true });
	record(PROCESSES, [{ role: 'npm start', pid: process.pid }]);

	const wanted = Number(process.env.PORT || 5678);
	const port = (await portIsFree(wanted)) ? wanted : undefined;
	if (!port) console.log(`Port ${wanted} is taken by another program: n8n gets a free port instead.`);
	const n8n = await N8n.create({ version, name: path.relative(runsRoot(), RUN), keep: true, port, log: (m) => console.log(m) });
	// the local Keyclic API (in memory, 127.0.0.1): Automatic registration and `send-event -- --keyclic`
	// with two sample reports; the first has two photos and a PDF, so a Keyclic node shows binary output at once
	const emu = await createEmulator({ port: (await portIsFree(8090)) ? 8090 : 0, seedSampleData: true });
	const sample = [...emu.state.reports].find((r) => emu.photos('report', r.id).length > 0);
	// the SMTP sink the photo alert example sends to (MailDev, free ports, its web inbox printed below)
	const sink = await startSmtpSink({ dir: path.join(RUN, 'maildev'), detached: true });
	recordProcesses({ sink });

	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n…');
		await n8n.stop();
		await sink.stop();
		await emu.close();
		fs.rmSync(PROCESSES, { force: true });
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	n8n.importCredentials([
		{
			id: 'keyclicApiDemo01',
			name: 'Keyclic API (local emulator)',
			type: 'keyclicApi',
			data: {
				login: 'demo@keyclic.example',
				password: 'demo-password',
				applicationKey: 'com.keyclic.app',
				baseUrl: emu.url, // its port may change from one run to the next
				language: 'fr-FR',
			},
		},
		...alertCredentials({ emulatorUrl: emu.url, smtp: sink.smtp }), // the ports may change from one run to the next
	]);

	let connection = readJson(CONNECTION);
	const firstRun = !connection || !connection.token;
	if (firstRun) {
		const token = crypto.randomBytes(24).toString('hex');
		n8n.importCredentials([secretCredential(token)]);
		n8n.importWorkflows([EXAMPLE, AUTOMATIC]);
		n8n.activate(EXAMPLE.id, AUTOMATIC.id);
		connection = { version, token, workflowId: EXAMPLE.id, webhookId: webhookIdOf(EXAMPLE) };
		writeJson(CONNECTION, connection);
	}
	const alertJustImported = !connection.alertImported;
	if (alertJustImported) {
		// first run, or a run folder from before the photo alert example: import and publish it once
		n8n.importWorkflows([ALERT]);
		n8n.activate(ALERT.id);
		connection = { ...connection, alertImported: true };
		writeJson(CONNECTION, connection);
	}

	try {
		// start() also sets the owner up: the editor login printed below works from now on
		await n8n.start();
	} finally {
		recordProcesses({ n8n, sink });
	}
	const hooksOf = (wf) => emu.state.webhooks.filter((h) => h.payloadUrl.includes(webhookIdOf(wf)));
	const { basicLive, automaticLive, alertLive } = await withPublicApi(n8n, async (api) => {
		const basic = await api('GET', `/workflows/${connection.workflowId}`);
		if (basic && basic.active) await n8n.waitForWebhook(`${connection.webhookId}/webhook`);
		return {
			basicLive: Boolean(basic && basic.active),
			automaticLive: await registeredLive(api, n8n, AUTOMATIC, { publishAgain: !firstRun, hooks: () => hooksOf(AUTOMATIC) }),
			alertLive: await registeredLive(api, n8n, ALERT, { publishAgain: !alertJustImported, hooks: () => hooksOf(ALERT) }),
		};
	});

	const url = n8n.webhookUrl(connection.webhookId, { query: `?token=${connection.token}` });
	connection = {
		...connection,
		url,
		editor: n8n.baseUrl,
		emulator: emu.url,
		fileHost: emu.fileHost.url,
		inbox: sink.inboxUrl,
		organization: DEMO_ORGANIZATION,
		run: RUN,
	};
	writeJson(CONNECTION, connection);
	writeJson(LAST, connection);
	const unpublished = (name) => `"${name}" is not published: publish it in the editor to use it`;
	console.log(`
n8n ${version} is running with the Keyclic Trigger (log: ${path.join(n8n.dir, 'main.log')})

  Editor:          ${n8n.baseUrl}   (log in as ${OWNER.email} / ${OWNER.password})
  ${basicLive ? `Live workflow:   "${EXAMPLE.name}"  ${n8n.baseUrl}/workflow/${connection.workflowId}` : unpublished(EXAMPLE.name)}
  Production URL:  ${url}
                   (this is the URL, secret included, that Keyclic must call)

  Fire a sample event:   npm run send-event -- report_created
  List the samples:      npm run send-event -- --list

  Local Keyclic emulator: ${emu.url}  (demo@keyclic.example / demo-password)
  Its file host:          ${emu.fileHost.url}  (serves the photos' bytes: an assumption, see docs/keyclic-node.md)
  Sample report:          ${sample ? sample.id : '(none)'}  (two photos and a PDF: try a Keyclic node, Report → Get Photos)
  ${
		automaticLive
			? `Second workflow:        "${AUTOMATIC.name}" registered ${hooksOf(AUTOMATIC).length} webhooks there itself${firstRun ? '' : ' (published again: the emulator starts empty)'}.`
			: unpublished(AUTOMATIC.name)
	}
  ${
		alertLive
			? `Photo alert workflow:   "${ALERT.name}" registered ${hooksOf(ALERT).length} webhook there${alertJustImported ? '' : ' (published again)'}: it e-mails each new report with its photos.`
			: unpublished(ALERT.name)
	}
  Inbox (MailDev):        ${sink.inboxUrl}  (SMTP on ${sink.smtp.host}:${sink.smtp.port})
  ${
		automaticLive || alertLive
			? 'Create a report with two photos in the emulator and watch them run:   npm run send-event -- --keyclic'
			: ''
	}

Ctrl-C stops n8n and MailDev; your workflows, executions and e-mails are kept in ${RUN}.`);
}

main().catch((e) => {
	if (stopping) return; // Ctrl-C while starting: stop() exits
	console.error(e.message);
	process.exit(1);
});
