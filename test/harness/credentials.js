'use strict';
// Credentials the suites import into n8n.
const { WAREHOUSE } = require('./workflows');

const WAREHOUSE_CREDENTIAL = WAREHOUSE.nodes.find((n) => n.name === 'Upsert report').credentials.postgres;

/** A "Keyclic API" credential logging in as the emulator's demo user at `baseUrl`. */
function emulatorApiCredential({ id, name }, baseUrl) {
	return {
		id,
		name,
		type: 'keyclicApi',
		data: { login: 'demo@keyclic.example', password: 'demo-password', applicationKey: 'com.keyclic.app', baseUrl, language: 'fr-FR' },
	};
}

/**
 * The warehouse example's "Postgres" credential (its id and name) on the suite's PostgreSQL `pg` (host, port, user:
 * test/harness/services.js), database `warehouse`; `data` adds to it (n8n's pool size: maxConnections).
 */
function warehouseCredential(pg, data = {}) {
	return {
		...WAREHOUSE_CREDENTIAL,
		type: 'postgres',
		data: {
			host: pg.host,
			port: pg.port,
			database: 'warehouse',
			user: pg.user,
			password: '',
			ssl: 'disable',
			allowUnauthorizedCerts: false,
			...data,
		},
	};
}

module.exports = { emulatorApiCredential, warehouseCredential };
