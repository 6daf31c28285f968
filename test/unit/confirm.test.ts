// "Confirm with Keyclic API" (confirm.ts) through webhook(), and the secret of Automatic registration
// (generated at activation, kept in static data) checked by webhook().
import type { IDataObject } from 'n8n-workflow';

import { confirmWithKeyclic } from '../../nodes/KeyclicTrigger/webhook/confirm';
import { identifyPayload } from '../../nodes/KeyclicTrigger/webhook/envelope';
import {
	OPERATION_ID,
	ORGANIZATION_ID,
	REPORT_ID,
	acceptedItem,
	expectBadRequest,
	expectIgnored,
	expectRejected,
	notification,
	operationPayload,
	reportPayload,
} from './helpers/bodies';
import { EXAMPLE_TOKEN, createWebhookContext, runWebhook } from './helpers/context';
import type { WebhookContextOptions, WebhookRun } from './helpers/context';
import { organizationLocator } from './helpers/hookContext';
import { API_BASE_URL, FakeKeyclicApi, httpError } from './helpers/keyclicApi';

const OTHER_ORGANIZATION = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const REGISTERED_TOKEN = '0123456789abcdef'.repeat(4);
const REPORT_PATH = `/reports/${REPORT_ID}`;
const OPERATION_PATH = `/operations/${OPERATION_ID}`;

/** The report as Keyclic has it now (it moved on since the notification). */
const freshReport = (overrides: IDataObject = {}) =>
	reportPayload({ state: 'ACCEPTED', updatedAt: '2024-03-15T10:00:00+01:00', ...overrides });

const freshOperation = (overrides: IDataObject = {}) =>
	operationPayload({
		updatedAt: '2025-06-03T10:30:00+02:00',
		_embedded: { workflow: { state: { reference: 'RESOLVED', name: 'Résolue' } } },
		...overrides,
	});

/** A Keyclic API that knows the report and the operation of bodies.ts in their fresh state. */
function keyclic(): FakeKeyclicApi {
	const api = new FakeKeyclicApi();
	api.resources.set(REPORT_PATH, freshReport());
	api.resources.set(OPERATION_PATH, freshOperation());
	return api;
}

/** webhook() with "Confirm with Keyclic API" on, Manual registration with the secret credential. */
async function confirmRun(api: FakeKeyclicApi, options: WebhookContextOptions = {}): Promise<WebhookRun> {
	return await runWebhook({
		credentials: { token: EXAMPLE_TOKEN, baseUrl: API_BASE_URL },
		api: api.request,
		...options,
		params: { confirmWithApi: true, ...(options.params ?? {}) },
	});
}

/** Same, in Automatic registration for ORGANIZATION_ID (where the organization is checked). */
async function automaticConfirmRun(api: FakeKeyclicApi, body: IDataObject): Promise<WebhookRun> {
	return await confirmRun(api, {
		params: { registration: 'automatic', organization: organizationLocator(ORGANIZATION_ID) },
		staticData: { webhookToken: REGISTERED_TOKEN, organization: ORGANIZATION_ID },
		query: { token: REGISTERED_TOKEN },
		body,
	});
}

describe('Confirm with Keyclic API: confirmed notifications', () => {
	it('re-reads the report (GET /reports/{id}) and the item carries the fresh state, confirmed: true', async () => {
		const api = keyclic();
		const body = notification('report_created', reportPayload());
		const run = await confirmRun(api, { body });
		const item = acceptedItem(run.result);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0]).toMatchObject({ credentialType: 'keyclicApi', method: 'GET', url: `${API_BASE_URL}${REPORT_PATH}` });
		expect(item).toMatchObject({
			event: 'report_created',
			id: REPORT_ID,
			state: 'ACCEPTED',
			updatedAt: '2024-03-15T10:00:00+01:00',
			confirmed: true,
		});
		expect(item.payload).toEqual(freshReport());
		expect(item.payload).not.toBe(body.payload);
		expect(run.result.webhookResponse).toEqual({ status: 'accepted', event: 'report_created', id: REPORT_ID });
	});

	it('re-reads the operation (GET /operations/{id}) for operation events, camelCase spelling included', async () => {
		const api = keyclic();
		const run = await confirmRun(api, { body: notification('operationStateChanged', operationPayload()) });
		const item = acceptedItem(run.result);
		expect(api.requests.map((request) => request.path)).toEqual([OPERATION_PATH]);
		expect(item).toMatchObject({ event: 'operation_state_changed', state: 'RESOLVED', stateLabel: 'Résolue', confirmed: true });
		expect(item.payload).toEqual(freshOperation());
	});

	it('operation_removed: the operation is gone (404) → accepted with the version Keyclic sent', async () => {
		const api = keyclic();
		api.resources.delete(OPERATION_PATH);
		const body = notification('operation_removed', operationPayload());
		const run = await confirmRun(api, { body });
		const item = acceptedItem(run.result);
		expect(api.requests.map((request) => request.path)).toEqual([OPERATION_PATH]);
		expect(item).toMatchObject({ event: 'operation_removed', id: OPERATION_ID, state: 'IN_PROGRESS', confirmed: true });
		expect(item.payload).toBe(body.payload);
	});

	it('Automatic registration: a resource of the selected organization is confirmed', async () => {
		const run = await automaticConfirmRun(keyclic(), notification('report_state_changed', reportPayload()));
		expect(acceptedItem(run.result)).toMatchObject({ organizationId: ORGANIZATION_ID, state: 'ACCEPTED', confirmed: true });
	});

	it('Automatic registration: a fresh resource without organization link is not refused', async () => {
		const api = keyclic();
		api.resources.set(REPORT_PATH, freshReport({ _links: { self: { href: REPORT_PATH } } }));
		const run = await automaticConfirmRun(api, notification('report_created', reportPayload()));
		expect(acceptedItem(run.result).organizationId).toBeNull();
	});

	it('confirmWithKeyclic returns the fresh resource and the fresh payload', async () => {
		const api = keyclic();
		const { context } = createWebhookContext({ credentials: { baseUrl: API_BASE_URL }, api: api.request });
		const checked = identifyPayload('report_created', reportPayload());
		if (!checked.ok) throw new Error('fixture is not a report');
		const confirmation = await confirmWithKeyclic(context, 'report_created', checked.resource, '');
		expect(confirmation).toEqual({ ok: true, resource: { resourceType: 'report', id: REPORT_ID, payload: freshReport() } });
	});
});

