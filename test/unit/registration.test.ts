// Automatic registration against a fake Keyclic API: checkExists / create / delete (registration.ts)
// and the manual/automatic dispatch of lifecycle.ts.
import { NodeApiError, NodeOperationError, ObservableObject } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { CANONICAL_EVENTS, EVENT_INFO } from '../../nodes/KeyclicTrigger/webhook/events';
import type { KeyclicEvent } from '../../nodes/KeyclicTrigger/webhook/events';
import { ORGANIZATION_ID, notification, rejectionOf, reportPayload } from './helpers/bodies';
import { runWebhook } from './helpers/context';
import { WEBHOOK_URL, callHook, createKeyclicHookContext, organizationLocator } from './helpers/hookContext';
import type { KeyclicHook } from './helpers/hookContext';
import { API_BASE_URL, FakeKeyclicApi, httpError } from './helpers/keyclicApi';
import type { FakeWebhook } from './helpers/keyclicApi';
import { registrationStateSchema } from '../../nodes/common/staticData';
import { registeredToken } from '../../nodes/KeyclicTrigger/registration/registration';

const TOKEN = '0123456789abcdef'.repeat(4);
const OLD_TOKEN = 'fedcba9876543210'.repeat(4);
const OTHER_ORGANIZATION = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const FOREIGN_URL = 'https://n8n.example.com/webhook/other/webhook?token=someone-elses-token';
const LIST_PATH = `/organizations/${ORGANIZATION_ID}/webhooks`;
const HEX_64 = /^[0-9a-f]{64}$/;

const ourPayloadUrl = (token: string) => `${WEBHOOK_URL}?token=${token}`;
const apiName = (event: KeyclicEvent) => EVENT_INFO[event].apiName;

/** Puts one webhook of ours per event on the fake API and the matching state in static data. */
function seed(hook: KeyclicHook, events: readonly KeyclicEvent[] = CANONICAL_EVENTS, token = TOKEN): FakeWebhook[] {
	const hooks = events.map((event) =>
		hook.api.addWebhook({ event: apiName(event), organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(token) }),
	);
	hook.staticData.webhookToken = token;
	hook.staticData.organization = ORGANIZATION_ID;
	hook.staticData.webhookIds = Object.fromEntries(events.map((event, i) => [event, hooks[i].id]));
	return hooks;
}

/** Webhooks of someone else (another URL) in the same organization, for the same events. */
function addForeign(api: FakeKeyclicApi, count: number = CANONICAL_EVENTS.length): FakeWebhook[] {
	return Array.from({ length: count }, (_, i) =>
		api.addWebhook({
			id: `foreign-${i + 1}`,
			event: apiName(CANONICAL_EVENTS[i % CANONICAL_EVENTS.length]),
			organization: ORGANIZATION_ID,
			payloadUrl: FOREIGN_URL,
		}),
	);
}

function postedBodies(hook: KeyclicHook): IDataObject[] {
	return hook.api.calls('POST', '/webhooks').map((request) => request.body as IDataObject);
}

function deletedIds(hook: KeyclicHook): string[] {
	return hook.api.calls('DELETE').map((request) => decodeURIComponent(request.path.replace('/webhooks/', '')));
}

function oursOnApi(hook: KeyclicHook): FakeWebhook[] {
	return hook.api.webhooks.filter((w) => w.payloadUrl.split('?')[0] === WEBHOOK_URL);
}

