// Automatic registration against the Keyclic emulator (legacy era, s20, the one with webhook routes): checkExists /
// create / delete (registration.ts) and the manual/automatic dispatch of lifecycle.ts. (registration-era.test.ts: the 2025 era.)
import { NodeApiError, NodeOperationError, ObservableObject } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { CANONICAL_EVENTS, EVENT_INFO } from '../../nodes/common/events';
import type { KeyclicEvent } from '../../nodes/common/events';
import { notification, rejectionOf, reportPayload } from './helpers/bodies';
import { runWebhook } from './helpers/context';
import { startEmulator } from './helpers/emulator';
import type { Emulator, EmulatorWebhook, SentRequest } from './helpers/emulator';
import { WEBHOOK_URL, callHook, createKeyclicHookContext, organizationLocator } from './helpers/hookContext';
import type { HookContextOptions, KeyclicHook } from './helpers/hookContext';
import { registrationStateSchema } from '../../nodes/common/staticData';
import { registeredToken } from '../../nodes/KeyclicTrigger/registration/registration';

const TOKEN = '0123456789abcdef'.repeat(4);
const OLD_TOKEN = 'fedcba9876543210'.repeat(4);
const FOREIGN_URL = 'https://n8n.example.com/webhook/other/webhook?token=someone-elses-token';
const HEX_64 = /^[0-9a-f]{64}$/;

let emu: Emulator;
/** The organization the trigger registers in, and another one of the same account. */
let ORGANIZATION_ID: string;
let OTHER_ORGANIZATION: string;
let LIST_PATH: string;
beforeAll(async () => {
	emu = await startEmulator();
	ORGANIZATION_ID = emu.seed.organizations[0].id;
	OTHER_ORGANIZATION = emu.seed.organizations[1].id;
	LIST_PATH = `/organizations/${ORGANIZATION_ID}/webhooks`;
});
beforeEach(async () => await emu.reset());
afterAll(async () => await emu.close());

/** The trigger's hook context on the emulator, registering in ORGANIZATION_ID unless `params` say otherwise. */
const hookOf = (options: Omit<HookContextOptions, 'emu'> = {}): KeyclicHook =>
	createKeyclicHookContext({ emu, ...options, params: { organization: organizationLocator(ORGANIZATION_ID), ...(options.params ?? {}) } });

const ourPayloadUrl = (token: string) => `${WEBHOOK_URL}?token=${token}`;
const apiName = (event: KeyclicEvent) => EVENT_INFO[event].apiName;

/** A webhook made in Keyclic earlier (by us or by someone else). */
const addWebhook = (body: { event: string; payloadUrl: string }) =>
	emu.createWebhook({ organization: ORGANIZATION_ID, ...body }) as IDataObject & { id: string; payloadUrl: string };

/** Puts one webhook of ours per event in Keyclic and the matching state in static data. */
function seed(hook: KeyclicHook, events: readonly KeyclicEvent[] = CANONICAL_EVENTS, token = TOKEN) {
	const hooks = events.map((event) => addWebhook({ event: apiName(event), payloadUrl: ourPayloadUrl(token) }));
	hook.staticData.webhookToken = token;
	hook.staticData.organization = ORGANIZATION_ID;
	hook.staticData.webhookIds = Object.fromEntries(events.map((event, i) => [event, hooks[i].id]));
	return hooks;
}

/** Webhooks of someone else (another URL) in the same organization, for the same events. */
function addForeign(count: number = CANONICAL_EVENTS.length) {
	return Array.from({ length: count }, (_, i) =>
		addWebhook({ event: apiName(CANONICAL_EVENTS[i % CANONICAL_EVENTS.length]), payloadUrl: FOREIGN_URL }),
	);
}

const webhooks = (): EmulatorWebhook[] => emu.state.webhooks;
const removeAll = () => webhooks().forEach((w) => emu.deleteWebhook(w.id));
const calls = (hook: KeyclicHook, method: string, path?: string): SentRequest[] =>
	hook.sent.filter((request) => request.method === method && (path === undefined || request.path === path));

function postedBodies(hook: KeyclicHook): IDataObject[] {
	return calls(hook, 'POST', '/webhooks').map((request) => request.body as IDataObject);
}

