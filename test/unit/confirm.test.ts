// "Confirm with Keyclic API" (confirm.ts) through webhook(), against the Keyclic emulator: the notification carries the
// resource as Keyclic sent it, the emulator has it as it is now. Also the secret of Automatic registration (generated at
// activation, kept in static data) checked by webhook().
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { confirmWithKeyclic } from '../../nodes/KeyclicTrigger/webhook/confirm';
import { identifyPayload } from '../../nodes/KeyclicTrigger/webhook/envelope';
import {
	ORGANIZATION_ID,
	REPORT_ID,
	acceptedItem,
	expectBadRequest,
	expectIgnored,
	expectRejected,
	notification,
	reportPayload,
} from './helpers/bodies';
import { EXAMPLE_TOKEN, createWebhookContext, runWebhook } from './helpers/context';
import type { WebhookContextOptions, WebhookRun } from './helpers/context';
import { bothEras, emulatorHttp, keyclicGet } from './helpers/emulator';
import type { Emulator, SentRequest } from './helpers/emulator';
import type { HttpHandler } from './helpers/n8n';
import { organizationLocator } from './helpers/hookContext';

const REGISTERED_TOKEN = '0123456789abcdef'.repeat(4);

const eras = bothEras();

/** A report Keyclic notified when it was made (NEW), accepted since; `fresh` is what Keyclic answers now. */
async function acceptedReport(organization = eras.org) {
	const made = eras.emu.createReport({ organization, description: 'Fuite hall B' });
	eras.emu.transitionReport(made.id, 'accept');
	return { id: made.id, path: `/reports/${made.id}`, sent: made, fresh: await keyclicGet(eras.emu, `/reports/${made.id}`) };
}

/** An operation of the legacy emulator, in progress. */
function operationInProgress() {
	const report = eras.emu.createReport({ organization: eras.org, description: 'Fuite hall B' });
	eras.emu.transitionReport(report.id, 'accept');
	const { id } = eras.emu.createOperation({ report: report.id, name: 'Réparer' });
	eras.emu.assignOperation(id);
	const payload = eras.emu.transitionOperation(id, 'progress');
	return { id, path: `/operations/${id}`, payload };
}

/** webhook() with "Confirm with Keyclic API" on, Manual registration with the secret credential, against `on`. */
async function confirmRun(sent: SentRequest[], options: WebhookContextOptions = {}, on: Emulator = eras.emu): Promise<WebhookRun> {
	return await runWebhook({
		credentials: { token: EXAMPLE_TOKEN, baseUrl: on.url, applicationKey: on.seed.appKey, accessToken: on.issueToken() },
		api: emulatorHttp(sent),
		...options,
		params: { confirmWithApi: true, ...(options.params ?? {}) },
	});
}

/** Same, in Automatic registration for eras.org (where the organization is checked). */
async function automaticConfirmRun(body: IDataObject, options: WebhookContextOptions = {}): Promise<WebhookRun> {
	return await confirmRun([], {
		params: { registration: 'automatic', organization: organizationLocator(eras.org) },
		staticData: { webhookToken: REGISTERED_TOKEN, organization: eras.org },
		query: { token: REGISTERED_TOKEN },
		body,
		...options,
	});
}

/** n8n's HTTP client answering `answer` by hand: for answers Keyclic never gives (the emulator does not either). */
const byHand =
	(answer: (options: IHttpRequestOptions) => unknown): HttpHandler =>
	async (options) =>
		answer(options);

