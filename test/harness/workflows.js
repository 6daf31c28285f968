'use strict';
// Workflows the suites import: the example users get (examples/keyclic-basic.json) and variants of it.
const path = require('node:path');
const { ROOT } = require('./package');

const EXAMPLE = require(path.join(ROOT, 'examples', 'keyclic-basic.json'));
const TRIGGER = 'Keyclic Trigger';
const SECRET_CREDENTIAL = { id: 'keyclicSecret001', name: 'Keyclic webhook secret', type: 'keyclicWebhookSecretApi' };

function clone(value) {
	return JSON.parse(JSON.stringify(value));
}

/**
 * The example workflow, optionally with another id/webhookId/name and trigger parameters.
 * `index` makes ids unique: keyclicExample01 -> keyclicVariant07, webhook …0001 -> …0007.
 */
function exampleWorkflow({ index, name, parameters } = {}) {
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
	if (trigger.parameters.authentication === 'none') delete trigger.credentials;
	return wf;
}

function webhookIdOf(wf) {
	return wf.nodes.find((node) => node.name === TRIGGER).webhookId;
}

function secretCredential(token) {
	return { ...SECRET_CREDENTIAL, data: { token } };
}

module.exports = { EXAMPLE, TRIGGER, exampleWorkflow, webhookIdOf, secretCredential };
