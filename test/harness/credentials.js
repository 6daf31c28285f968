'use strict';
// Credentials the suites import into n8n.

/** A "Keyclic API" credential logging in as the emulator's demo user at `baseUrl`. */
function emulatorApiCredential({ id, name }, baseUrl) {
	return {
		id,
		name,
		type: 'keyclicApi',
		data: { login: 'demo@keyclic.example', password: 'demo-password', applicationKey: 'com.keyclic.app', baseUrl, language: 'fr-FR' },
	};
}

module.exports = { emulatorApiCredential };
