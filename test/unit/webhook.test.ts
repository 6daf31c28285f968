// Every answer of KeyclicTrigger.webhook(): 401, 403, 500, 415, 400, ignored, accepted (normalized or raw).
import { WEBHOOK_SECRET_CREDENTIAL } from '../../nodes/common/credentialNames';
import {
	OPERATION_ID,
	REPORT_ID,
	acceptedItem,
	expectBadRequest,
	expectIgnored,
	expectRejected,
	notification,
	operationPayload,
	reportPayload,
} from './helpers/bodies';
import { EXAMPLE_TOKEN, runWebhook } from './helpers/context';

const validReport = () => notification('report_created', reportPayload());

describe('webhook(): secret token (authentication "urlToken", the default)', () => {
	it('uses urlToken when the parameter is at its default and reads the keyclicWebhookSecretApi credential', async () => {
		const run = await runWebhook({ body: validReport() });
		expect(run.credentialRequests).toEqual([WEBHOOK_SECRET_CREDENTIAL]);
		expect(WEBHOOK_SECRET_CREDENTIAL).toBe('keyclicWebhookSecretApi');
		acceptedItem(run.result);
	});

	it('uses urlToken when the authentication parameter is absent (fallback)', async () => {
		const run = await runWebhook({ params: { authentication: undefined }, query: {}, body: validReport() });
		expect(run.response.statusCode).toBe(401);
	});

	it("an unknown authentication value fails closed with the node's own 500 (n8n hides the secret credential: no execution)", async () => {
		// The secret credential is displayed for authentication "urlToken" only, so n8n refuses to hand it out.
		const run = await runWebhook({ params: { authentication: 'bogus' }, query: {}, body: validReport() });
		expect(expectRejected(run, 500, 'trigger_misconfigured').message).toContain('Credentials not found');
		expect(run.result.workflowData).toBeUndefined();
	});

	it('no secret credential selected: 500 trigger_misconfigured that says to select one, no execution', async () => {
		const run = await runWebhook({ credentials: null, query: { token: EXAMPLE_TOKEN }, body: validReport() });
		expect(expectRejected(run, 500, 'trigger_misconfigured').message).toContain('Select one in the trigger');
		expect(run.result.workflowData).toBeUndefined();
	});

	it.each([
		['no query at all', {}],
		['an empty token', { token: '' }],
		['another parameter only', { tok: EXAMPLE_TOKEN }],
		['a query that is not an object', 'token'],
		['an undefined query', undefined],
	])('401 missing_token for %s', async (_label, query) => {
		const run = await runWebhook({ query, body: validReport() });
		expect(expectRejected(run, 401, 'missing_token').message).toContain('?token=');
	});

	it.each([
		['a wrong token', { token: 'example-wrong-token-for-tests' }],
		['the right token with a suffix', { token: `${EXAMPLE_TOKEN}x` }],
		['a prefix of the right token', { token: EXAMPLE_TOKEN.slice(0, -1) }],
		['the right token in another case', { token: EXAMPLE_TOKEN.toUpperCase() }],
		['a repeated token parameter (array)', { token: [EXAMPLE_TOKEN, EXAMPLE_TOKEN] }],
		['a nested token (object)', { token: { value: EXAMPLE_TOKEN } }],
	])('403 invalid_token for %s', async (_label, query) => {
		expectRejected(await runWebhook({ query, body: validReport() }), 403, 'invalid_token');
	});

	it.each([
		['an empty token', { token: '' }],
		['no token field', {}],
		['a token that is not a string', { token: 12345 }],
	])('500 trigger_misconfigured when the credential has %s', async (_label, credentials) => {
		const run = await runWebhook({ credentials, body: validReport() });
		expect(expectRejected(run, 500, 'trigger_misconfigured').message).toContain('credential');
	});

	it('checks the token before the body: a bad body without token is a 401, not a 400', async () => {
		const run = await runWebhook({ query: {}, body: 'not json' });
		expect(run.response.statusCode).toBe(401);
	});

	it('checks the token before the event filter: an unselected event with a wrong token is a 403', async () => {
		const run = await runWebhook({ params: { events: [] }, query: { token: 'example-wrong' }, body: validReport() });
		expect(run.response.statusCode).toBe(403);
		expect(run.result.webhookResponse).toBeUndefined();
	});

	it('the secret from the credential is what is compared, not a constant', async () => {
		const other = 'example-other-token-for-tests';
		const accepted = await runWebhook({ credentials: { token: other }, query: { token: other }, body: validReport() });
		acceptedItem(accepted.result);
		const refused = await runWebhook({ credentials: { token: other }, body: validReport() });
		expect(refused.response.statusCode).toBe(403);
	});
});

describe('webhook(): authentication "none"', () => {
	it('accepts a call without token and never reads the credential', async () => {
		const run = await runWebhook({ params: { authentication: 'none' }, query: {}, credentials: null, body: validReport() });
		expect(run.credentialRequests).toEqual([]);
		acceptedItem(run.result);
	});

	it('still validates the body', async () => {
		const run = await runWebhook({ params: { authentication: 'none' }, query: {}, body: {} });
		expectBadRequest(run);
	});
});

