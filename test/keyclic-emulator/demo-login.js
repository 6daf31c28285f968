'use strict';
// For scripts that talk to a running emulator over HTTP (send-event, the run command's smoke test): log in as the
// demo user and get the headers of an authenticated call.
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

module.exports = { demoHeaders };
