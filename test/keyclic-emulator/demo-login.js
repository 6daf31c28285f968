'use strict';
// For scripts that talk to a running emulator over HTTP (send-event, the run command's smoke test): log in as the
// demo user and get the headers of an authenticated call; read a report's photos.
const crypto = require('node:crypto');

const { APP_KEYS, DEMO_USER } = require('./seed');

/** Headers of an API call to the emulator at `url` as the demo user (app key, JSON, bearer token). */
async function demoHeaders(url) {
	const headers = { 'content-type': 'application/json', 'x-keyclic-app': APP_KEYS[0] };
	const r = await fetch(`${url}/security/login`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ login: DEMO_USER.login, password: DEMO_USER.password }),
	});
	const login = await r.json();
	if (!login.accessToken) throw new Error(`the emulator at ${url} refused the demo login (HTTP ${r.status})`);
	return { ...headers, authorization: `Bearer ${login.accessToken}` };
}

/** The photos of report `reportId` as the emulator at `url` serves them: their bytes' SHA-256, in order. */
async function reportPhotoHashes(url, reportId, headers) {
	const auth = headers || (await demoHeaders(url));
	const report = await fetch(`${url}/reports/${reportId}`, { headers: auth }).then((r) => r.json());
	const feedback = await fetch(`${url}${report._links.feedback.href}`, { headers: auth }).then((r) => r.json());
	const hashes = [];
	for (const link of feedback._links.images || []) {
		const bytes = Buffer.from(await (await fetch(link.href)).arrayBuffer());
		hashes.push(crypto.createHash('sha256').update(bytes).digest('hex'));
	}
	return hashes;
}

module.exports = { demoHeaders, reportPhotoHashes };