describe('checkExists (Automatic registration)', () => {
	it('is false without any request when no token is stored (never activated)', async () => {
		const hook = createKeyclicHookContext();
		hook.api.addWebhook({ event: 'reportCreated', organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(TOKEN) });
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
		expect(hook.api.requests).toEqual([]);
		expect(hook.credentialRequests).toEqual([]);
	});

	it('is true when Keyclic has exactly one enabled webhook of ours per selected event', async () => {
		const hook = createKeyclicHookContext();
		seed(hook);
		addForeign(hook.api);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
		expect(hook.api.requests).toHaveLength(1);
		const [request] = hook.api.requests;
		expect(request).toMatchObject({ credentialType: 'keyclicApi', method: 'GET', url: `${API_BASE_URL}${LIST_PATH}` });
		expect(request.qs).toEqual({ page: 1, limit: 100 });
	});

	it('accepts the snake_case spelling of the events in Keyclic', async () => {
		const hook = createKeyclicHookContext({ params: { events: ['report_created', 'operation_removed'] } });
		seed(hook, ['report_created', 'operation_removed']);
		for (const webhook of hook.api.webhooks) webhook.event = webhook.event === 'reportCreated' ? 'report_created' : 'operation_removed';
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
				seed(hook)[2].enabled = false;
			},
		],
		[
			'an event has two webhooks of ours',
			(hook) => {
				seed(hook);
				hook.api.addWebhook({ event: 'reportCreated', organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(TOKEN) });
			},
		],
		[
			'a webhook of ours carries another token',
			(hook) => {
				seed(hook)[0].payloadUrl = ourPayloadUrl(OLD_TOKEN);
			},
		],
		[
			'a webhook of ours has no token at all',
			(hook) => {
				seed(hook)[1].payloadUrl = WEBHOOK_URL;
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
				hook.api.webhooks = [];
			},
		],
		[
			'only webhooks of another URL exist for these events',
			(hook) => {
				seed(hook);
				hook.api.webhooks = [];
				addForeign(hook.api);
			},
		],
	])('is false when %s', async (_label, arrange) => {
		const hook = createKeyclicHookContext();
		arrange(hook);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
	});

	it('lists ALL pages: 250 webhooks of other URLs first, ours on the 3rd page', async () => {
		const hook = createKeyclicHookContext();
		addForeign(hook.api, 250);
		seed(hook);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
		expect(hook.api.calls('GET', LIST_PATH).map((request) => request.qs)).toEqual([
			{ page: 1, limit: 100 },
			{ page: 2, limit: 100 },
			{ page: 3, limit: 100 },
		]);
	});

	it('sees a missing event even when the other webhooks are spread over several pages', async () => {
		const hook = createKeyclicHookContext();
		addForeign(hook.api, 250);
		const ours = seed(hook);
		hook.api.webhooks = hook.api.webhooks.filter((w) => w.id !== ours[4].id);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
	});

	it('propagates an API failure as a NodeApiError naming the problem', async () => {
		const hook = createKeyclicHookContext();
		seed(hook);
		hook.api.intercept('GET', LIST_PATH, () => {
			throw httpError(401);
		});
		const error = await rejectionOf(callHook(hook, 'checkExists'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			`Could not list the webhooks of Keyclic organization ${ORGANIZATION_ID}: Authorization failed - please check your credentials`,
		);
	});
});