describe('webhook(): answers after authentication', () => {
	it('400 invalid_notification for a malformed body, written once, no execution', async () => {
		const run = await runWebhook({ body: [] });
		const body = expectBadRequest(run);
		expect(body.problems).toEqual([expect.stringMatching(/^body: must be a JSON object/)]);
	});

	it('400 for a selected event whose payload cannot be identified, message naming the event', async () => {
		const run = await runWebhook({ body: notification('reportCreated', reportPayload({ id: 7 })) });
		const body = expectBadRequest(run);
		expect(body.message).toContain('report_created');
		expect(body.problems).toEqual(["payload.id: must be a non-empty string (the report's id), got 7"]);
	});

	it('ignored (200, no execution) for a valid event that is not selected', async () => {
		const run = await runWebhook({ params: { events: ['report_created'] }, body: notification('operation_created', operationPayload()) });
		expectIgnored(run, 'operation_created');
	});

	it('accepted: {status, event, id} answer and one normalized item', async () => {
		const body = notification('operationStateChanged', operationPayload());
		const run = await runWebhook({ body });
		expect(run.result.webhookResponse).toEqual({ status: 'accepted', event: 'operation_state_changed', id: OPERATION_ID });
		const item = acceptedItem(run.result);
		expect(item).toMatchObject({
			event: 'operation_state_changed',
			resourceType: 'operation',
			id: OPERATION_ID,
			state: 'IN_PROGRESS',
			stateLabel: 'En cours',
			reportId: REPORT_ID,
		});
		expect(item.payload).toBe(body.payload);
		expect(run.response.statusCalls).toBe(0);
		expect(run.response.jsonCalls).toBe(0);
	});

	it('receivedAt is the ISO 8601 UTC time of the call', async () => {
		const before = Date.now();
		const run = await runWebhook({ body: validReport() });
		const after = Date.now();
		const receivedAt = acceptedItem(run.result).receivedAt as string;
		expect(receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(Date.parse(receivedAt)).toBeGreaterThanOrEqual(before);
		expect(Date.parse(receivedAt)).toBeLessThanOrEqual(after);
	});

	it('works the same in manual (test URL) mode', async () => {
		const run = await runWebhook({ mode: 'manual', body: validReport() });
		expect(acceptedItem(run.result).id).toBe(REPORT_ID);
	});
});

describe('webhook(): option outputRaw', () => {
	it('outputs the body exactly as received (same object), camelCase event kept', async () => {
		const body = notification('reportCreated', reportPayload({ customField: 1 }));
		const run = await runWebhook({ params: { options: { outputRaw: true } }, body });
		const item = acceptedItem(run.result);
		expect(item).toBe(body);
		expect(item).toEqual({ event: 'reportCreated', payload: reportPayload({ customField: 1 }) });
		expect(run.result.webhookResponse).toEqual({ status: 'accepted', event: 'report_created', id: REPORT_ID });
	});

	it('still rejects invalid payloads and still filters events', async () => {
		const invalid = await runWebhook({
			params: { options: { outputRaw: true } },
			body: notification('report_created', reportPayload({ type: 'Operation' })),
		});
		expectBadRequest(invalid);
		const ignored = await runWebhook({
			params: { options: { outputRaw: true }, events: ['operation_created'] },
			body: validReport(),
		});
		expectIgnored(ignored, 'report_created');
	});

	it.each([
		['absent', undefined],
		['an empty collection', {}],
		['false', { outputRaw: false }],
		['not an object', 'outputRaw'],
	])('normalized output when options is %s', async (_label, options) => {
		const body = validReport();
		const run = await runWebhook({ params: { options }, body });
		const item = acceptedItem(run.result);
		expect(item).not.toBe(body);
		expect(item.eventKey).toEqual(expect.any(String));
	});
});

describe('webhook(): a body n8n did not parse (typeVersion 2 parses only JSON, form, text and XML)', () => {
	it.each([
		['no content type', {}, undefined],
		['no content type, empty body', {}, {}],
		['application/octet-stream', { 'content-type': 'application/octet-stream' }, undefined],
		['application/xml', { 'content-type': 'application/xml' }, { root: { event: 'report_created' } }],
		['text/plain with JSON text', { 'content-type': 'text/plain' }, '{"event":"report_created"}'],
	])('%s → 415 naming application/json, no execution', async (_label, headers, body) => {
		const run = await runWebhook({ headers, body });
		expect(run.result).toEqual({ noWebhookResponse: true });
		expect(run.response.statusCode).toBe(415);
		expect(run.response.statusCalls).toBe(1);
		expect(run.response.body).toEqual({
			error: 'unsupported_content_type',
			message: expect.stringContaining('"Content-Type: application/json"'),
		});
	});

	it('application/json with parameters is JSON', async () => {
		const run = await runWebhook({
			headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
			body: notification('report_created', reportPayload()),
		});
		acceptedItem(run.result);
	});

	it('a missing secret is still answered first (401), whatever the content type', async () => {
		const run = await runWebhook({ headers: {}, query: {}, body: undefined });
		expect(run.response.statusCode).toBe(401);
	});

	it('a form-urlencoded body is 415 even though n8n parsed it into an object', async () => {
		const run = await runWebhook({
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: { event: 'report_created', payload: 'Report' },
		});
		expect(expectRejected(run, 415, 'unsupported_content_type').message).toContain('application/x-www-form-urlencoded');
	});
});
