// Retries of Keyclic API calls (common/transport/retry.ts through keyclicRequest and Confirm) against the Keyclic
// emulator and its faults: GETs are tried again on 429 / 503 / no answer, a bounded number of times, honouring
// Retry-After up to the credential's Retry Limit; POST/PATCH/DELETE never; the final error says what was tried.
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { z } from 'zod/v4';

import { keyclicRequest } from '../../nodes/common/transport';
import { MAX_RETRIES, REQUEST_TIMEOUT_MS, retryAfterMs, retryPlan, triedSentence } from '../../nodes/common/transport/retry';
import { CONFIRM_TIME_MS } from '../../nodes/KeyclicTrigger/webhook/confirm';
import { acceptedItem, expectRejected, notification, rejectionOf } from './helpers/bodies';
import { EXAMPLE_TOKEN, runWebhook } from './helpers/context';
import { emulatorHttp, oneEmulator } from './helpers/emulator';
import type { SentRequest } from './helpers/emulator';
import { createKeyclicHookContext } from './helpers/hookContext';
import type { KeyclicHook } from './helpers/hookContext';

const anything = z.unknown();

const one = oneEmulator();

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One real route per method, with what it needs. */
function routeFor(method: Method): { path: string; body?: IDataObject } {
	if (method === 'GET') return { path: '/organizations' };
	if (method === 'POST') return { path: '/reports', body: { organization: one.org, description: 'Fuite' } };
	const report = one.emu.createReport({ organization: one.org, description: 'Fuite' });
	if (method === 'PATCH') return { path: `/reports/${report.id}`, body: { description: 'Fuite réparée' } };
	return { path: `/operations/${one.emu.createOperation({ report: report.id, name: 'Réparer' }).id}` };
}

/** A hook context on the emulator (credential data changed by `credentials`). */
const hookOf = (credentials: IDataObject = {}): KeyclicHook => createKeyclicHookContext({ emu: one.emu, credentials });

/** The retry plan after `error` (no status: no answer), its outcome's words appended to `attempts`. */
const planAfter = (error: Error, attempts: string[], method: IHttpRequestMethods = 'GET') =>
	retryPlan({
		method,
		error,
		status: undefined,
		attempts,
		elapsedMs: 0,
		limitMs: 30_000,
		limitName: 'limit',
		timeoutMs: REQUEST_TIMEOUT_MS,
	});

const callsTo = (hook: KeyclicHook, method: string, path: string) => hook.sent.filter((r) => r.method === method && r.path === path);

/** keyclicRequest of `method` on its route; resolves with the answer and the path called. */
async function call(hook: KeyclicHook, method: Method = 'GET', route = routeFor(method)) {
	return await keyclicRequest(hook.context, anything, method, route.path, 'get the thing', { body: route.body });
}

/** The next `times` calls of `method` on `path` answer `status` (with Retry-After when given). */
const failWith = async (status: number, times: number | undefined, path: string, method: Method = 'GET', retryAfter?: number) =>
	await one.emu.setFault({
		errorStatus: {
			status,
			paths: path,
			methods: [method],
			...(times ? { times } : {}),
			...(retryAfter === undefined ? {} : { retryAfter }),
		},
	});