describe('create (Automatic registration)', () => {
	it('first activation: one webhook per selected event, camelCase names, our URL + a generated 64-hex token', async () => {
		const hook = createKeyclicHookContext();
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
		const byEvent = Object.fromEntries(hook.api.webhooks.map((w) => [w.event, w.id]));
		expect(hook.staticData.webhookIds).toEqual(Object.fromEntries(CANONICAL_EVENTS.map((event) => [event, byEvent[apiName(event)]])));
		expect(hook.api.calls('DELETE')).toEqual([]);
		// it looked before creating, and everything went to the credential's base URL with the credential
		expect(hook.api.requests[0]).toMatchObject({ method: 'GET', path: LIST_PATH });
		for (const request of hook.api.requests) {
			expect(request.credentialType).toBe('keyclicApi');
			expect(request.url.startsWith(`${API_BASE_URL}/`)).toBe(true);
			expect(request.options.json).toBe(true);
		}
	});

	it('generates a different token for each trigger', async () => {
		const first = createKeyclicHookContext();
		const second = createKeyclicHookContext();
		await callHook(first, 'create');
		await callHook(second, 'create');
		expect(first.staticData.webhookToken).not.toBe(second.staticData.webhookToken);
	});

	it('creates only the selected events', async () => {
		const hook = createKeyclicHookContext({ params: { events: ['operation_removed', 'report_created'] } });
		await callHook(hook, 'create');
		expect(
			postedBodies(hook)
				.map((body) => body.event)
				.sort(),
		).toEqual(['operationRemoved', 'reportCreated']);
		expect(Object.keys(hook.staticData.webhookIds as IDataObject).sort()).toEqual(['operation_removed', 'report_created']);
	});

	it('second call with the same settings creates nothing and keeps token and ids (adopts)', async () => {
		const hook = createKeyclicHookContext();
		await callHook(hook, 'create');
		const before = JSON.parse(JSON.stringify(hook.staticData)) as IDataObject;
		hook.api.requests = [];
		await expect(callHook(hook, 'create')).resolves.toBe(true);
		expect(hook.api.requests.map((request) => request.method)).toEqual(['GET']);
		expect(hook.staticData).toEqual(before);
		expect(hook.api.webhooks).toHaveLength(5);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
	});

	it('adopts the webhooks of its token when the stored ids were lost', async () => {
		const hook = createKeyclicHookContext();
		const existing = seed(hook);
		delete hook.staticData.webhookIds;
		await callHook(hook, 'create');
		expect(hook.api.calls('POST')).toEqual([]);
		expect(hook.api.calls('DELETE')).toEqual([]);
		expect(hook.staticData.webhookToken).toBe(TOKEN);
		expect(hook.staticData.webhookIds).toEqual(Object.fromEntries(CANONICAL_EVENTS.map((event, i) => [event, existing[i].id])));
	});

	it('changing the events adds exactly the missing ones and deletes ours for the deselected ones', async () => {
		const hook = createKeyclicHookContext({ params: { events: ['report_created', 'report_state_changed', 'operation_created'] } });
		await callHook(hook, 'create');
		const token = hook.staticData.webhookToken;
		const ids = { ...(hook.staticData.webhookIds as Record<string, string>) };
		hook.api.requests = [];

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
			oursOnApi(hook)
				.map((w) => w.event)
				.sort(),
		).toEqual(['operationCreated', 'operationRemoved', 'reportCreated']);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
	});

	it('a new organization gets a new token: webhooks of ours left in the old one cannot start the workflow', async () => {
		const hook = createKeyclicHookContext();
		await callHook(hook, 'create');
		const oldToken = String(hook.staticData.webhookToken);
		// the delete of the old registration failed or never ran: the static data is still there
		hook.params.organization = organizationLocator(OTHER_ORGANIZATION);
		hook.api.requests = [];
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
		const hook = createKeyclicHookContext();
		const foreign = [
			...addForeign(hook.api),
			hook.api.addWebhook({ event: 'reportCreated', organization: ORGANIZATION_ID, payloadUrl: `${WEBHOOK_URL}2?token=${TOKEN}` }),
			hook.api.addWebhook({
				event: 'reportCreated',
				organization: ORGANIZATION_ID,
				payloadUrl: `https://other.example.com/webhook/abc/webhook?token=${TOKEN}`,
			}),
		];
		const snapshot = JSON.parse(JSON.stringify(foreign)) as FakeWebhook[];
		await callHook(hook, 'create');
		await callHook(hook, 'create');
		expect(hook.api.calls('DELETE')).toEqual([]);
		expect(hook.api.webhooks.filter((w) => !oursOnApi(hook).includes(w))).toEqual(snapshot);
		await callHook(hook, 'delete');
		expect(hook.api.webhooks).toEqual(snapshot);
	});

	it('replaces a webhook of ours with a stale token (delete + create), keeping the stored token', async () => {
		const hook = createKeyclicHookContext();
		const seeded = seed(hook);
		seeded[1].payloadUrl = ourPayloadUrl(OLD_TOKEN);
		await callHook(hook, 'create');
		expect(postedBodies(hook)).toEqual([{ event: 'reportStateChanged', organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(TOKEN) }]);
		expect(deletedIds(hook)).toEqual([seeded[1].id]);
		expect(hook.staticData.webhookToken).toBe(TOKEN);
		expect(oursOnApi(hook).every((w) => w.payloadUrl === ourPayloadUrl(TOKEN))).toBe(true);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
	});

	it('first activation over leftovers on our URL (old token, disabled, duplicate): all replaced', async () => {
		const hook = createKeyclicHookContext({ params: { events: ['report_created', 'operation_created'] } });
		const leftovers = [
			hook.api.addWebhook({ event: 'reportCreated', organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(OLD_TOKEN) }),
			hook.api.addWebhook({ event: 'reportCreated', organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(OLD_TOKEN) }),
			hook.api.addWebhook({ event: 'operationCreated', organization: ORGANIZATION_ID, payloadUrl: WEBHOOK_URL, enabled: false }),
		];
		await callHook(hook, 'create');
		expect(hook.staticData.webhookToken).not.toBe(OLD_TOKEN);
		expect(postedBodies(hook).map((body) => body.event)).toEqual(['reportCreated', 'operationCreated']);
		expect(deletedIds(hook).sort()).toEqual(leftovers.map((w) => w.id).sort());
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
	});

	it('replaces a disabled webhook of ours and removes a duplicate', async () => {
		const hook = createKeyclicHookContext();
		const seeded = seed(hook);
		seeded[0].enabled = false;
		const duplicate = hook.api.addWebhook({ event: 'operationCreated', organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(TOKEN) });
		await callHook(hook, 'create');
		expect(postedBodies(hook).map((body) => body.event)).toEqual(['reportCreated']);
		expect(deletedIds(hook).sort()).toEqual([seeded[0].id, duplicate.id].sort());
		expect((hook.staticData.webhookIds as Record<string, string>).operation_created).toBe(seeded[2].id);
	});

	it('partial failure: the 3rd POST fails, the 2 created are deleted and static data is unchanged', async () => {
		const hook = createKeyclicHookContext();
		addForeign(hook.api);
		const created: string[] = [];
		hook.api.intercept('POST', '/webhooks', async (_request, next) => {
			if (created.length === 2) throw httpError(500);
			const answer = (await next()) as IDataObject;
			created.push(String(answer.id));
			return answer;
		});
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Could not register the Keyclic webhook for operation_created: The service was not able to process your request',
		);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect(hook.api.calls('POST')).toHaveLength(3);
		expect(deletedIds(hook)).toEqual(created);
		expect(oursOnApi(hook)).toEqual([]);
		expect(hook.api.webhooks.map((w) => w.id)).toEqual(['foreign-1', 'foreign-2', 'foreign-3', 'foreign-4', 'foreign-5']);
		expect(hook.staticData).toEqual({});
	});

	it('partial failure keeps an earlier registration state as it was', async () => {
		const hook = createKeyclicHookContext();
		seed(hook, ['report_created']);
		const before = JSON.parse(JSON.stringify(hook.staticData)) as IDataObject;
		let posts = 0;
		hook.api.intercept('POST', '/webhooks', async (_request, next) => {
			posts += 1;
			if (posts === 3) throw new Error('connect ECONNREFUSED 127.0.0.1:9');
			return await next();
		});
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error.message).toBe(
			`Could not register the Keyclic webhook for operation_state_changed: the Keyclic API at ${API_BASE_URL} could not be reached`,
		);
		expect(hook.api.calls('DELETE')).toHaveLength(2);
		expect(oursOnApi(hook).map((w) => w.event)).toEqual(['reportCreated']);
		expect(hook.staticData).toEqual(before);
	});

	it('a failing rollback is logged and the original error is still the one thrown', async () => {
		const hook = createKeyclicHookContext({ params: { events: ['report_created', 'operation_created'] } });
		hook.api.intercept('POST', '/webhooks', async (request, next) => {
			if ((request.body as IDataObject).event === 'operationCreated') throw httpError(503);
			return await next();
		});
		hook.api.intercept('DELETE', /^\/webhooks\//, () => {
			throw httpError(500);
		});
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error.message).toBe(
			'Could not register the Keyclic webhook for operation_created: Service unavailable - try again later or consider setting this node to retry automatically (in the node settings)',
		);
		expect(hook.logger.warn).toHaveBeenCalledTimes(1);
		expect(String(hook.logger.warn.mock.calls[0][0])).toContain('could not roll back webhook webhook-1');
		expect(hook.staticData).toEqual({});
	});

	it('refuses a local webhook URL when Keyclic is on the internet, before ANY request, naming WEBHOOK_URL', async () => {
		const hook = createKeyclicHookContext({
			webhookUrl: 'http://localhost:5678/webhook/abc/webhook',
			credentials: { login: 'user@example.com', password: 'x', applicationKey: 'com.keyclic.app', baseUrl: 'https://api.keyclic.com' },
		});
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('http://localhost:5678');
		expect(`${error.message} ${(error as NodeOperationError).description ?? ''}`).toContain('WEBHOOK_URL');
		expect(hook.api.requests).toEqual([]);
		expect(hook.staticData).toEqual({});
	});

	it('allows a localhost webhook URL when the Keyclic API itself is local (emulator on 127.0.0.1)', async () => {
		const hook = createKeyclicHookContext({
			webhookUrl: 'http://localhost:5678/webhook/abc/webhook',
			credentials: { login: 'user@example.com', password: 'x', applicationKey: 'com.keyclic.app', baseUrl: 'http://127.0.0.1:8787/' },
		});
		await expect(callHook(hook, 'create')).resolves.toBe(true);
		expect(hook.api.calls('POST')).toHaveLength(5);
		expect(hook.api.requests[0].url).toBe(`http://127.0.0.1:8787${LIST_PATH}`);
		expect(postedBodies(hook)[0].payloadUrl).toBe(
			`http://localhost:5678/webhook/abc/webhook?token=${String(hook.staticData.webhookToken)}`,
		);
	});

	it.each([
		['an empty resource locator', { __rl: true, mode: 'list', value: '' }],
		['blanks only', { __rl: true, mode: 'id', value: '   ' }],
		['no parameter at all', undefined],
	])('refuses to run without organization (%s)', async (_label, organization) => {
		const hook = createKeyclicHookContext({ params: { organization } });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('No Keyclic organization selected');
		expect(hook.api.requests).toEqual([]);
	});

	it('refuses to run without any event', async () => {
		const hook = createKeyclicHookContext({ params: { events: [] } });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('No event selected');
		expect(hook.api.requests).toEqual([]);
	});

	it('refuses to run without a "Keyclic API" credential', async () => {
		const hook = createKeyclicHookContext({ credentials: null });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('No "Keyclic API" credential selected');
		expect(hook.credentialRequests).toEqual(['keyclicApi']);
		expect(hook.api.requests).toEqual([]);
	});

	it('refuses to run when n8n gives no webhook URL', async () => {
		const hook = createKeyclicHookContext({ webhookUrl: null });
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(hook.api.requests).toEqual([]);
	});

	it('creates nothing when the listing fails, and says why', async () => {
		const hook = createKeyclicHookContext();
		hook.api.intercept('GET', LIST_PATH, () => {
			throw httpError(403);
		});
		const error = await rejectionOf(callHook(hook, 'create'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			`Could not list the webhooks of Keyclic organization ${ORGANIZATION_ID}: Forbidden - perhaps check your credentials?`,
		);
		expect(hook.api.calls('POST')).toEqual([]);
		expect(hook.staticData).toEqual({});
	});
});

