// Retries of Keyclic API calls (common/transport/retry.ts through keyclicRequest and Confirm): GETs are
// tried again on 429 / 503 / no answer, a bounded number of times, honouring Retry-After up to the
// credential's Retry Limit; POST/PATCH/DELETE never; the final error says what was tried.
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { keyclicRequest } from '../../nodes/common/transport';
import { MAX_RETRIES, retryAfterMs } from '../../nodes/common/transport/retry';
import { CONFIRM_TIME_MS } from '../../nodes/KeyclicTrigger/webhook/confirm';
import { REPORT_ID, acceptedItem, expectRejected, notification, rejectionOf, reportPayload } from './helpers/bodies';
import { EXAMPLE_TOKEN, runWebhook } from './helpers/context';
import { createKeyclicHookContext } from './helpers/hookContext';
import type { KeyclicHook } from './helpers/hookContext';
import { API_BASE_URL, FakeKeyclicApi, httpError } from './helpers/keyclicApi';

const anything = z.unknown();

/** An HTTP error answer carrying headers, as n8n's HTTP client throws it. */
function answered(status: number, headers: IDataObject = {}): Error {
	const error = httpError(status);
	Object.assign((error as Error & { response: IDataObject }).response, { headers });
	return error;
}

const noAnswer = (code: string, message: string): Error => Object.assign(new Error(message), { code });

/** A hook context whose `method /thing` fails with each of `failures` in turn, then answers {ok: true}. */
function failing(method: string, failures: Array<() => Error>, credentials: IDataObject = {}): KeyclicHook {
	const hook = createKeyclicHookContext({
		credentials: { login: 'user@example.com', password: 'secret', baseUrl: API_BASE_URL, ...credentials },
	});
	let calls = 0;
	hook.api.intercept(method, '/thing', () => {
		const failure = failures[calls++];
		if (failure) throw failure();
		return { ok: true };
	});
	return hook;
}