/** Ids of the webhooks Keyclic answered the POSTs with. */
const createdIds = (hook: KeyclicHook): string[] =>
	calls(hook, 'POST', '/webhooks')
		.filter((request) => request.answer !== undefined)
		.map((request) => String((request.answer as IDataObject).id));

function deletedIds(hook: KeyclicHook): string[] {
	return calls(hook, 'DELETE').map((request) => decodeURIComponent(request.path.replace('/webhooks/', '')));
}

function oursOnApi(): EmulatorWebhook[] {
	return webhooks().filter((w) => w.payloadUrl.split('?')[0] === WEBHOOK_URL);
}

const ids = (list: Array<{ id: string }>) => list.map((w) => w.id);

describe('checkExists (Automatic registration)', () => {
	it('is false without any request when no token is stored (never activated)', async () => {
		const hook = hookOf();
		addWebhook({ event: 'reportCreated', payloadUrl: ourPayloadUrl(TOKEN) });
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
		expect(hook.sent).toEqual([]);
		expect(hook.credentialRequests).toEqual([]);
	});

	it('is true when Keyclic has exactly one enabled webhook of ours per selected event', async () => {
		const hook = hookOf();
		seed(hook);
		addForeign();
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
		expect(hook.sent).toHaveLength(1);
		const [request] = hook.sent;
		expect(request).toMatchObject({ credentialType: 'keyclicApi', method: 'GET', url: `${emu.url}${LIST_PATH}` });
		expect(request.qs).toEqual({ page: 1, limit: 100 });
	});

	it('accepts the snake_case spelling of the events in Keyclic', async () => {
		const hook = hookOf({ params: { events: ['report_created', 'operation_removed'] } });
		// Keyclic's docs spell the events both ways and its Webhook.event is any string (s20); the emulator's WebhookData
		// takes camelCase only, so the stored events are respelled in its store
		for (const webhook of seed(hook, ['report_created', 'operation_removed'])) {
			const stored = emu.store.webhooks.get(webhook.id);
			if (stored) stored.event = stored.event === 'reportCreated' ? 'report_created' : 'operation_removed';
		}
		expect(webhooks().map((w) => w.event)).toEqual(['report_created', 'operation_removed']);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
	});

	it.each<[string, (hook: KeyclicHook) => void]>([
		['an event has no webhook', (hook) => seed(hook, CANONICAL_EVENTS.slice(0, 4))],
		[
			'a webhook of ours is for an event no longer selected',
			(hook) => {
				seed(hook);
				hook.params.events = CANONICAL_EVENTS.slice(0, 4);
			},
		],
		[
			'a webhook of ours is disabled',
			(hook) => {
				emu.setWebhookEnabled(seed(hook)[2].id, false);
			},
		],
		[
			'an event has two webhooks of ours',
			(hook) => {
				seed(hook);
				addWebhook({ event: 'reportCreated', payloadUrl: ourPayloadUrl(TOKEN) });
			},
		],
		[
			'a webhook of ours carries another token',
			(hook) => {
				emu.updateWebhook(seed(hook)[0].id, { payloadUrl: ourPayloadUrl(OLD_TOKEN) });
			},
		],
		[
			'a webhook of ours has no token at all',
			(hook) => {
				emu.updateWebhook(seed(hook)[1].id, { payloadUrl: WEBHOOK_URL });
			},
		],
		[
			'the static data was registered for another organization',
			(hook) => {
				seed(hook);
				hook.staticData.organization = OTHER_ORGANIZATION;
			},
		],
		[
			'the organization parameter changed since the registration',
			(hook) => {
				seed(hook);
				hook.params.organization = organizationLocator(OTHER_ORGANIZATION);
			},
		],
		[
			'only the stored ids say so: Keyclic has nothing (deleted in Keyclic)',
			(hook) => {
				seed(hook);
				removeAll();
			},
		],
		[
			'only webhooks of another URL exist for these events',
			(hook) => {
				seed(hook);
				removeAll();
				addForeign();
			},
		],
	])('is false when %s', async (_label, arrange) => {
		const hook = hookOf();
		arrange(hook);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
	});

	it('lists ALL pages: 250 webhooks of other URLs, ours on the 3rd page', async () => {
		const hook = hookOf();
		// Keyclic lists the newest first: ours, made before, come after the 250 others
		seed(hook);
		addForeign(250);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
		expect(calls(hook, 'GET', LIST_PATH).map((request) => request.qs)).toEqual([
			{ page: 1, limit: 100 },
			{ page: 2, limit: 100 },
			{ page: 3, limit: 100 },
		]);
	});

	it('sees a missing event even when the other webhooks are spread over several pages', async () => {
		const hook = hookOf();
		addForeign(250);
		const ours = seed(hook);
		emu.deleteWebhook(ours[4].id);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
	});

	it('propagates an API failure as a NodeApiError naming the problem', async () => {
		const hook = hookOf();
		seed(hook);
		await emu.setFault({ errorStatus: { status: 401, paths: LIST_PATH, methods: ['GET'] } });
		const error = await rejectionOf(callHook(hook, 'checkExists'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			`Could not list the webhooks of Keyclic organization ${ORGANIZATION_ID}: Authorization failed - please check your credentials`,
		);
	});
});

describe('create (Automatic registration)', () => {
	it('first activation: one webhook per selected event, camelCase names, our URL + a generated 64-hex token', async () => {
		const hook = hookOf();
		await expect(callHook(hook, 'create')).resolves.toBe(true);

		const token = hook.staticData.webhookToken;
		if (typeof token !== 'string') throw new Error('no token stored');
		expect(token).toMatch(HEX_64);
		expect(postedBodies(hook)).toEqual(
			CANONICAL_EVENTS.map((event) => ({
				event: apiName(event),
				organization: ORGANIZATION_ID,
				payloadUrl: `${WEBHOOK_URL}?token=${token}`,
			})),
		);
		expect(postedBodies(hook).map((body) => body.event)).toEqual([
			'reportCreated',
			'reportStateChanged',
			'operationCreated',
			'operationStateChanged',
			'operationRemoved',
		]);
		expect(hook.staticData.organization).toBe(ORGANIZATION_ID);
		const byEvent = Object.fromEntries(webhooks().map((w) => [w.event, w.id]));
		expect(hook.staticData.webhookIds).toEqual(Object.fromEntries(CANONICAL_EVENTS.map((event) => [event, byEvent[apiName(event)]])));
		expect(calls(hook, 'DELETE')).toEqual([]);
		// it looked before creating, and everything went to the credential's base URL with the credential
		expect(hook.sent[0]).toMatchObject({ method: 'GET', path: LIST_PATH });
		for (const request of hook.sent) {
			expect(request.credentialType).toBe('keyclicApi');
			expect(request.url.startsWith(`${emu.url}/`)).toBe(true);
			expect(request.options.json).toBe(true);
		}
	});

	it('generates a different token for each trigger', async () => {
		const first = hookOf();
		const second = hookOf();
		await callHook(first, 'create');
		await callHook(second, 'create');
		expect(first.staticData.webhookToken).not.toBe(second.staticData.webhookToken);
	});

	it('creates only the selected events', async () => {
		const hook = hookOf({ params: { events: ['operation_removed', 'report_created'] } });
		await callHook(hook, 'create');
		expect(
			postedBodies(hook)
				.map((body) => body.event)
				.sort(),
		).toEqual(['operationRemoved', 'reportCreated']);
		expect(Object.keys(hook.staticData.webhookIds as IDataObject).sort()).toEqual(['operation_removed', 'report_created']);
	});

	it('second call with the same settings creates nothing and keeps token and ids (adopts)', async () => {
		const hook = hookOf();
		await callHook(hook, 'create');
		const before = JSON.parse(JSON.stringify(hook.staticData)) as IDataObject;
		hook.sent.length = 0;
		await expect(callHook(hook, 'create')).resolves.toBe(true);
		expect(hook.sent.map((request) => request.method)).toEqual(['GET']);
		expect(hook.staticData).toEqual(before);
		expect(webhooks()).toHaveLength(5);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
	});

	it('adopts the webhooks of its token when the stored ids were lost', async () => {
		const hook = hookOf();
		const existing = seed(hook);
		delete hook.staticData.webhookIds;
		await callHook(hook, 'create');
		expect(calls(hook, 'POST')).toEqual([]);
		expect(calls(hook, 'DELETE')).toEqual([]);
		expect(hook.staticData.webhookToken).toBe(TOKEN);
		expect(hook.staticData.webhookIds).toEqual(Object.fromEntries(CANONICAL_EVENTS.map((event, i) => [event, existing[i].id])));
	});

	it('changing the events adds exactly the missing ones and deletes ours for the deselected ones', async () => {
		const hook = hookOf({ params: { events: ['report_created', 'report_state_changed', 'operation_created'] } });
		await callHook(hook, 'create');
		const token = hook.staticData.webhookToken;
		const ids = { ...(hook.staticData.webhookIds as Record<string, string>) };
		hook.sent.length = 0;

		hook.params.events = ['report_created', 'operation_created', 'operation_removed'];
		await expect(callHook(hook, 'create')).resolves.toBe(true);

		expect(postedBodies(hook)).toEqual([
			{ event: 'operationRemoved', organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(String(token)) },
		]);
		expect(deletedIds(hook)).toEqual([ids.report_state_changed]);
		expect(hook.staticData.webhookToken).toBe(token);
		const newIds = hook.staticData.webhookIds as Record<string, string>;
		expect(Object.keys(newIds).sort()).toEqual(['operation_created', 'operation_removed', 'report_created']);
		expect(newIds.report_created).toBe(ids.report_created);
		expect(newIds.operation_created).toBe(ids.operation_created);
		expect(
			oursOnApi()
				.map((w) => w.event)
				.sort(),
		).toEqual(['operationCreated', 'operationRemoved', 'reportCreated']);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
	});

	it('a new organization gets a new token: webhooks of ours left in the old one cannot start the workflow', async () => {
		const hook = hookOf();
		await callHook(hook, 'create');
		const oldToken = String(hook.staticData.webhookToken);
		// the delete of the old registration failed or never ran: the static data is still there
		hook.params.organization = organizationLocator(OTHER_ORGANIZATION);
		hook.sent.length = 0;
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
		await callHook(hook, 'create');
		const newToken = String(hook.staticData.webhookToken);
		expect(newToken).toMatch(HEX_64);
		expect(newToken).not.toBe(oldToken);
		expect(hook.staticData.organization).toBe(OTHER_ORGANIZATION);
		expect(postedBodies(hook)).toHaveLength(5);
		for (const body of postedBodies(hook))
			expect(body).toMatchObject({ organization: OTHER_ORGANIZATION, payloadUrl: ourPayloadUrl(newToken) });

		const call = (token: string) =>
			runWebhook({
				params: { registration: 'automatic', organization: organizationLocator(OTHER_ORGANIZATION) },
				staticData: hook.staticData,
				query: { token },
				body: notification('report_created', reportPayload()),
			});
		expect((await call(oldToken)).response.statusCode).toBe(403);
		expect((await call(newToken)).result.webhookResponse).toMatchObject({ status: 'accepted' });
	});

	it('never touches webhooks of other URLs (another trigger, a longer path, another host)', async () => {
		const hook = hookOf();
		addForeign();
		addWebhook({ event: 'reportCreated', payloadUrl: `${WEBHOOK_URL}2?token=${TOKEN}` });
		addWebhook({ event: 'reportCreated', payloadUrl: `https://other.example.com/webhook/abc/webhook?token=${TOKEN}` });
		const snapshot = webhooks();
		await callHook(hook, 'create');
		await callHook(hook, 'create');
		expect(calls(hook, 'DELETE')).toEqual([]);
		expect(webhooks().filter((w) => !ids(oursOnApi()).includes(w.id))).toEqual(snapshot);
		await callHook(hook, 'delete');
		expect(webhooks()).toEqual(snapshot);
	});

	it('replaces a webhook of ours with a stale token (delete + create), keeping the stored token', async () => {
		const hook = hookOf();
		const seeded = seed(hook);
		emu.updateWebhook(seeded[1].id, { payloadUrl: ourPayloadUrl(OLD_TOKEN) });
		await callHook(hook, 'create');
		expect(postedBodies(hook)).toEqual([{ event: 'reportStateChanged', organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(TOKEN) }]);
		expect(deletedIds(hook)).toEqual([seeded[1].id]);
		expect(hook.staticData.webhookToken).toBe(TOKEN);
		expect(oursOnApi().every((w) => w.payloadUrl === ourPayloadUrl(TOKEN))).toBe(true);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
	});

	it('first activation over leftovers on our URL (old token, disabled, duplicate): all replaced', async () => {
		const hook = hookOf({ params: { events: ['report_created', 'operation_created'] } });
		const leftovers = [
			addWebhook({ event: 'reportCreated', payloadUrl: ourPayloadUrl(OLD_TOKEN) }),
			addWebhook({ event: 'reportCreated', payloadUrl: ourPayloadUrl(OLD_TOKEN) }),
			addWebhook({ event: 'operationCreated', payloadUrl: WEBHOOK_URL }),
		];
		emu.setWebhookEnabled(leftovers[2].id, false);
		await callHook(hook, 'create');
		expect(hook.staticData.webhookToken).not.toBe(OLD_TOKEN);
		expect(postedBodies(hook).map((body) => body.event)).toEqual(['reportCreated', 'operationCreated']);
		expect(deletedIds(hook).sort()).toEqual(leftovers.map((w) => w.id).sort());
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
	});

	it('replaces a disabled webhook of ours and removes a duplicate', async () => {
		const hook = hookOf();
		const seeded = seed(hook);
		emu.setWebhookEnabled(seeded[0].id, false);
		const duplicate = addWebhook({ event: 'operationCreated', payloadUrl: ourPayloadUrl(TOKEN) });
		await callHook(hook, 'create');
		expect(postedBodies(hook).map((body) => body.event)).toEqual(['reportCreated']);
		// of the two, the one Keyclic lists first (the newest) is kept
		expect(deletedIds(hook).sort()).toEqual([seeded[0].id, seeded[2].id].sort());
		expect((hook.staticData.webhookIds as Record<string, string>).operation_created).toBe(duplicate.id);
	});

	it('partial failure: the 3rd POST fails, the 2 created are deleted and static data is unchanged', async () => {
		const hook = hookOf();
		const foreign = ids(addForeign());
		await emu.setFault({ errorStatus: { status: 500, paths: '/webhooks', methods: ['POST'], after: 2, times: 1 } });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Could not register the Keyclic webhook for operation_created: The service was not able to process your request',
		);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect(calls(hook, 'POST')).toHaveLength(3);
		expect(createdIds(hook)).toHaveLength(2);
		expect(deletedIds(hook)).toEqual(createdIds(hook));
		expect(oursOnApi()).toEqual([]);
		expect(ids(webhooks()).sort()).toEqual([...foreign].sort());
		expect(hook.staticData).toEqual({});
	});

	it('partial failure keeps an earlier registration state as it was', async () => {
		const hook = hookOf();
		seed(hook, ['report_created']);
		const before = JSON.parse(JSON.stringify(hook.staticData)) as IDataObject;
		await emu.setFault({ dropConnection: { paths: '/webhooks', methods: ['POST'], after: 2, times: 1 } });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error.message).toBe(
			`Could not register the Keyclic webhook for operation_state_changed: the Keyclic API at ${emu.url} could not be reached`,
		);
		expect(calls(hook, 'DELETE')).toHaveLength(2);
		expect(oursOnApi().map((w) => w.event)).toEqual(['reportCreated']);
		expect(hook.staticData).toEqual(before);
	});

	it('a failing rollback is logged and the original error is still the one thrown', async () => {
		const hook = hookOf({ params: { events: ['report_created', 'operation_created'] } });
		// the 2nd POST (operationCreated) answers 503, every DELETE /webhooks/{id} 500
		await emu.setFault({
			errorStatus: { status: 503, paths: '/webhooks', methods: ['POST'], after: 1, times: 1 },
			status500: '/webhooks/',
		});
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error.message).toBe(
			'Could not register the Keyclic webhook for operation_created: Service unavailable - try again later or consider setting this node to retry automatically (in the node settings)',
		);
		expect(hook.logger.warn).toHaveBeenCalledTimes(1);
		expect(createdIds(hook)).toHaveLength(1);
		expect(String(hook.logger.warn.mock.calls[0][0])).toContain(`could not roll back webhook ${createdIds(hook)[0]}`);
		expect(hook.staticData).toEqual({});
	});

	it('refuses a local webhook URL when Keyclic is on the internet, before ANY request, naming WEBHOOK_URL', async () => {
		const hook = hookOf({
			webhookUrl: 'http://localhost:5678/webhook/abc/webhook',
			credentials: { baseUrl: 'https://api.keyclic.com' },
		});
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('http://localhost:5678');
		expect(`${error.message} ${(error as NodeOperationError).description ?? ''}`).toContain('WEBHOOK_URL');
		expect(hook.sent).toEqual([]);
		expect(hook.staticData).toEqual({});
	});

	it('allows a localhost webhook URL when the Keyclic API itself is local (emulator on 127.0.0.1)', async () => {
		const hook = hookOf({
			webhookUrl: 'http://localhost:5678/webhook/abc/webhook',
			credentials: { baseUrl: `${emu.url}/` },
		});
		await expect(callHook(hook, 'create')).resolves.toBe(true);
		expect(calls(hook, 'POST')).toHaveLength(5);
		expect(hook.sent[0].url).toBe(`${emu.url}${LIST_PATH}`);
		expect(postedBodies(hook)[0].payloadUrl).toBe(
			`http://localhost:5678/webhook/abc/webhook?token=${String(hook.staticData.webhookToken)}`,
		);
	});

	it.each([
		['an empty resource locator', { __rl: true, mode: 'list', value: '' }],
		['blanks only', { __rl: true, mode: 'id', value: '   ' }],
		['no parameter at all', undefined],
	])('refuses to run without organization (%s)', async (_label, organization) => {
		const hook = hookOf({ params: { organization } });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('No Keyclic organization selected');
		expect(hook.sent).toEqual([]);
	});

	it('refuses to run without any event', async () => {
		const hook = hookOf({ params: { events: [] } });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('No event selected');
		expect(hook.sent).toEqual([]);
	});

	it('refuses to run without a "Keyclic API" credential', async () => {
		const hook = hookOf({ credentials: null });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('No "Keyclic API" credential selected');
		expect(hook.credentialRequests).toEqual(['keyclicApi']);
		expect(hook.sent).toEqual([]);
	});

	it('refuses to run when n8n gives no webhook URL', async () => {
		const hook = hookOf({ webhookUrl: null });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(hook.sent).toEqual([]);
	});

	it('creates nothing when the listing fails, and says why', async () => {
		// an organization the account is not a member of: Keyclic answers 403
		const foreign = emu.seed.foreignOrganization.id;
		const hook = hookOf({ params: { organization: organizationLocator(foreign) } });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			`Could not list the webhooks of Keyclic organization ${foreign}: Forbidden - perhaps check your credentials?`,
		);
		expect(calls(hook, 'POST')).toEqual([]);
		expect(hook.staticData).toEqual({});
	});
});