describe('delete (Automatic registration)', () => {
	it('deletes every webhook of ours, clears the static data and returns true', async () => {
		const hook = createKeyclicHookContext();
		const foreign = addForeign(hook.api);
		await callHook(hook, 'create');
		const ids = Object.values(hook.staticData.webhookIds as Record<string, string>);
		hook.api.requests = [];
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		expect(deletedIds(hook).sort()).toEqual([...ids].sort());
		expect(hook.api.webhooks).toEqual(foreign);
		expect(hook.staticData).toEqual({});
	});

	it('also deletes webhooks of ours found by listing that are not in the static data (ours only)', async () => {
		const hook = createKeyclicHookContext();
		addForeign(hook.api);
		const seeded = seed(hook, ['report_created']);
		const stale = hook.api.addWebhook({ event: 'operationCreated', organization: ORGANIZATION_ID, payloadUrl: ourPayloadUrl(OLD_TOKEN) });
		const bare = hook.api.addWebhook({ event: 'operationRemoved', organization: ORGANIZATION_ID, payloadUrl: WEBHOOK_URL });
		await callHook(hook, 'delete');
		expect(deletedIds(hook).sort()).toEqual([seeded[0].id, stale.id, bare.id].sort());
		expect(hook.api.webhooks.map((w) => w.id)).toEqual(['foreign-1', 'foreign-2', 'foreign-3', 'foreign-4', 'foreign-5']);
	});

	it('treats a 404 (already deleted in Keyclic) as done', async () => {
		const hook = createKeyclicHookContext();
		seed(hook, ['report_created', 'operation_created']);
		hook.staticData.webhookIds = { ...(hook.staticData.webhookIds as IDataObject), operation_removed: 'already-gone' };
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		expect(deletedIds(hook)).toContain('already-gone');
		expect(oursOnApi(hook)).toEqual([]);
		expect(hook.staticData).toEqual({});
	});

	it('when the listing fails, still deletes the stored ids and logs a warning', async () => {
		const hook = createKeyclicHookContext();
		const seeded = seed(hook, ['report_created', 'operation_removed']);
		hook.api.intercept('GET', LIST_PATH, () => {
			throw httpError(500);
		});
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		expect(deletedIds(hook).sort()).toEqual(seeded.map((w) => w.id).sort());
		expect(hook.logger.warn).toHaveBeenCalledTimes(1);
		expect(String(hook.logger.warn.mock.calls[0][0])).toContain('could not list webhooks');
		expect(hook.staticData).toEqual({});
	});

	it('cleans up the organization it registered in, even if the parameter changed since', async () => {
		const hook = createKeyclicHookContext();
		await callHook(hook, 'create');
		hook.params.organization = organizationLocator(OTHER_ORGANIZATION);
		hook.api.requests = [];
		await callHook(hook, 'delete');
		expect(hook.api.calls('GET').map((request) => request.path)).toEqual([LIST_PATH]);
		expect(oursOnApi(hook)).toEqual([]);
	});

	it('without static data (never registered, or a failed first activation) asks nothing of the API', async () => {
		const hook = createKeyclicHookContext();
		addForeign(hook.api);
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		expect(hook.api.requests).toEqual([]);
		expect(hook.api.webhooks).toHaveLength(5);
	});

	it('keeps the static data when a deletion really fails (so a later delete can retry)', async () => {
		const hook = createKeyclicHookContext();
		seed(hook, ['report_created']);
		const before = JSON.parse(JSON.stringify(hook.staticData)) as IDataObject;
		hook.api.intercept('DELETE', /^\/webhooks\//, () => {
			throw httpError(500);
		});
		const error = await rejectionOf(callHook(hook, 'delete'));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^Could not delete Keyclic webhook webhook-1: The service was not able to process your request$/);
		expect(hook.staticData).toEqual(before);
	});
});

describe('lifecycle dispatch', () => {
	it.each([
		['manual', { registration: 'manual' }],
		['absent (defaults to manual)', { registration: undefined }],
		['an unknown value (treated as manual)', { registration: 'bogus' }],
	])('registration %s: checkExists/create/delete are true without any request', async (_label, params) => {
		const api = new FakeKeyclicApi();
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			const hook = createKeyclicHookContext({ params, api });
			await expect(callHook(hook, method)).resolves.toBe(true);
			expect(hook.credentialRequests).toEqual([]);
			expect(hook.staticData).toEqual({});
		}
		expect(api.requests).toEqual([]);
	});

	it('registration automatic: the full cycle checkExists → create → checkExists → delete', async () => {
		const hook = createKeyclicHookContext();
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
		await expect(callHook(hook, 'create')).resolves.toBe(true);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(true);
		await expect(callHook(hook, 'delete')).resolves.toBe(true);
		await expect(callHook(hook, 'checkExists')).resolves.toBe(false);
		expect(hook.api.webhooks).toEqual([]);
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
