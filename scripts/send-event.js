#!/usr/bin/env node
'use strict';
// Posts a sample Keyclic notification to the Keyclic Trigger started by `npm start` (or to --url).
//   npm run send-event -- report_created                 # examples/events/report_created.json
//   npm run send-event -- operation_state_changed.v2025-shape --new-id
//   npm run send-event -- ./my-notification.json --url 'http://127.0.0.1:5678/webhook/…/webhook?token=…'
//   npm run send-event -- --list
//   KEYCLIC_N8N_VERSION=1.123.81 npm run send-event -- report_created   # to that version's npm start
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { connectionFile, lastConnectionFile } = require('./local/run-folders');
const { SAMPLE_PHOTOS } = require('../test/keyclic-emulator/files/samples');
const { demoHeaders } = require('../test/keyclic-emulator/demo-login');

const ROOT = path.resolve(__dirname, '..');
const EVENTS = path.join(ROOT, 'examples', 'events');
// the n8n of the last `npm start`, or of KEYCLIC_N8N_VERSION's (one run folder per n8n version)
const CONNECTION = process.env.KEYCLIC_N8N_VERSION ? connectionFile(process.env.KEYCLIC_N8N_VERSION) : lastConnectionFile();

function usage(message) {
	if (message) console.error(message);
	console.error('usage: npm run send-event -- <sample name | file.json> [--url <webhook URL>] [--new-id]   (--list shows the samples)');
	process.exit(2);
}

const args = process.argv.slice(2);

/**
 * --keyclic: create a report with two photos in the local emulator started by `npm start` (its emulator-only
 * POST /reports takes them along: they are there when it notifies); Keyclic notifies n8n itself.
 */
async function createReportInEmulator() {
	if (!fs.existsSync(CONNECTION)) usage('n8n is not running from `npm start` here');
	const { emulator, organization, inbox } = JSON.parse(fs.readFileSync(CONNECTION, 'utf8'));
	const headers = await demoHeaders(emulator);
	const report = await fetch(`${emulator}/reports`, {
		method: 'POST',
		headers,
		body: JSON.stringify({
			organization,
			description: `Demo report ${new Date().toISOString()}`,
			photos: SAMPLE_PHOTOS.map((p) => ({ name: p.name, contentType: p.contentType, content: p.bytes.toString('base64') })),
		}),
	}).then((r) => r.json());
	if (!report.id) throw new Error(`the emulator refused the report: ${JSON.stringify(report)}`);
	console.log(
		`Created report ${report.id} (${report.reference}, ${SAMPLE_PHOTOS.length} photos) in the Keyclic emulator (${emulator}): it notifies n8n (reportCreated).`,
	);
	console.log('Open the editor: the workflow "Keyclic (Automatic registration, local emulator)" has a new execution.');
	if (inbox) console.log(`The photo alert e-mail, with both photos, arrives in the inbox: ${inbox}`);
}

if (args.includes('--keyclic')) {
	createReportInEmulator().catch((e) => {
		console.error(`could not create a report in the emulator: ${e.message}`);
		process.exit(1);
	});
} else {
	sendSample();
}

function sendSample() {
	if (args.includes('--list')) {
		for (const f of fs.readdirSync(EVENTS).sort()) console.log(f.replace(/\.json$/, ''));
		process.exit(0);
	}
	const flag = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args.splice(i, 2)[1] : undefined;
	};
	const newId = args.includes('--new-id') ? args.splice(args.indexOf('--new-id'), 1) && true : false;
	let url = flag('--url');
	const [which = 'report_created'] = args;

	const file = fs.existsSync(which) ? which : path.join(EVENTS, `${which.replace(/\.json$/, '')}.json`);
	if (!fs.existsSync(file)) usage(`no sample named "${which}" (see --list)`);
	if (!url) {
		if (!fs.existsSync(CONNECTION)) usage('n8n is not running from `npm start` here: start it, or give --url');
		url = JSON.parse(fs.readFileSync(CONNECTION, 'utf8')).url;
		if (!url) usage('`npm start` has not printed its Production URL yet: wait for it, or give --url');
	}
	if (!/^https?:\/\//.test(url)) usage(`not an http(s) URL: ${url}`);

	const body = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (newId && body.payload) {
		const old = body.payload.id;
		const fresh = crypto.randomUUID();
		Object.assign(body, JSON.parse(JSON.stringify(body).split(old).join(fresh)));
	}

	fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
		.then(async (r) => {
			console.log(
				`POST ${url.replace(/token=[^&]+/, 'token=…')}\n${body.event} ${body.payload && body.payload.id} → HTTP ${r.status} ${await r.text()}`,
			);
			process.exit(r.ok ? 0 : 1);
		})
		.catch((e) => {
			console.error(`could not reach ${url.replace(/token=[^&]+/, 'token=…')}: ${e.message}`);
			process.exit(1);
		});
}