describe('delete (Automatic registration)', () => {
	it('deletes every webhook of ours, clears the static data and returns true', async () => {
		const hook = hookOf();
		addForeign();
		const foreign = webhooks();
		await callHook(hook, 'create');
		const stored = Object.values(hook.staticData.webhookIds as Record<string, string>);
		hook.sent.length = 0;
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		expect(deletedIds(hook).sort()).toEqual([...stored].sort());
		expect(webhooks()).toEqual(foreign);
		expect(hook.staticData).toEqual({});
	});

	it('also deletes webhooks of ours found by listing that are not in the static data (ours only)', async () => {
		const hook = hookOf();
		const foreign = ids(addForeign());
		const seeded = seed(hook, ['report_created']);
		const stale = addWebhook({ event: 'operationCreated', payloadUrl: ourPayloadUrl(OLD_TOKEN) });
		const bare = addWebhook({ event: 'operationRemoved', payloadUrl: WEBHOOK_URL });
		await callHook(hook, 'delete');
		expect(deletedIds(hook).sort()).toEqual([seeded[0].id, stale.id, bare.id].sort());
		expect(ids(webhooks()).sort()).toEqual([...foreign].sort());
	});

	it('treats a 404 (already deleted in Keyclic) as done', async () => {
		const hook = hookOf();
		seed(hook, ['report_created', 'operation_created']);
		const gone = '0d3c2b1a-9f8e-4d7c-a6b5-4c3d2e1f0a9b';
		hook.staticData.webhookIds = { ...(hook.staticData.webhookIds as IDataObject), operation_removed: gone };
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		expect(deletedIds(hook)).toContain(gone);
		expect(oursOnApi()).toEqual([]);
		expect(hook.staticData).toEqual({});
	});

	it('when the listing fails, still deletes the stored ids and logs a warning', async () => {
		const hook = hookOf();
		const seeded = seed(hook, ['report_created', 'operation_removed']);
		await emu.setFault({ errorStatus: { status: 500, paths: LIST_PATH, methods: ['GET'] } });
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		expect(deletedIds(hook).sort()).toEqual(seeded.map((w) => w.id).sort());
		expect(hook.logger.warn).toHaveBeenCalledTimes(1);
		expect(String(hook.logger.warn.mock.calls[0][0])).toContain('could not list webhooks');
		expect(hook.staticData).toEqual({});
	});

	it('cleans up the organization it registered in, even if the parameter changed since', async () => {
		const hook = hookOf();
		await callHook(hook, 'create');
		hook.params.organization = organizationLocator(OTHER_ORGANIZATION);
		hook.sent.length = 0;
		await callHook(hook, 'delete');
		expect(calls(hook, 'GET').map((request) => request.path)).toEqual([LIST_PATH]);
		expect(oursOnApi()).toEqual([]);
	});

	it('without static data (never registered, or a failed first activation) asks nothing of the API', async () => {
		const hook = hookOf();
		addForeign();
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		expect(hook.sent).toEqual([]);
		expect(webhooks()).toHaveLength(5);
	});

	it('keeps the static data when a deletion really fails (so a later delete can retry)', async () => {
		const hook = hookOf();
		seed(hook, ['report_created']);
		const before = JSON.parse(JSON.stringify(hook.staticData)) as IDataObject;
		await emu.setFault({ status500: '/webhooks/' });
		const error = await rejectionOf(callHook(hook, 'delete'));
		expect(error).toBeInstanceOf(NodeApiError);
		const [ours] = Object.values(before.webhookIds as Record<string, string>);
		expect(error.message).toBe(`Could not delete Keyclic webhook ${ours}: The service was not able to process your request`);
		expect(hook.staticData).toEqual(before);
	});
});

