'use strict';
// A local SMTP sink for the e-mail examples: MailDev (the dev dependency `maildev`) as a child process, its
// SMTP server and its web inbox both on 127.0.0.1, free ports, its mail folder inside the given run folder.
// Received messages and their attachments are read through MailDev's REST API.
//
//   const sink = await startSmtpSink({ dir: runFolder });
//   sink.smtp      // { host: '127.0.0.1', port }: what an SMTP credential points at
//   sink.inboxUrl  // the web inbox (http://127.0.0.1:<port>/)
//   const [mail] = await sink.waitForMessages(1);   // each attachment with its bytes' SHA-256
//   await sink.stop();
//
// MailDev is an ES module: it runs as a child (Node's own binary), which jest's CommonJS world can start too.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { freePort, portOpen } = require('../harness/ports');
const { waitUntil } = require('../harness/wait');

const HOST = '127.0.0.1';

/** MailDev's command line script (its package exports no package.json to resolve: look for it on the module paths). */
function maildevBin() {
	for (const dir of module.paths) {
		const pkg = path.join(dir, 'maildev', 'package.json');
		if (!fs.existsSync(pkg)) continue;
		const { bin } = JSON.parse(fs.readFileSync(pkg, 'utf8'));
		return path.join(dir, 'maildev', typeof bin === 'string' ? bin : bin.maildev);
	}
	throw new Error('the dev dependency maildev is not installed: run npm install');
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/**
 * Starts MailDev. `dir`: the run folder (its mail goes to <dir>/mail, its log to <dir>/maildev.log);
 * `smtpPort`/`webPort`: fixed ports (default: free ones); `maxMessageSize` in bytes (MailDev's default: 50 MiB).
 */
async function startSmtpSink({ dir, smtpPort, webPort, maxMessageSize, detached = false } = {}) {
	if (!dir) throw new TypeError('startSmtpSink needs the run folder (dir)');
	const mailDir = path.join(dir, 'mail');
	fs.mkdirSync(mailDir, { recursive: true });
	const ports = { smtp: smtpPort || (await freePort()), web: webPort || (await freePort()) };
	const logPath = path.join(dir, 'maildev.log');
	const log = fs.openSync(logPath, 'a');
	const args = [maildevBin(), '--smtp', String(ports.smtp), '--web', String(ports.web), '--ip', HOST, '--web-ip', HOST];
	args.push('--mail-directory', mailDir);
	if (maxMessageSize !== undefined) args.push('--max-message-size', String(maxMessageSize));
	// cwd: the run folder, so a run's leftovers can also be found by their working directory
	const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', log, log], detached });
	fs.closeSync(log);
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	let gone = null;
	exited.then((e) => (gone = e));

	const webUrl = `http://${HOST}:${ports.web}`;
	const api = async (pathname) => {
		const r = await fetch(`${webUrl}/api${pathname}`);
		if (!r.ok) throw new Error(`MailDev GET /api${pathname} -> HTTP ${r.status} ${await r.text()}`);
		return r;
	};
	const assertRunning = () => {
		if (gone)
			throw new Error(
				`MailDev exited (${gone.code ?? gone.signal}); its log: ${logPath}\n${fs.readFileSync(logPath, 'utf8').slice(-2000)}`,
			);
	};
	await waitUntil(
		'MailDev to answer',
		async () => {
			const r = await fetch(`${webUrl}/api/healthz`);
			if (!r.ok) return false;
			// the SMTP server listens once the web API answers (MailDev starts it first): prove it
			return portOpen(ports.smtp, HOST);
		},
		{ timeoutMs: 60000, onPoll: assertRunning },
	);

	/** Every message received, oldest first: { id, subject, from, to, text, html, attachments: [{ fileName, contentType, contentId, size, sha256, bytes }] }. */
	async function messages() {
		const list = await (await api('/email?sort=asc')).json();
		const out = [];
		for (const m of list) {
			const attachments = [];
			for (const a of m.attachments || []) {
				const bytes = Buffer.from(await (await api(`/email/${m.id}/attachment/${encodeURIComponent(a.generatedFileName)}`)).arrayBuffer());
				attachments.push({
					fileName: a.filename,
					contentType: a.contentType,
					contentId: a.contentId || null,
					size: bytes.length,
					sha256: sha256(bytes),
					bytes,
				});
			}
			out.push({
				id: m.id,
				subject: m.subject,
				from: (m.from || []).map((a) => a.address),
				to: (m.to || []).map((a) => a.address),
				text: m.text || '',
				html: m.html || '',
				attachments,
			});
		}
		return out;
	}

	/** Resolves once at least `n` messages arrived (a condition, polled): all of them. */
	async function waitForMessages(n, { timeoutMs = 120000, match = () => true } = {}) {
		return waitUntil(
			`${n} e-mail(s) in MailDev`,
			async () => {
				const list = await (await api('/email')).json();
				if (list.filter((m) => match(m)).length < n) return null;
				return (await messages()).filter((m) => match(m));
			},
			{ timeoutMs, intervalMs: 500, onPoll: assertRunning },
		);
	}

	async function clear() {
		const r = await fetch(`${webUrl}/api/email/all`, { method: 'DELETE' });
		if (!r.ok) throw new Error(`MailDev DELETE /api/email/all -> HTTP ${r.status}`);
	}

	/** SIGTERM (MailDev shuts down its servers and exits), SIGKILL after 10 s; resolves once it exited. */
	async function stop() {
		if (gone) return gone;
		child.kill('SIGTERM');
		let timer;
		const killed = new Promise((resolve) => {
			timer = setTimeout(() => {
				child.kill('SIGKILL');
				resolve();
			}, 10000);
		});
		await Promise.race([exited, killed]);
		clearTimeout(timer);
		return exited;
	}

	return {
		pid: child.pid,
		child,
		smtp: { host: HOST, port: ports.smtp },
		webUrl,
		inboxUrl: `${webUrl}/`,
		mailDir,
		logPath,
		exited,
		messages,
		waitForMessages,
		clear,
		stop,
	};
}

/** An n8n "SMTP" credential (n8n-nodes-base) that sends to the sink: no login, no TLS (MailDev's plain SMTP). */
function smtpCredential({ id, name }, smtp) {
	return {
		id,
		name,
		type: 'smtp',
		data: { user: '', password: '', host: smtp.host, port: smtp.port, secure: false, disableStartTls: true },
	};
}

module.exports = { startSmtpSink, smtpCredential, sha256 };
