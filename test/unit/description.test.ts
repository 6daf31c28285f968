// Node description sanity and webhook lifecycle.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { KeyclicTrigger } from '../../nodes/KeyclicTrigger/KeyclicTrigger.node';
import { createHookContext } from './helpers/context';

const node = new KeyclicTrigger();
const { description } = node;

function property(name: string): INodeProperties {
	const found = description.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

describe('node description', () => {
	it('is the keyclicTrigger trigger node, versions 1 and 2 (2 for new nodes), no inputs, one main output', () => {
		expect(description.name).toBe('keyclicTrigger');
		expect(description.displayName).toBe('Keyclic Trigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
	});

	it('has exactly one POST webhook answered on receipt', () => {
		expect(description.webhooks).toHaveLength(1);
		expect(description.webhooks?.[0]).toMatchObject({ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' });
	});

	it('events: multiOptions defaulting to the five canonical names, one option each', () => {
		const events = property('events');
		expect(events.type).toBe('multiOptions');
		expect(events.default).toEqual([
			'report_created',
			'report_state_changed',
			'operation_created',
			'operation_state_changed',
			'operation_removed',
		]);
		expect((events.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(events.default);
	});

	it('authentication defaults to urlToken, options.outputRaw and options.acceptUnknownEvents to false', () => {
		const authentication = property('authentication');
		expect(authentication.default).toBe('urlToken');
		expect((authentication.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['urlToken', 'none']);
		const options = property('options');
		expect(options.default).toEqual({});
		expect(options.options).toEqual([
			expect.objectContaining({ name: 'acceptUnknownEvents', type: 'boolean', default: false }),
			expect.objectContaining({ name: 'outputRaw', type: 'boolean', default: false }),
		]);
	});

	it('the secret-token credential is required, tested, and only asked for with urlToken authentication', () => {
		const secret = description.credentials?.filter((credential) => credential.name === 'keyclicWebhookSecretApi') ?? [];
		expect(secret).toHaveLength(1);
		expect(secret[0]).toMatchObject({ required: true, testedBy: 'keyclicWebhookSecretTest' });
		expect(secret[0].displayOptions?.show?.authentication).toEqual(['urlToken']);
	});

	it('the webhook methods and credential test referenced by the description exist', () => {
		expect(typeof node.webhook).toBe('function');
		expect(Object.keys(node.webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
		expect(typeof node.methods.credentialTest.keyclicWebhookSecretTest).toBe('function');
	});
});

describe('webhook lifecycle with the default parameters (nothing to register remotely)', () => {
	it.each(['checkExists', 'create', 'delete'] as const)('%s returns true', async (method) => {
		await expect(node.webhookMethods.default[method].call(createHookContext())).resolves.toBe(true);
	});
});
