'use strict';
// The demo mode of the local n8n (`npm start`, scripts/start.js): the package built and installed as Community
// Nodes installs it, the local Keyclic emulator (its file host serves the photos), a local SMTP sink (MailDev,
// its web inbox printed) and four examples live: the basic one (Manual registration, a secret URL), the same
// workflow in Automatic registration against the emulator, the photo alert (examples/keyclic-alert-with-photos.json)
// and, when Dovecot is installed, the e-mail intake with its own throwaway mailbox (scripts/local/demo-mail.js).
//
// The emulator keeps its data in memory: it starts empty, without the webhooks the Automatic examples registered,
// and n8n does not register them again at start for a workflow it already published (its webhooks are stored in
// its database). So each start re-publishes those workflows (unpublish, publish: n8n's public API), which
// registers their webhooks again: what a Keyclic user does when Keyclic lost the webhooks n8n believes registered
// (docs/keyclic-trigger.md).
// MailDev and Dovecot run detached (recorded with n8n; MailDev's mail is kept in the run folder's maildev/).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { createEmulator } = require('../../test/keyclic-emulator');
const { OWNER, waitUntil } = require('../../test/harness/n8n');
const { portIsFree } = require('../../test/harness/ports');
const { EXAMPLE, exampleWorkflow, webhookIdOf, secretCredential } = require('../../test/harness/workflows');
const { startSmtpSink } = require('../../test/support/smtp-sink');
const { ALERT, alertCredentials } = require('../../test/support/alert-with-photos');
const { readJson, writeJson } = require('./run-folders');
const { prepareMailIntake, mailIntakeState, mailIntakeBanner } = require('./demo-mail');

// The second example: the same workflow in Automatic registration against the local Keyclic emulator.
const DEMO_ORGANIZATION = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const AUTOMATIC = exampleWorkflow({
	index: 90,
	name: 'Keyclic (Automatic registration, local emulator)',
	parameters: { registration: 'automatic', organization: { __rl: true, mode: 'id', value: DEMO_ORGANIZATION } },
});
AUTOMATIC.nodes[0].credentials = { keyclicApi: { id: 'keyclicApiDemo01', name: 'Keyclic API (local emulator)' } };
AUTOMATIC.id = 'keyclicAutoDemo1';
const API_KEY_LABEL = 'npm start (re-publish)';

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

/**
 * The demo mode: { installPackage, prepare(n8n, ctx), ready(n8n) }. `prepare` runs before n8n starts (services,
 * credentials, first-run import), `ready` after (re-publish, connection file, the banner's lines).
 */
function demoMode({ lastConnection }) {
	let emu;
	let sink;
	let mailbox;
	let mailJustImported;
	let sample;
	let connection;
	let firstRun;
	let alertJustImported;
	let connectionFile;

	return {
		installPackage: true,
		env: {},

		async prepare(n8n, { onStop }) {
			connectionFile = path.join(n8n.dir, 'connection.json');
			// the local Keyclic API (in memory, 127.0.0.1): Automatic registration and `send-event -- --keyclic`
			// with two sample reports; the first has two photos and a PDF, so a Keyclic node shows binary output at once
			emu = await createEmulator({ port: (await portIsFree(8090)) ? 8090 : 0, seedSampleData: true });
			onStop(() => emu.close());
			sample = [...emu.state.reports].find((r) => emu.photos('report', r.id).length > 0);
			// the SMTP sink the photo alert example sends to (MailDev, free ports, its web inbox printed below)
			sink = await startSmtpSink({ dir: path.join(n8n.dir, 'maildev'), detached: true });
			onStop(() => sink.stop());

			connection = readJson(connectionFile) || {};
			firstRun = !connection.token;
			// alertImported: a run folder from before the photo alert example imports and publishes it once
			alertJustImported = !connection.alertImported;
			// the e-mail example's mailbox (Dovecot, when installed; a new port and password each run)
			const mail = await prepareMailIntake({ emulatorUrl: emu.url, connection, onStop });
			mailbox = mail.mailbox;
			mailJustImported = mail.workflows.length > 0;
			const token = firstRun ? crypto.randomBytes(24).toString('hex') : connection.token;

			// one CLI call for the credentials, one for the workflows: each n8n CLI call costs seconds of boot
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
				...mail.credentials,
				...(firstRun ? [secretCredential(token)] : []),
			]);
			const workflows = [...(firstRun ? [EXAMPLE, AUTOMATIC] : []), ...(alertJustImported ? [ALERT] : []), ...mail.workflows];
			if (workflows.length) {
				n8n.importWorkflows(workflows);
				n8n.activate(...workflows.map((wf) => wf.id));
			}
			if (firstRun) connection = { version: n8n.version, token, workflowId: EXAMPLE.id, webhookId: webhookIdOf(EXAMPLE) };
			connection = { ...connection, ...mail.connection, alertImported: true };
			writeJson(connectionFile, connection);
			return [{ role: 'MailDev', pid: sink.pid, group: true }, ...mail.helpers];
		},

		async ready(n8n) {
			const hooksOf = (wf) => emu.state.webhooks.filter((h) => h.payloadUrl.includes(webhookIdOf(wf)));
			const { basicLive, automaticLive, alertLive, mailState } = await withPublicApi(n8n, async (api) => {
				const basic = await api('GET', `/workflows/${connection.workflowId}`);
				if (basic && basic.active) await n8n.waitForWebhook(`${connection.webhookId}/webhook`);
				return {
					basicLive: Boolean(basic && basic.active),
					automaticLive: await registeredLive(api, n8n, AUTOMATIC, { publishAgain: !firstRun, hooks: () => hooksOf(AUTOMATIC) }),
					alertLive: await registeredLive(api, n8n, ALERT, { publishAgain: !alertJustImported, hooks: () => hooksOf(ALERT) }),
					mailState: mailbox ? await mailIntakeState(n8n, api, mailbox, { publishAgain: !mailJustImported }) : null,
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
				run: n8n.dir,
			};
			writeJson(connectionFile, connection);
			writeJson(lastConnection, connection);
			const unpublished = (name) => `"${name}" is not published: publish it in the editor to use it`;
			return `
n8n ${n8n.version} is running with the Keyclic Trigger (log: ${path.join(n8n.dir, 'main.log')})

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
  ${mailIntakeBanner({ mailbox, state: mailState, publishedEarlier: Boolean(connection.mailImported), n8nLog: path.join(n8n.dir, 'main.log') })}
  ${
		automaticLive || alertLive
			? 'Create a report with two photos in the emulator and watch them run:   npm run send-event -- --keyclic'
			: ''
	}

Ctrl-C stops n8n${mailbox ? ', MailDev and Dovecot' : ' and MailDev'}; your workflows, executions and e-mails are kept in ${n8n.dir}.`;
		},
	};
}

module.exports = { demoMode, DEMO_ORGANIZATION };