describe('GET: retried on 429, 503 and no answer', () => {
	it.each<[string, (path: string) => Promise<unknown>]>([
		['429 with Retry-After: 0', async (path) => await failWith(429, 2, path, 'GET', 0)],
		['503', async (path) => await failWith(503, 2, path)],
		['a reset connection', async (path) => await one.emu.setFault({ dropConnection: { paths: path, methods: ['GET'], times: 2 } })],
	])('%s, twice, then an answer: the answer, after 3 calls', async (_label, arrange) => {
		const hook = hookOf();
		await arrange('/organizations');
		const answer = (await call(hook)) as IDataObject;
		expect(answer.total).toBe(one.emu.seed.organizations.length);
		expect(callsTo(hook, 'GET', '/organizations')).toHaveLength(3);
	});

	it.each<[string, Error, string]>([
		[
			'a refused connection',
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
			'no answer (ECONNREFUSED)',
		],
		['a timeout', Object.assign(new Error('timeout of 60000ms exceeded'), { code: 'ECONNABORTED' }), 'no answer within 60 s'],
		// n8n 1.x: its NodeApiError keeps the code only as httpCode, and its own message
		[
			'a refused connection, as n8n 1.x reports it',
			Object.assign(new Error('The service refused the connection - perhaps it is offline'), { httpCode: 'ECONNREFUSED' }),
			'no answer (ECONNREFUSED)',
		],
	])('%s is "no answer" too: retried after a wait, in words in the final error', (_label, error, words) => {
		// (a refused connection that comes back, and a 60 s timeout, are not staged on the emulator: the plan for them)
		const attempts: string[] = [];
		const ask = () => planAfter(error, attempts);
		expect(ask().waitMs).toBeGreaterThan(0);
		expect(ask().waitMs).toBeGreaterThan(0);
		expect(attempts).toEqual([words, words]);
	});

	it(`gives up after ${MAX_RETRIES} retries and says every call's outcome`, async () => {
		const hook = hookOf();
		await failWith(503, undefined, '/organizations', 'GET', 0);
		const error = await rejectionOf(call(hook), NodeApiError);
		expect(callsTo(hook, 'GET', '/organizations')).toHaveLength(MAX_RETRIES + 1);
		expect(error.message).toBe(
			'Could not get the thing: Service unavailable - try again later or consider setting this node to retry automatically (in the node settings)',
		);
		const outcomes = Array(MAX_RETRIES + 1)
			.fill('503 (Retry-After 0 s)')
			.join(', ');
		expect(error.description).toContain(
			`Called GET /organizations ${MAX_RETRIES + 1} times: ${outcomes}; gave up after ${MAX_RETRIES + 1} calls.`,
		);
	});

	it('names a timeout and a reset connection in the final error', async () => {
		// every call loses its connection: the words of each outcome, as the final error gives them
		const hook = hookOf();
		await one.emu.setFault({ dropConnection: { paths: '/organizations', methods: ['GET'] } });
		const error = await rejectionOf(call(hook), NodeApiError);
		expect(error.message).toContain('could not be reached');
		expect(error.description).toContain(`Called GET /organizations ${MAX_RETRIES + 1} times: no answer (ECONNRESET)`);
		// a timeout first (60 s: planned, not waited for), then resets
		const attempts: string[] = [];
		const timeout = Object.assign(new Error('timeout of 60000ms exceeded'), { code: 'ECONNABORTED' });
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		for (const failure of [timeout, reset]) {
			planAfter(failure, attempts);
		}
		expect(triedSentence('GET', '/organizations', attempts, '')).toContain('no answer within 60 s, no answer (ECONNRESET)');
	});

	it('names the network error n8n 1.x keeps only as httpCode (no cause, its own message)', () => {
		// n8n 1.x's errors are not staged on the emulator (the 2.x client under test throws 2.x's): the plan for them
		const n8n1 = (httpCode: string, message: string) => Object.assign(new Error(message), { httpCode });
		const attempts: string[] = [];
		for (const failure of [
			n8n1('ECONNABORTED', 'The connection was aborted, perhaps the server is offline'),
			n8n1('ECONNREFUSED', 'The service refused the connection - perhaps it is offline'),
			n8n1('ECONNREFUSED', 'The service refused the connection - perhaps it is offline'),
		]) {
			planAfter(failure, attempts);
		}
		expect(triedSentence('GET', '/organizations', attempts, '')).toContain(
			'no answer within 60 s, no answer (ECONNREFUSED), no answer (ECONNREFUSED)',
		);
	});

	it.each([400, 403, 404, 409, 422, 500, 502])(
		"%s is not retried (the same call would get the same answer; a 401 is n8n's, which logs in again once)",
		async (status) => {
			const hook = hookOf();
			await failWith(status, 1, '/organizations', 'GET', 0);
			const error = await rejectionOf(call(hook), NodeApiError);
			expect(callsTo(hook, 'GET', '/organizations')).toHaveLength(1);
			expect(error.httpCode).toBe(String(status));
			expect(error.description).not.toContain('Called GET');
		},
	);

	it('honours Retry-After: the next call waits that long', async () => {
		const hook = hookOf();
		const at: number[] = [];
		const listener = (r: { path: string }) => r.path.startsWith('/organizations') && at.push(Date.now());
		one.emu.events.on('request', listener);
		try {
			await failWith(429, 1, '/organizations', 'GET', 1);
			await call(hook);
		} finally {
			one.emu.events.off('request', listener);
		}
		expect(at).toHaveLength(2);
		expect(at[1] - at[0]).toBeGreaterThanOrEqual(990);
	});

	it('a Retry-After past the Retry Limit: no wait, no retry, and the error says why', async () => {
		const hook = hookOf();
		await failWith(429, 1, '/organizations', 'GET', 60);
		const error = await rejectionOf(call(hook), NodeApiError);
		expect(callsTo(hook, 'GET', '/organizations')).toHaveLength(1);
		expect(error.description).toContain(
			'Called GET /organizations once: 429 (Retry-After 60 s); not tried again: Keyclic asked to wait 60 s, past the limit of 30 s (Retry Limit of the "Keyclic API" credential).',
		);
	});

	it("the Retry Limit is the credential's: 90 s lets a Retry-After of 1 s through, 0 turns retries off", async () => {
		const patient = hookOf({ retryLimit: 90 });
		await failWith(429, 1, '/organizations', 'GET', 1);
		await expect(call(patient)).resolves.toMatchObject({ total: one.emu.seed.organizations.length });
		const none = hookOf({ retryLimit: 0 });
		await failWith(503, 1, '/organizations');
		const error = await rejectionOf(call(none), NodeApiError);
		expect(callsTo(none, 'GET', '/organizations')).toHaveLength(1);
		expect(error.description).toContain('would pass the limit of 0 s (Retry Limit of the "Keyclic API" credential)');
	});

	it('every call carries a timeout', async () => {
		const hook = hookOf();
		await call(hook);
		expect(callsTo(hook, 'GET', '/organizations')[0].options.timeout).toBe(60000);
	});
});