describe('Confirm with Keyclic API: refusals', () => {
	it.each([404, 403])('report unknown to Keyclic (API %i) → 403 not_confirmed, no execution', async (status) => {
		const api = keyclic();
		api.intercept('GET', REPORT_PATH, () => {
			throw httpError(status);
		});
		const run = await confirmRun(api, { body: notification('report_created', reportPayload()) });
		const body = expectRejected(run, 403, 'not_confirmed');
		expect(body.message).toContain(REPORT_ID);
		expect(body.message).toContain(`the API answered ${status}`);
	});

	it('operation_removed while the operation still exists (200) → 409 not_confirmed', async () => {
		const run = await confirmRun(keyclic(), { body: notification('operationRemoved', operationPayload()) });
		const body = expectRejected(run, 409, 'not_confirmed');
		expect(body.message).toContain('still exists');
	});

	it('operation_removed refused by Keyclic (403) → 403 not_confirmed', async () => {
		const api = keyclic();
		api.intercept('GET', OPERATION_PATH, () => {
			throw httpError(403);
		});
		const run = await confirmRun(api, { body: notification('operation_removed', operationPayload()) });
		expectRejected(run, 403, 'not_confirmed');
	});

	it.each<[string, () => unknown]>([
		['answers 500', () => httpError(500)],
		['refuses the login (401)', () => httpError(401)],
		['cannot be reached', () => new Error('connect ECONNREFUSED 127.0.0.1:9')],
	])('Keyclic %s → 503 confirmation_unavailable and a warning', async (_label, failure) => {
		for (const event of ['report_created', 'operation_removed']) {
			const api = keyclic();
			api.intercept('GET', /.*/, () => {
				throw failure();
			});
			const body = event === 'report_created' ? notification(event, reportPayload()) : notification(event, operationPayload());
			const run = await confirmRun(api, { body });
			const answer = expectRejected(run, 503, 'confirmation_unavailable');
			expect(answer.message).toContain('try again later');
			expect(run.logger.warn).toHaveBeenCalledTimes(1);
			expect(String(run.logger.warn.mock.calls[0][0])).toContain('could not confirm');
		}
	});

	it('no "Keyclic API" credential → 503, and the warning says which credential is missing', async () => {
		const run = await confirmRun(keyclic(), {
			params: { authentication: 'none' },
			credentials: null,
			query: {},
			body: notification('report_created', reportPayload()),
		});
		expectRejected(run, 503, 'confirmation_unavailable');
		expect(String(run.logger.warn.mock.calls[0][0])).toContain('No "Keyclic API" credential selected');
	});

	it.each<[string, unknown]>([
		['an Operation for a report', operationPayload({ id: REPORT_ID })],
		['a report without a valid id', freshReport({ id: 'not-a-uuid' })],
		['a string', 'ok'],
		['a list', [freshReport()]],
	])('Keyclic answers %s → 502 confirmation_unavailable', async (_label, answer) => {
		const api = keyclic();
		api.intercept('GET', REPORT_PATH, () => answer);
		const run = await confirmRun(api, { body: notification('report_created', reportPayload()) });
		const body = expectRejected(run, 502, 'confirmation_unavailable');
		expect(body.message).toContain('unexpected report');
	});

	it('Automatic registration: a resource of another organization → 403 not_confirmed', async () => {
		const api = keyclic();
		api.resources.set(
			REPORT_PATH,
			freshReport({ _links: { self: { href: REPORT_PATH }, organization: { href: `/organizations/${OTHER_ORGANIZATION}` } } }),
		);
		const run = await automaticConfirmRun(api, notification('report_created', reportPayload()));
		const body = expectRejected(run, 403, 'not_confirmed');
		expect(body.message).toContain('another Keyclic organization');
	});

	it('the refusal also applies with outputRaw', async () => {
		const api = keyclic();
		api.resources.delete(REPORT_PATH);
		const run = await confirmRun(api, { params: { options: { outputRaw: true } }, body: notification('report_created', reportPayload()) });
		expectRejected(run, 403, 'not_confirmed');
	});
});

