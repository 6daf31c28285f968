'use strict';
// Workflows the suites import: the example users get (examples/keyclic-basic.json) and variants of it.
const path = require('node:path');
const { ROOT } = require('./package');

const EXAMPLE = require(path.join(ROOT, 'examples', 'keyclic-basic.json'));
// the warehouse example (Keyclic → PostgreSQL) and its tables, for the queue and fault suites
const WAREHOUSE = require(path.join(ROOT, 'examples', 'keyclic-to-postgres.json'));
const WAREHOUSE_SQL = path.join(ROOT, 'examples', 'keyclic-warehouse.sql');
const TRIGGER = 'Keyclic Trigger';
const POLLING_TRIGGER_TYPE = 'n8n-nodes-keyclic.keyclicPollingTrigger';
const SECRET_CREDENTIAL = { id: 'keyclicSecret001', name: 'Keyclic webhook secret', type: 'keyclicWebhookSecretApi' };

function clone(value) {
	return JSON.parse(JSON.stringify(value));
}

/**
 * The warehouse example with its Keyclic Polling Trigger disabled: the webhook path alone, for the suites that
 * count webhook executions and have no Keyclic API to poll (test/queue/catchup.test.js runs both triggers).
 */
function warehouseWebhookOnly() {
	const wf = clone(WAREHOUSE);
	wf.nodes.find((node) => node.type === POLLING_TRIGGER_TYPE).disabled = true;
	return wf;
}

/**
 * The example workflow, optionally with another id/webhookId/name, trigger parameters and trigger
 * typeVersion. `index` makes ids unique: keyclicExample01 -> keyclicVariant07, webhook …0001 -> …0007.
 */
function exampleWorkflow({ index, name, parameters, typeVersion } = {}) {
	const wf = clone(EXAMPLE);
	if (index !== undefined) {
		const n = String(index).padStart(2, '0');
		wf.id = `keyclicVariant${n}`;
		wf.name = name || `${wf.name} (variant ${n})`;
		const trigger = wf.nodes.find((node) => node.name === TRIGGER);
		trigger.webhookId = trigger.webhookId.replace(/\d{4}$/, String(index).padStart(4, '0'));
	}
	const trigger = wf.nodes.find((node) => node.name === TRIGGER);
	Object.assign(trigger.parameters, parameters || {});
	if (typeVersion !== undefined) trigger.typeVersion = typeVersion;
	if (trigger.parameters.authentication === 'none') delete trigger.credentials;
	return wf;
}

/**
 * A Keyclic Trigger node as the editor saves it: `events`, secret token (the SECRET_CREDENTIAL) unless
 * `authentication` is 'none', the node's current typeVersion unless told.
 */
function keyclicTriggerNode({ webhookId, events, authentication = 'urlToken', typeVersion = 2, name = TRIGGER }) {
	const node = {
		id: 'e0000000-0000-4000-8000-000000000001',
		name,
		type: 'n8n-nodes-keyclic.keyclicTrigger',
		typeVersion,
		position: [0, 0],
		webhookId,
		parameters: { authentication, events, options: {} },
		credentials: { keyclicWebhookSecretApi: { id: SECRET_CREDENTIAL.id, name: SECRET_CREDENTIAL.name } },
	};
	if (authentication === 'none') delete node.credentials;
	return node;
}

/** trigger → downstream, an inactive workflow ready for import. */
function chainWorkflow(id, name, trigger, downstream) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [trigger, downstream],
		connections: { [trigger.name]: { main: [[{ node: downstream.name, type: 'main', index: 0 }]] } },
		pinData: {},
	};
}

function webhookIdOf(wf) {
	return wf.nodes.find((node) => node.name === TRIGGER).webhookId;
}

function secretCredential(token) {
	return { ...SECRET_CREDENTIAL, data: { token } };
}

module.exports = {
	EXAMPLE,
	WAREHOUSE,
	warehouseWebhookOnly,
	WAREHOUSE_SQL,
	TRIGGER,
	exampleWorkflow,
	keyclicTriggerNode,
	chainWorkflow,
	webhookIdOf,
	secretCredential,
};