const call = (hook: KeyclicHook, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' = 'GET') =>
	keyclicRequest(hook.context, anything, method, '/thing', 'get the thing');

describe('GET: retried on 429, 503 and no answer', () => {
	it.each<[string, () => Error]>([
		['429 with Retry-After: 0', () => answered(429, { 'retry-after': '0' })],
		['503', () => answered(503)],
		['a reset connection', () => noAnswer('ECONNRESET', 'socket hang up')],
		['a refused connection', () => noAnswer('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9')],
		['a timeout', () => noAnswer('ECONNABORTED', 'timeout of 60000ms exceeded')],
		// n8n 1.x: its NodeApiError keeps the code only as httpCode, and its own message
		[
			'a refused connection, as n8n 1.x reports it',
			() => Object.assign(new Error('The service refused the connection - perhaps it is offline'), { httpCode: 'ECONNREFUSED' }),
		],
	])('%s, twice, then an answer: the answer, after 3 calls', async (_label, failure) => {
		const hook = failing('GET', [failure, failure]);
		await expect(call(hook)).resolves.toEqual({ ok: true });
		expect(hook.api.calls('GET', '/thing')).toHaveLength(3);
	});

	it(`gives up after ${MAX_RETRIES} retries and says every call's outcome`, async () => {
		const always = Array.from({ length: 10 }, () => () => answered(503, { 'retry-after': '0' }));
		const hook = failing('GET', always);
		const error = await rejectionOf(call(hook), NodeApiError);
		expect(hook.api.calls('GET', '/thing')).toHaveLength(MAX_RETRIES + 1);
		expect(error.message).toBe(
			'Could not get the thing: Service unavailable - try again later or consider setting this node to retry automatically (in the node settings)',
		);
		const outcomes = Array(MAX_RETRIES + 1)
			.fill('503 (Retry-After 0 s)')
			.join(', ');
		expect(error.description).toContain(`Called GET /thing ${MAX_RETRIES + 1} times: ${outcomes}; gave up after ${MAX_RETRIES + 1} calls.`);
	});

	it('names a timeout and a reset connection in the final error', async () => {
		const hook = failing('GET', [
			() => noAnswer('ECONNABORTED', 'timeout of 60000ms exceeded'),
			...Array.from({ length: MAX_RETRIES }, () => () => noAnswer('ECONNRESET', 'socket hang up')),
		]);
		const error = await rejectionOf(call(hook), NodeApiError);
		expect(error.message).toContain('could not be reached');
		expect(error.description).toContain('no answer within 60 s, no answer (ECONNRESET)');
	});

	it('names the network error n8n 1.x keeps only as httpCode (no cause, its own message)', async () => {
		const n8n1 = (httpCode: string, message: string) => () => Object.assign(new Error(message), { httpCode });
		const hook = failing('GET', [
			n8n1('ECONNABORTED', 'The connection was aborted, perhaps the server is offline'),
			...Array.from({ length: MAX_RETRIES }, () => n8n1('ECONNREFUSED', 'The service refused the connection - perhaps it is offline')),
		]);
		const error = await rejectionOf(call(hook), NodeApiError);
		expect(error.description).toContain('no answer within 60 s, no answer (ECONNREFUSED), no answer (ECONNREFUSED)');
	});

	it.each([400, 403, 404, 409, 422, 500, 502])(
		"%s is not retried (the same call would get the same answer; a 401 is n8n's, which logs in again once)",
		async (status) => {
			const hook = failing('GET', [() => answered(status, { 'retry-after': '0' })]);
			const error = await rejectionOf(call(hook), NodeApiError);
			expect(hook.api.calls('GET', '/thing')).toHaveLength(1);
			expect(error.httpCode).toBe(String(status));
			expect(error.description).not.toContain('Called GET');
		},
	);

	it('honours Retry-After: the next call waits that long', async () => {
		const hook = createKeyclicHookContext({ credentials: { login: 'user@example.com', password: 'secret', baseUrl: API_BASE_URL } });
		const at: number[] = [];
		hook.api.intercept('GET', '/thing', () => {
			at.push(Date.now());
			if (at.length === 1) throw answered(429, { 'retry-after': '1' });
			return { ok: true };
		});
		await expect(call(hook)).resolves.toEqual({ ok: true });
		expect(at).toHaveLength(2);
		expect(at[1] - at[0]).toBeGreaterThanOrEqual(990);
	});

	it('a Retry-After past the Retry Limit: no wait, no retry, and the error says why', async () => {
		const hook = failing('GET', [() => answered(429, { 'retry-after': '60' })]);
		const error = await rejectionOf(call(hook), NodeApiError);
		expect(hook.api.calls('GET', '/thing')).toHaveLength(1);
		expect(error.description).toContain(
			'Called GET /thing once: 429 (Retry-After 60 s); not tried again: Keyclic asked to wait 60 s, past the limit of 30 s (Retry Limit of the "Keyclic API" credential).',
		);
	});

	it("the Retry Limit is the credential's: 90 s lets a Retry-After of 1 s through, 0 turns retries off", async () => {
		const patient = failing('GET', [() => answered(429, { 'retry-after': '1' })], { retryLimit: 90 });
		await expect(call(patient)).resolves.toEqual({ ok: true });
		const none = failing('GET', [() => answered(503)], { retryLimit: 0 });
		const error = await rejectionOf(call(none), NodeApiError);
		expect(none.api.calls('GET', '/thing')).toHaveLength(1);
		expect(error.description).toContain('would pass the limit of 0 s (Retry Limit of the "Keyclic API" credential)');
	});

	it('every call carries a timeout', async () => {
		const hook = failing('GET', []);
		await call(hook);
		expect(hook.api.calls('GET', '/thing')[0].options.timeout).toBe(60000);
	});
});

describe('POST, PATCH, DELETE: never retried', () => {
	it.each<['POST' | 'PATCH' | 'DELETE', string, () => Error]>([
		['POST', '503', () => answered(503, { 'retry-after': '0' })],
		['POST', 'no answer', () => noAnswer('ECONNRESET', 'socket hang up')],
		['PATCH', '429', () => answered(429, { 'retry-after': '0' })],
		['PATCH', 'a timeout', () => noAnswer('ECONNABORTED', 'timeout of 60000ms exceeded')],
		['DELETE', '503', () => answered(503)],
	])('%s after %s: one call, and the error says it was not repeated', async (method, _label, failure) => {
		const hook = failing(method, [failure]);
		const error = await rejectionOf(call(hook, method), NodeApiError);
		expect(hook.api.calls(method, '/thing')).toHaveLength(1);
		expect(error.description).toContain(`Called ${method} /thing once:`);
		expect(error.description).toContain(`a ${method} is never repeated (Keyclic may have applied it)`);
	});
});

describe('Retry-After', () => {
	it('reads seconds and HTTP dates, on the error or its cause', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs({ response: { headers: { 'retry-after': '7' } } }, now)).toBe(7000);
		expect(retryAfterMs({ cause: { response: { headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' } } } }, now)).toBe(5000);
		expect(retryAfterMs({ response: { headers: { 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' } } }, now)).toBe(0);
		expect(retryAfterMs({ response: { headers: { 'retry-after': 'soon' } } }, now)).toBeUndefined();
		expect(retryAfterMs({ response: { headers: {} } }, now)).toBeUndefined();
	});
});

describe('Confirm: retries capped in total time, then 503', () => {
	const REPORT_PATH = `/reports/${REPORT_ID}`;

	async function confirm(api: FakeKeyclicApi) {
		return await runWebhook({
			credentials: { token: EXAMPLE_TOKEN, baseUrl: API_BASE_URL },
			api: api.request,
			params: { confirmWithApi: true },
			body: notification('report_created', reportPayload()),
		});
	}

	it('429 with Retry-After: 60 → 503 confirmation_unavailable at once, after one call', async () => {
		const api = new FakeKeyclicApi();
		api.intercept('GET', REPORT_PATH, () => {
			throw answered(429, { 'retry-after': '60' });
		});
		const run = await confirm(api);
		expectRejected(run, 503, 'confirmation_unavailable');
		expect(api.calls('GET', REPORT_PATH)).toHaveLength(1);
		const warning = String(run.logger.warn.mock.calls[0][0]);
		expect(warning).toContain(
			`Keyclic asked to wait 60 s, past the limit of ${CONFIRM_TIME_MS / 1000} s (while Keyclic waits for the answer)`,
		);
	});

	it('a 503 then the report: confirmed on the second call', async () => {
		const api = new FakeKeyclicApi();
		api.resources.set(REPORT_PATH, reportPayload());
		let calls = 0;
		api.intercept('GET', REPORT_PATH, (_request, next) => {
			if (calls++ === 0) throw answered(503, { 'retry-after': '0' });
			return next();
		});
		const run = await confirm(api);
		expect(acceptedItem(run.result)).toMatchObject({ id: REPORT_ID });
		expect(api.calls('GET', REPORT_PATH)).toHaveLength(2);
	});

	it(`each call's timeout is what is left of the ${CONFIRM_TIME_MS / 1000} s`, async () => {
		const api = new FakeKeyclicApi();
		api.resources.set(REPORT_PATH, reportPayload());
		await confirm(api);
		const timeout = Number(api.calls('GET', REPORT_PATH)[0].options.timeout);
		expect(timeout).toBeGreaterThan(0);
		expect(timeout).toBeLessThanOrEqual(CONFIRM_TIME_MS);
	});
});