describe('lifecycle dispatch', () => {
	it.each([
		['manual', { registration: 'manual' }],
		['absent (defaults to manual)', { registration: undefined }],
		['an unknown value (treated as manual)', { registration: 'bogus' }],
	])('registration %s: checkExists/create/delete are true without any request', async (_label, params) => {
		const sent: SentRequest[] = [];
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			const hook = hookOf({ params, sent });
			await expect(callHook(hook, method)).resolves.toBe(true);
			expect(hook.credentialRequests).toEqual([]);
			expect(hook.staticData).toEqual({});
		}
		expect(sent).toEqual([]);
	});

	it('registration automatic: the full cycle checkExists → create → checkExists → delete', async () => {
		const hook = hookOf();
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
		await expect(callHook(hook, 'create')).resolves.toBe(true);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
		expect(webhooks()).toEqual([]);
	});
});

describe('static data as n8n loads it (an ObservableObject proxy of the stored JSON)', () => {
	it('registeredToken and the stored webhook ids survive the `__dataChanged` flags n8n adds to nested objects', () => {
		const stored = {
			'node:Keyclic Trigger': { webhookToken: TOKEN, organization: ORGANIZATION_ID, webhookIds: { report_created: 'hook-1' } },
		};
		const root = ObservableObject.create(JSON.parse(JSON.stringify(stored)) as IDataObject);
		const data = root['node:Keyclic Trigger'] as IDataObject;
		(data.webhookIds as IDataObject).report_state_changed = 'hook-2';
		// n8n's proxy carries a non-enumerable `__dataChanged` flag on every nested object (zod 4 reads own keys)
		expect(Reflect.ownKeys(data.webhookIds as object)).toContain('__dataChanged');
		expect(registeredToken(data)).toBe(TOKEN);
		expect(registrationStateSchema.parse(data).webhookIds).toEqual({ report_created: 'hook-1', report_state_changed: 'hook-2' });
	});
});