describe('POST, PATCH, DELETE: never retried', () => {
	it.each<[Method, string, (path: string, method: Method) => Promise<unknown>]>([
		['POST', '503', async (path, method) => await failWith(503, 1, path, method, 0)],
		['POST', 'no answer', async (path, method) => await one.emu.setFault({ dropConnection: { paths: path, methods: [method], times: 1 } })],
		['PATCH', '429', async (path, method) => await failWith(429, 1, path, method, 0)],
		['DELETE', '503', async (path, method) => await failWith(503, 1, path, method)],
	])('%s after %s: one call, and the error says it was not repeated', async (method, _label, arrange) => {
		const hook = hookOf();
		const route = routeFor(method);
		await arrange(route.path, method);
		const error = await rejectionOf(call(hook, method, route), NodeApiError);
		expect(callsTo(hook, method, route.path)).toHaveLength(1);
		expect(error.description).toContain(`Called ${method} ${route.path} once:`);
		expect(error.description).toContain(`a ${method} is never repeated (Keyclic may have applied it)`);
	});

	it('PATCH after a timeout: not repeated either (the plan for a 60 s timeout, not waited for)', () => {
		const attempts: string[] = [];
		const timeout = Object.assign(new Error('timeout of 60000ms exceeded'), { code: 'ECONNABORTED' });
		const plan = planAfter(timeout, attempts, 'PATCH');
		expect(plan).toEqual({ stop: 'a PATCH is never repeated (Keyclic may have applied it)' });
		expect(triedSentence('PATCH', '/reports/x', attempts, plan.stop ?? '')).toBe(
			'Called PATCH /reports/x once: no answer within 60 s; a PATCH is never repeated (Keyclic may have applied it).',
		);
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
	/** A report in Keyclic and the notification Keyclic sent for it. */
	function notified() {
		const report = one.emu.createReport({ organization: one.org, description: 'Fuite' });
		return { path: `/reports/${report.id}`, report, body: notification('report_created', report) };
	}

	async function confirm(body: IDataObject, sent: SentRequest[]) {
		return await runWebhook({
			credentials: { token: EXAMPLE_TOKEN, baseUrl: one.emu.url, applicationKey: one.emu.seed.appKey, accessToken: one.emu.issueToken() },
			api: emulatorHttp(sent),
			params: { confirmWithApi: true },
			body,
		});
	}

	it('429 with Retry-After: 60 → 503 confirmation_unavailable at once, after one call', async () => {
		const { path, body } = notified();
		await failWith(429, undefined, path, 'GET', 60);
		const sent: SentRequest[] = [];
		const run = await confirm(body, sent);
		expectRejected(run, 503, 'confirmation_unavailable');
		expect(sent.filter((r) => r.path === path)).toHaveLength(1);
		const warning = String(run.logger.warn.mock.calls[0][0]);
		expect(warning).toContain(
			`Keyclic asked to wait 60 s, past the limit of ${CONFIRM_TIME_MS / 1000} s (while Keyclic waits for the answer)`,
		);
	});

	it('a 503 then the report: confirmed on the second call', async () => {
		const { path, report, body } = notified();
		await failWith(503, 1, path, 'GET', 0);
		const sent: SentRequest[] = [];
		const run = await confirm(body, sent);
		expect(acceptedItem(run.result)).toMatchObject({ id: report.id });
		expect(sent.filter((r) => r.path === path)).toHaveLength(2);
	});

	it(`each call's timeout is what is left of the ${CONFIRM_TIME_MS / 1000} s`, async () => {
		const { path, body } = notified();
		const sent: SentRequest[] = [];
		await confirm(body, sent);
		const timeout = Number(sent.filter((r) => r.path === path)[0].options.timeout);
		expect(timeout).toBeGreaterThan(0);
		expect(timeout).toBeLessThanOrEqual(CONFIRM_TIME_MS);
	});
});