describe('Confirm with Keyclic API: confirmed notifications', () => {
	it('re-reads the report (GET /reports/{id}) and the item carries the fresh state, confirmed: true', async () => {
		const report = await acceptedReport();
		const body = notification('report_created', report.sent);
		const sent: SentRequest[] = [];
		const run = await confirmRun(sent, { body });
		const item = acceptedItem(run.result);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ credentialType: 'keyclicApi', method: 'GET', url: `${eras.emu.url}${report.path}` });
		expect(item).toMatchObject({
			event: 'report_created',
			id: report.id,
			state: 'ACCEPTED',
			updatedAt: report.fresh.updatedAt,
			confirmed: true,
		});
		expect(item.payload).toEqual(report.fresh);
		expect(item.payload).not.toBe(body.payload);
		expect(run.result.webhookResponse).toEqual({ status: 'accepted', event: 'report_created', id: report.id });
	});

	it('re-reads the operation (GET /operations/{id}) for operation events, camelCase spelling included (2025 era)', async () => {
		const report = eras.modern.createReport({ organization: eras.modern.seed.organizations[0].id, description: 'Fuite' });
		eras.modern.transitionReport(report.id, 'accept');
		const made = eras.modern.createOperation({ report: report.id, name: 'Réparer' });
		eras.modern.assignOperation(made.id);
		eras.modern.transitionOperation(made.id, 'progress');
		eras.modern.transitionOperation(made.id, 'resolve');
		const fresh = await keyclicGet(eras.modern, `/operations/${made.id}`);
		const label = ((fresh._embedded as IDataObject).workflow as { state: IDataObject }).state.name;
		const sent: SentRequest[] = [];
		const run = await confirmRun(sent, { body: notification('operationStateChanged', made) }, eras.modern);
		const item = acceptedItem(run.result);
		expect(sent.map((request) => request.path)).toEqual([`/operations/${made.id}`]);
		expect(item).toMatchObject({ event: 'operation_state_changed', state: 'RESOLVED', stateLabel: label, confirmed: true });
		expect(item.payload).toEqual(fresh);
	});

	it('operation_removed: the operation is gone (404) → accepted with the version Keyclic sent', async () => {
		const operation = operationInProgress();
		eras.emu.deleteOperation(operation.id);
		const body = notification('operation_removed', operation.payload);
		const sent: SentRequest[] = [];
		const run = await confirmRun(sent, { body });
		const item = acceptedItem(run.result);
		expect(sent.map((request) => request.path)).toEqual([operation.path]);
		expect(item).toMatchObject({ event: 'operation_removed', id: operation.id, state: 'IN_PROGRESS', confirmed: true });
		expect(item.payload).toBe(body.payload);
	});

	it('Automatic registration: a resource of the selected organization is confirmed', async () => {
		const report = await acceptedReport();
		const run = await automaticConfirmRun(notification('report_state_changed', report.sent));
		expect(acceptedItem(run.result)).toMatchObject({ organizationId: eras.org, state: 'ACCEPTED', confirmed: true });
	});

	it('Automatic registration: a fresh resource without organization link is not refused', async () => {
		// Keyclic's reports link their organization; one without, by hand
		const report = await acceptedReport();
		const run = await automaticConfirmRun(notification('report_created', report.sent), {
			api: byHand(() => ({ ...report.fresh, _links: { self: { href: report.path } } })),
		});
		expect(acceptedItem(run.result).organizationId).toBeNull();
	});

	it('confirmWithKeyclic returns the fresh resource and the fresh payload', async () => {
		const report = await acceptedReport();
		const { context } = createWebhookContext({
			credentials: { baseUrl: eras.emu.url, applicationKey: eras.emu.seed.appKey, accessToken: eras.emu.issueToken() },
			api: emulatorHttp(),
		});
		const checked = identifyPayload('report_created', report.sent);
		if (!checked.ok) throw new Error('not a report');
		const confirmation = await confirmWithKeyclic(context, 'report_created', checked.resource, '');
		expect(confirmation).toEqual({ ok: true, resource: { resourceType: 'report', id: report.id, payload: report.fresh } });
	});
});