describe('Confirm with Keyclic API: when the API is not called', () => {
	it('an unselected event is ignored without any API call', async () => {
		const api = keyclic();
		const run = await confirmRun(api, {
			params: { events: ['report_created'] },
			body: notification('operation_created', operationPayload()),
		});
		expectIgnored(run, 'operation_created');
		expect(api.requests).toEqual([]);
	});

	it('an invalid notification is a 400 without any API call', async () => {
		const api = keyclic();
		const run = await confirmRun(api, { body: notification('report_created', reportPayload({ id: '' })) });
		expectBadRequest(run);
		expect(api.requests).toEqual([]);
	});

	it('a call with a wrong secret is refused before any API call', async () => {
		const api = keyclic();
		const run = await confirmRun(api, { query: { token: 'example-wrong-token' }, body: notification('report_created', reportPayload()) });
		expect(run.response.statusCode).toBe(403);
		expect(api.requests).toEqual([]);
	});

	it('with the option off (default), nothing is asked and the item says confirmed: false', async () => {
		const api = keyclic();
		const body = notification('report_created', reportPayload());
		const run = await runWebhook({ api: api.request, body });
		const item = acceptedItem(run.result);
		expect(api.requests).toEqual([]);
		expect(item).toMatchObject({ state: 'NEW', confirmed: false });
		expect(item.payload).toBe(body.payload);
	});
});

describe('webhook(): secret of Automatic registration (static data)', () => {
	const automatic = (options: WebhookContextOptions) =>
		runWebhook({
			params: { registration: 'automatic', organization: organizationLocator() },
			credentials: null,
			body: notification('report_created', reportPayload()),
			...options,
		});

	it('accepts the token generated at activation, without reading the secret credential', async () => {
		const run = await automatic({ staticData: { webhookToken: REGISTERED_TOKEN }, query: { token: REGISTERED_TOKEN } });
		expect(acceptedItem(run.result).id).toBe(REPORT_ID);
		expect(run.credentialRequests).toEqual([]);
	});

	it.each([
		['another token', { token: 'fedcba9876543210'.repeat(4) }],
		['the secret of the Manual credential', { token: EXAMPLE_TOKEN }],
		['the right token with a suffix', { token: `${REGISTERED_TOKEN}0` }],
	])('403 invalid_token for %s', async (_label, query) => {
		const run = await automatic({ staticData: { webhookToken: REGISTERED_TOKEN }, query });
		expectRejected(run, 403, 'invalid_token');
	});

	it('401 missing_token without token', async () => {
		const run = await automatic({ staticData: { webhookToken: REGISTERED_TOKEN }, query: {} });
		expectRejected(run, 401, 'missing_token');
	});

	it('ignores the Authentication parameter: "none" still requires the generated token', async () => {
		const run = await automatic({
			params: { registration: 'automatic', authentication: 'none' },
			staticData: { webhookToken: REGISTERED_TOKEN },
			query: {},
		});
		expectRejected(run, 401, 'missing_token');
	});

	it.each<[string, IDataObject | undefined]>([
		['no static data', undefined],
		['static data without token', { organization: ORGANIZATION_ID }],
		['an empty token', { webhookToken: '' }],
		['a token that is not a string', { webhookToken: 12345 }],
	])('401 not_registered with %s, whatever the call carries', async (_label, staticData) => {
		const run = await automatic({ staticData, query: { token: REGISTERED_TOKEN } });
		const body = expectRejected(run, 401, 'not_registered');
		expect(body.message).toContain('activate');
	});
});

describe('Confirm with Keyclic API: ids that are not UUIDs', () => {
	it('stay one path segment of the API call (no path traversal)', async () => {
		const api = keyclic();
		const run = await confirmRun(api, { body: notification('report_created', reportPayload({ id: '../organizations/x?y' })) });
		expect(api.requests.map((request) => request.url)).toEqual([`${API_BASE_URL}/reports/..%2Forganizations%2Fx%3Fy`]);
		expect(run.response.statusCode).toBe(403);
	});
});
