// Automatic registration against the Keyclic emulator of each era (in process, real HTTP): the legacy API (s20) lets
// n8n manage webhooks; the 2022+ API (s25) has no webhook routes, and activation fails saying Manual registration is
// the way.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeParameters } from 'n8n-workflow';

import { KeyclicTrigger } from '../../nodes/KeyclicTrigger/KeyclicTrigger.node';
import { defaultParameters, storedCredentials } from './helpers/context';
import { emulatorHttp, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { hookContext } from './helpers/n8n';

const WEBHOOK_ID = 'era-test-hook';
const WEBHOOK_BASE_URL = 'http://127.0.0.1:5678/webhook';

function trigger(emu: Emulator, organization: string, staticData: IDataObject = {}): IHookFunctions {
	const parameters = {
		...defaultParameters(),
		registration: 'automatic',
		organization: { __rl: true, mode: 'id', value: organization },
	} as INodeParameters;
	return hookContext({
		nodeType: new KeyclicTrigger(),
		parameters,
		credentials: storedCredentials({
			login: emu.seed.user.login,
			password: emu.seed.user.password,
			applicationKey: 'com.keyclic.app',
			baseUrl: emu.url,
			language: 'fr-FR',
			accessToken: emu.issueToken(),
		}),
		staticData,
		webhookId: WEBHOOK_ID,
		webhookBaseUrl: WEBHOOK_BASE_URL,
		http: emulatorHttp(),
	}).context;
}

const call = async (context: IHookFunctions, method: 'checkExists' | 'create' | 'delete') =>
	await new KeyclicTrigger().webhookMethods.default[method].call(context);

describe('Automatic registration, legacy Keyclic API (emulator era legacy, s20)', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator();
	});
	afterAll(async () => await emu.close());

	it('creates one webhook per event on Keyclic, finds them again, and removes them', async () => {
		const staticData: IDataObject = {};
		const context = trigger(emu, emu.seed.organizations[0].id, staticData);
		await expect(call(context, 'checkExists')).resolves.toBe(false);
		await expect(call(context, 'create')).resolves.toBe(true);
		const ours = emu.state.webhooks;
		expect(ours.map((w) => w.event).sort()).toEqual(
			['operationCreated', 'operationRemoved', 'operationStateChanged', 'reportCreated', 'reportStateChanged'].sort(),
		);
		expect(ours.every((w) => w.payloadUrl === `${WEBHOOK_BASE_URL}/${WEBHOOK_ID}/webhook?token=${String(staticData.webhookToken)}`)).toBe(
			true,
		);
		await expect(call(context, 'checkExists')).resolves.toBe(true);
		await expect(call(context, 'delete')).resolves.toBe(true);
		expect(emu.state.webhooks).toEqual([]);
	});
});

describe('Automatic registration, 2022+ Keyclic API without webhook management (emulator era 2025, s25)', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra: '2025' });
	});
	afterAll(async () => await emu.close());

	const noWebhooks = async (promise: Promise<unknown>) => {
		const error = await promise.then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		const { message, description } = error as NodeOperationError;
		expect(message).toBe('This Keyclic API does not let n8n create webhooks');
		expect(description).toMatch(/webhooks are created by Keyclic on request/);
		expect(description).toMatch(/Set Registration to Manual/);
	};

	it('activation (checkExists, then create) fails with a message that points at Manual registration', async () => {
		const context = trigger(emu, emu.seed.organizations[0].id, {
			webhookToken: 'a'.repeat(64),
			organization: emu.seed.organizations[0].id,
		});
		await noWebhooks(call(context, 'checkExists'));
		await noWebhooks(call(trigger(emu, emu.seed.organizations[0].id), 'create'));
		expect(emu.state.webhooks).toEqual([]);
	});

	it('a 404 for an organization that is not there stays that error', async () => {
		const unknown = '0d3c2b1a-9f8e-4d7c-a6b5-4c3d2e1f0a9b';
		const error = await call(trigger(emu, unknown), 'create').then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/^Could not list the webhooks of Keyclic organization/);
		expect((error as NodeApiError).httpCode).toBe('404');
	});
});