describe('Confirm with Keyclic API: refusals', () => {
	it.each([404, 403])('report unknown to Keyclic (API %i) → 403 not_confirmed, no execution', async (status) => {
		// 404: a report the emulator does not have; 403: one it refuses to show
		const report = status === 404 ? { id: REPORT_ID, sent: reportPayload() } : await acceptedReport();
		if (status === 403) await eras.emu.setFault({ errorStatus: { status, paths: `/reports/${report.id}`, methods: ['GET'] } });
		const run = await confirmRun([], { body: notification('report_created', report.sent) });
		const body = expectRejected(run, 403, 'not_confirmed');
		expect(body.message).toContain(report.id);
		expect(body.message).toContain(`the API answered ${status}`);
	});

	it('operation_removed while the operation still exists (200) → 409 not_confirmed', async () => {
		const run = await confirmRun([], { body: notification('operationRemoved', operationInProgress().payload) });
		const body = expectRejected(run, 409, 'not_confirmed');
		expect(body.message).toContain('still exists');
	});

	it('operation_removed refused by Keyclic (403) → 403 not_confirmed', async () => {
		const operation = operationInProgress();
		await eras.emu.setFault({ errorStatus: { status: 403, paths: operation.path, methods: ['GET'] } });
		const run = await confirmRun([], { body: notification('operation_removed', operation.payload) });
		expectRejected(run, 403, 'not_confirmed');
	});

	it.each<[string, IDataObject]>([
		['answers 500', { errorStatus: { status: 500, methods: ['GET'] } }],
		['refuses the login (401)', { errorStatus: { status: 401, methods: ['GET'] } }],
		['cannot be reached', { down: 'refuse' }],
	])('Keyclic %s → 503 confirmation_unavailable and a warning', async (_label, fault) => {
		for (const event of ['report_created', 'operation_removed']) {
			const payload = event === 'report_created' ? (await acceptedReport()).sent : operationInProgress().payload;
			await eras.emu.setFault(fault);
			try {
				const run = await confirmRun([], { body: notification(event, payload) });
				const answer = expectRejected(run, 503, 'confirmation_unavailable');
				expect(answer.message).toContain('try again later');
				expect(run.logger.warn).toHaveBeenCalledTimes(1);
				expect(String(run.logger.warn.mock.calls[0][0])).toContain('could not confirm');
			} finally {
				await eras.emu.setFault({ reset: true });
			}
		}
	});

	it('no "Keyclic API" credential → 503, and the warning says which credential is missing', async () => {
		const sent: SentRequest[] = [];
		const run = await confirmRun(sent, {
			params: { authentication: 'none' },
			credentials: null,
			query: {},
			body: notification('report_created', (await acceptedReport()).sent),
		});
		expectRejected(run, 503, 'confirmation_unavailable');
		expect(String(run.logger.warn.mock.calls[0][0])).toContain('No "Keyclic API" credential selected');
		expect(sent).toEqual([]);
	});

	it.each<[string, (fresh: IDataObject, operation: IDataObject) => unknown]>([
		['an Operation for a report', (fresh, operation) => ({ ...operation, id: fresh.id })],
		['a report without a valid id', (fresh) => ({ ...fresh, id: 'not-a-uuid' })],
		['a string', () => 'ok'],
		['a list', (fresh) => [fresh]],
	])('Keyclic answers %s → 502 confirmation_unavailable', async (_label, answer) => {
		// answers Keyclic never gives, by hand (made of the emulator's report and operation)
		const report = await acceptedReport();
		const operation = operationInProgress().payload;
		const run = await confirmRun([], {
			body: notification('report_created', report.sent),
			api: byHand(() => answer(report.fresh, operation)),
		});
		const body = expectRejected(run, 502, 'confirmation_unavailable');
		expect(body.message).toContain('unexpected report');
	});

	it('Automatic registration: a resource of another organization → 403 not_confirmed', async () => {
		// Keyclic has the report in another organization than the notification claims
		const report = await acceptedReport(eras.emu.seed.organizations[1].id);
		const claimed = {
			...report.sent,
			_links: { ...(report.sent._links as IDataObject), organization: { href: `/organizations/${eras.org}` } },
		};
		const run = await automaticConfirmRun(notification('report_created', claimed));
		const body = expectRejected(run, 403, 'not_confirmed');
		expect(body.message).toContain('another Keyclic organization');
	});

	it('the refusal also applies with outputRaw', async () => {
		const run = await confirmRun([], { params: { options: { outputRaw: true } }, body: notification('report_created', reportPayload()) });
		expectRejected(run, 403, 'not_confirmed');
	});
});

describe('Confirm with Keyclic API: when the API is not called', () => {
	it('an unselected event is ignored without any API call', async () => {
		const sent: SentRequest[] = [];
		const run = await confirmRun(sent, {
			params: { events: ['report_created'] },
			body: notification('operation_created', operationInProgress().payload),
		});
		expectIgnored(run, 'operation_created');
		expect(sent).toEqual([]);
	});

	it('an invalid notification is a 400 without any API call', async () => {
		const sent: SentRequest[] = [];
		const run = await confirmRun(sent, { body: notification('report_created', { ...(await acceptedReport()).sent, id: '' }) });
		expectBadRequest(run);
		expect(sent).toEqual([]);
	});

	it('a call with a wrong secret is refused before any API call', async () => {
		const sent: SentRequest[] = [];
		const run = await confirmRun(sent, {
			query: { token: 'example-wrong-token' },
			body: notification('report_created', (await acceptedReport()).sent),
		});
		expect(run.response.statusCode).toBe(403);
		expect(sent).toEqual([]);
	});

	it('with the option off (default), nothing is asked and the item says confirmed: false', async () => {
		const sent: SentRequest[] = [];
		const body = notification('report_created', (await acceptedReport()).sent);
		const run = await runWebhook({ api: emulatorHttp(sent), body });
		const item = acceptedItem(run.result);
		expect(sent).toEqual([]);
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
		const sent: SentRequest[] = [];
		const run = await confirmRun(sent, { body: notification('report_created', reportPayload({ id: '../organizations/x?y' })) });
		expect(sent.map((request) => request.url)).toEqual([`${eras.emu.url}/reports/..%2Forganizations%2Fx%3Fy`]);
		expect(run.response.statusCode).toBe(403);
	});
});
