// transport.ts (requests to the Keyclic API, HAL pagination, error mapping) and the organization list search that
// uses it, against the Keyclic emulator. The few answers Keyclic never gives (a page whose numbers are strings, pages
// announced forever, an error object of another shape) are handed to n8n's HTTP client by hand, each said so.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { organizationSchema, webhookSchema } from '../../nodes/common/transport/apiSchemas';
import { MAX_PAGES, keyclicCollect } from '../../nodes/common/transport/paging';
import { MAX_RETRIES } from '../../nodes/common/transport/retry';
import { searchOrganizations } from '../../nodes/common/organization';
import { KeyclicApiError, KeyclicLoginError, asNodeError, keyclicApiError, keyclicRequest } from '../../nodes/common/transport';
import { rejectionOf } from './helpers/bodies';
import { oneEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { asLoadOptionsFunctions, createKeyclicHookContext } from './helpers/hookContext';
import type { HookContextOptions, KeyclicHook } from './helpers/hookContext';

const WHAT = 'list your Keyclic organizations';
const anything = z.unknown();

const one = oneEmulator();

const hookOf = (options: Omit<HookContextOptions, 'emu'> = {}): KeyclicHook => createKeyclicHookContext({ emu: one.emu, ...options });

/** A hook context whose HTTP client answers every request with `answer()`, for answers Keyclic never gives. */
function answeredByHand(answer: () => unknown): KeyclicHook & { calls: IHttpRequestOptions[] } {
	const calls: IHttpRequestOptions[] = [];
	const hook = hookOf({
		http: async (options) => {
			calls.push(options);
			return answer();
		},
	});
	return Object.assign(hook, { calls });
}

/** The NodeApiError keyclicRequest rejects with (fails the test otherwise). */
async function requestError(hook: KeyclicHook, path = '/organizations'): Promise<NodeApiError> {
	return await rejectionOf(keyclicRequest(hook.context, anything, 'GET', path, WHAT), NodeApiError);
}

/** The error keyclicRequest makes of `error` (what n8n's client or the credential threw). */
const mapped = (error: unknown) => keyclicApiError(hookOf().context, error, WHAT, one.emu.url);

describe('keyclicRequest: the request', () => {
	it('calls httpRequestWithAuthentication with the Keyclic API credential, base URL + path, JSON', async () => {
		const hook = hookOf();
		const body = { organization: one.org, description: 'Fuite' };
		const answer = await keyclicRequest(hook.context, anything, 'POST', '/reports', 'do something', { body, qs: { b: 2 } });
		expect(answer).toMatchObject({ type: 'Report', description: 'Fuite' });
		expect(hook.sent).toHaveLength(1);
		const [request] = hook.sent;
		expect(request.credentialType).toBe('keyclicApi');
		expect(request.options).toEqual({ method: 'POST', url: `${one.emu.url}/reports`, body, qs: { b: 2 }, json: true, timeout: 60000 });
	});

	it('trims trailing slashes of the base URL and defaults it to https://api.keyclic.com', async () => {
		const trailing = hookOf({ credentials: { baseUrl: `${one.emu.url}//` } });
		await keyclicRequest(trailing.context, anything, 'GET', '/organizations', 'get x');
		expect(trailing.sent[0].url).toBe(`${one.emu.url}/organizations`);

		// no Base URL: Keyclic's own (which this machine cannot reach: the request is refused, its URL recorded)
		const none = hookOf({ credentials: { baseUrl: undefined } });
		await expect(keyclicRequest(none.context, anything, 'DELETE', '/x', 'delete x')).rejects.toThrow(/could not be reached/);
		expect(none.sent[0].url).toBe('https://api.keyclic.com/x');
	});

	it('without a "Keyclic API" credential: NodeOperationError and no request', async () => {
		const hook = hookOf({ credentials: null });
		const failure = keyclicRequest(hook.context, anything, 'GET', '/organizations', WHAT);
		await expect(failure).rejects.toBeInstanceOf(NodeOperationError);
		await expect(failure).rejects.toThrow('No "Keyclic API" credential selected');
		expect(hook.sent).toEqual([]);
	});

	it('an answer that does not match the schema is a NodeApiError "unexpected answer" naming the field', async () => {
		// an Organization read as a webhook
		const hook = hookOf();
		const failure = keyclicRequest(hook.context, webhookSchema, 'GET', `/organizations/${one.org}`, 'read webhook 1');
		await expect(failure).rejects.toBeInstanceOf(NodeApiError);
		await expect(failure).rejects.toThrow('Could not read webhook 1: unexpected answer from Keyclic');
		const error = await failure.catch((e: unknown) => e);
		expect((error as NodeApiError).description).toContain('event: ');
		expect((error as NodeApiError).description).toContain('payloadUrl: ');
	});

	it('a page that is an HTML page: "unexpected answer" (a Base URL that is a web server, here the file host)', async () => {
		const report = one.emu.createReport({ organization: one.org, description: 'Fuite' });
		const page = one.emu.addPhoto('report', report.id, {
			name: 'page.html',
			contentType: 'text/html',
			bytes: Buffer.from('<html>Bad gateway</html>'),
		});
		const hook = hookOf({ credentials: { baseUrl: one.emu.fileHost.url } });
		const failure = keyclicCollect(hook.context, organizationSchema, new URL(page.href).pathname, WHAT);
		await expect(failure).rejects.toBeInstanceOf(NodeApiError);
		await expect(failure).rejects.toThrow(`Could not ${WHAT}: unexpected answer from Keyclic`);
	});

	it.each<[string, (emu: Emulator) => string]>([
		[
			'a resource whose _embedded has no items list (a Report)',
			(on) => `/reports/${on.createReport({ organization: one.org, description: 'x' }).id}`,
		],
		['items of the wrong shape (organizations read as webhooks)', () => '/organizations'],
	])('a page that is %s: "unexpected answer"', async (_label, pathOf) => {
		const hook = hookOf();
		const failure = keyclicCollect(hook.context, webhookSchema, pathOf(one.emu), WHAT);
		await expect(failure).rejects.toBeInstanceOf(NodeApiError);
		await expect(failure).rejects.toThrow(`Could not ${WHAT}: unexpected answer from Keyclic`);
	});

	it('an empty answer (DELETE 204) is fine for a schema that accepts anything', async () => {
		const report = one.emu.createReport({ organization: one.org, description: 'Fuite' });
		const { id } = one.emu.createOperation({ report: report.id, name: 'Réparer' });
		// n8n's client gives '' for Keyclic's 204
		await expect(keyclicRequest(hookOf().context, anything, 'DELETE', `/operations/${id}`, 'delete operation')).resolves.toBe('');
	});
});

describe('keyclicRequest: error mapping', () => {
	it('401: n8n\'s "Authorization failed" message, pointing at the credential', async () => {
		await one.emu.setFault({ errorStatus: { status: 401, paths: '/organizations', methods: ['GET'] } });
		const error = await requestError(hookOf());
		expect(error.message).toBe(`Could not ${WHAT}: Authorization failed - please check your credentials`);
		expect(error.httpCode).toBe('401');
		expect(error.description).toContain('"Keyclic API" credential');
	});

	it('a login refused by preAuthentication (it keeps httpCode 401) is a refused login', async () => {
		// no token yet, a wrong password: n8n logs in first, Keyclic refuses
		const error = await requestError(hookOf({ credentials: { accessToken: '', password: 'wrong-password' } }));
		expect(error.message).toBe(`Could not ${WHAT}: Authorization failed - please check your credentials`);
		expect(error).toMatchObject({ status: 401, loginRefused: true });
	});

	it('a refused login re-wrapped by n8n without its status is still a refused login', () => {
		// n8n wraps what preAuthentication throws in a NodeApiError of its own, the login error kept as cause
		const login = new KeyclicLoginError(
			'Keyclic refused the login of demo@keyclic.example: check the e-mail, password and application key',
			401,
		);
		const error = mapped(new NodeApiError(hookOf().context.getNode(), login as unknown as JsonObject));
		expect(error.message).toBe(`Could not ${WHAT}: Authorization failed - please check your credentials`);
		expect(error).toMatchObject({ status: 401, loginRefused: true });
	});

	it('the wording of an error never decides what it is: an unknown Error saying "refused the login" is no answer', () => {
		const error = mapped(new Error('Keyclic refused the login of demo@keyclic.example'));
		expect(error.message).toBe(`Could not ${WHAT}: the Keyclic API at ${one.emu.url} could not be reached`);
		expect(error).toMatchObject({ status: undefined, loginRefused: false });
	});

	it('a login that cannot reach Keyclic is "could not be reached", not a refused login', async () => {
		const hook = hookOf({ credentials: { accessToken: '' } });
		await one.emu.setFault({ down: 'refuse' });
		try {
			const error = await requestError(hook);
			expect(error.message).toMatch(/could not be reached/);
		} finally {
			await one.emu.setFault({ down: false });
		}
	});

	it.each([
		[403, 'Forbidden - perhaps check your credentials?'],
		[404, 'The resource you are requesting could not be found'],
		[500, 'The service was not able to process your request'],
		[503, 'Service unavailable - try again later or consider setting this node to retry automatically (in the node settings)'],
		[422, 'Your request is invalid or could not be processed by the service'],
	])('%i: "%s"', async (status, reason) => {
		await one.emu.setFault({ errorStatus: { status, paths: '/organizations', methods: ['GET'], retryAfter: 0 } });
		const error = await requestError(hookOf());
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`Could not ${WHAT}: ${reason}`);
		expect(error.httpCode).toBe(String(status));
		// the typed fields the nodes read: n8n still sees a NodeApiError by name
		expect(error).toBeInstanceOf(KeyclicApiError);
		expect(error).toMatchObject({ name: 'NodeApiError', status, method: 'GET', path: '/organizations', loginRefused: false });
		expect((error as KeyclicApiError).keyclicMessage).toEqual(expect.any(String));
		// a GET answered 503 is tried again (retry.ts), the others are not
		expect((error as KeyclicApiError).retries).toBe(status === 503 ? MAX_RETRIES : 0);
		expect((error as KeyclicApiError).attempts).toHaveLength(status === 503 ? MAX_RETRIES + 1 : 1);
	});

	it.each<[string, () => unknown]>([
		['only statusCode', () => Object.assign(new Error('Forbidden'), { statusCode: 403 })],
		['only response.status', () => Object.assign(new Error('Forbidden'), { response: { status: 403 } })],
		['a NodeApiError from n8n', () => new NodeApiError(hookOf().context.getNode(), { message: 'Forbidden' }, { httpCode: '403' })],
	])('finds the status in an error with %s', (_label, make) => {
		// error objects of other shapes than n8n's client throws for the emulator's 403
		expect(mapped(make()).message).toBe(`Could not ${WHAT}: Forbidden - perhaps check your credentials?`);
	});

	it('network error without status: "could not be reached", not n8n\'s generic "refused the connection"', async () => {
		const hook = hookOf();
		await one.emu.setFault({ down: 'refuse' });
		try {
			const error = await requestError(hook);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(`Could not ${WHAT}: the Keyclic API at ${one.emu.url} could not be reached`);
			expect(error.message).not.toContain('The service refused the connection');
			expect(error.httpCode).toBeNull();
			expect(error.description).toContain('Base URL');
			// n8n's httpRequestWithAuthentication wraps the network error in a NodeApiError whose message is its
			// generic wording: the original "ECONNREFUSED" no longer reaches the node
			expect(error.description).toContain('The service refused the connection');
		} finally {
			await one.emu.setFault({ down: false });
		}
	});

	it('the same network error wrapped by n8n (code ECONNREFUSED) keeps our message', () => {
		const node = hookOf().context.getNode();
		const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		const error = mapped(new NodeApiError(node, cause as unknown as JsonObject));
		expect(error.message).toBe(`Could not ${WHAT}: the Keyclic API at ${one.emu.url} could not be reached`);
		expect(error.message).not.toContain('refused the connection');
	});

	it('a thrown non-Error value is still mapped', async () => {
		// n8n's client throws Errors; a string thrown by hand, through n8n's httpRequestWithAuthentication
		const error = await requestError(
			answeredByHand(() => {
				throw 'socket hang up';
			}),
		);
		expect(error.message).toContain('could not be reached');
		// n8n's NodeApiError around a thrown string says "unknown issue": the string itself is lost
		expect(error.description).toContain('There was an unknown issue while executing the node');
	});
});

describe('asNodeError', () => {
	it('passes node errors through and wraps anything else in a NodeApiError with its message', () => {
		const { context } = hookOf();
		const apiError = new NodeApiError(context.getNode(), { message: 'x' });
		const operationError = new NodeOperationError(context.getNode(), 'y');
		expect(asNodeError(context, apiError)).toBe(apiError);
		expect(asNodeError(context, operationError)).toBe(operationError);
		const wrapped = asNodeError(context, new Error('Keyclic exploded'));
		expect(wrapped).toBeInstanceOf(NodeApiError);
		expect(wrapped.message).toBe('Keyclic exploded');
	});
});

describe('keyclicCollect (HAL pages, both nodes)', () => {
	/** `count` webhooks in the organization; their ids as Keyclic lists them (newest first). */
	const webhooks = (count: number) =>
		Array.from(
			{ length: count },
			(_, i) =>
				one.emu.createWebhook({ event: 'reportCreated', organization: one.org, payloadUrl: `https://n8n.example.com/webhook/${i}/webhook` })
					.id,
		).reverse();

	it('reads every page, 100 at a time, in order', async () => {
		const ids = webhooks(250);
		const hook = hookOf();
		const items = await keyclicCollect(hook.context, webhookSchema, `/organizations/${one.org}/webhooks`, WHAT, { qs: { order: 'desc' } });
		expect(items.map((w) => w.id)).toEqual(ids);
		expect(hook.sent.map((request) => request.qs)).toEqual([
			{ order: 'desc', page: 1, limit: 100 },
			{ order: 'desc', page: 2, limit: 100 },
			{ order: 'desc', page: 3, limit: 100 },
		]);
	});

	it('one request when the answer has no `pages`, or no items at all', async () => {
		// Keyclic's comment lists are not HAL pages: no `pages`, no `_embedded`
		const report = one.emu.createReport({ organization: one.org, description: 'Fuite' });
		const { id } = one.emu.createOperation({ report: report.id, name: 'Réparer' });
		const hook = hookOf();
		await expect(keyclicCollect(hook.context, organizationSchema, `/operations/${id}/comments`, WHAT)).resolves.toEqual([]);
		expect(hook.sent).toHaveLength(1);
		// items without `pages` (Keyclic always sends it)
		const noPages = answeredByHand(() => ({ _embedded: { items: [{ id: 'a' }] } }));
		await expect(keyclicCollect(noPages.context, organizationSchema, '/organizations', WHAT)).resolves.toEqual([{ id: 'a' }]);
		expect(noPages.calls).toHaveLength(1);
	});

	it('accepts page numbers sent as strings', async () => {
		// Keyclic sends numbers; strings, by hand, page after page
		let page = 0;
		const hook = answeredByHand(() => {
			page += 1;
			return {
				page: String(page),
				pages: '2',
				_embedded: { items: Array.from({ length: page === 1 ? 100 : 60 }, (_, i) => ({ id: `${page}-${i}` })) },
			};
		});
		const items = await keyclicCollect(hook.context, organizationSchema, '/organizations', WHAT);
		expect(items).toHaveLength(160);
	});

	it('stops at an empty page even if `pages` claims more', async () => {
		const hook = answeredByHand(() => ({ page: 1, pages: 9, _embedded: { items: [] } }));
		await keyclicCollect(hook.context, organizationSchema, '/organizations', WHAT);
		expect(hook.calls).toHaveLength(1);
	});

	it(`is bounded: a server announcing pages forever fails the run after ${MAX_PAGES} pages, saying why`, async () => {
		const hook = answeredByHand(() => ({ page: 1, pages: 100000, _embedded: { items: [{ id: 'same' }] } }));
		const failure = keyclicCollect(hook.context, organizationSchema, '/organizations', WHAT);
		await expect(failure).rejects.toThrow(`Could not ${WHAT}: Keyclic kept announcing more pages after ${MAX_PAGES}`);
		expect(hook.calls).toHaveLength(MAX_PAGES);
	});

	it('a failing page fails the whole listing with the mapped error', async () => {
		webhooks(250);
		const path = `/organizations/${one.org}/webhooks`;
		await one.emu.setFault({ errorStatus: { status: 502, paths: path, methods: ['GET'], after: 1, times: 1 } });
		const failure = keyclicCollect(hookOf().context, webhookSchema, path, WHAT);
		await expect(failure).rejects.toThrow(`Could not ${WHAT}: Bad gateway - the service failed to handle your request`);
	});
});

describe('searchOrganizations (organization list)', () => {
	it('lists every organization of the account as {name, value}', async () => {
		const hook = hookOf();
		const { results } = await searchOrganizations.call(asLoadOptionsFunctions(hook));
		expect(results).toEqual(one.emu.seed.organizations.map((o) => ({ name: o.name, value: o.id })));
		expect(hook.sent.filter((r) => r.method === 'GET' && r.path === '/organizations')).toHaveLength(1);
	});

	it('the id stands in for a missing name, on every page', async () => {
		// Keyclic's organizations have names; one without, by hand, among 160 on two pages
		const all = [
			{ id: '2cfb5108-682f-4648-85a1-0f15dbca0780', name: 'Résidence Les Tilleuls' },
			{ id: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a' },
			...Array.from({ length: 158 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Site ${i}` })),
		];
		let page = 0;
		const hook = answeredByHand(() => {
			page += 1;
			return { page, pages: 2, _embedded: { items: all.slice((page - 1) * 100, page * 100) } };
		});
		const { results } = await searchOrganizations.call(asLoadOptionsFunctions(hook));
		expect(results).toHaveLength(160);
		expect(results[1]).toEqual({ name: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a', value: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a' });
		expect(hook.calls).toHaveLength(2);
	});

	it('filters by name (case-insensitive) or by id', async () => {
		const hook = hookOf();
		const [first, second] = one.emu.seed.organizations;
		const byName = await searchOrganizations.call(asLoadOptionsFunctions(hook), second.name.split(' ').pop()?.toLowerCase());
		expect(byName.results).toEqual([{ name: second.name, value: second.id }]);
		const byId = await searchOrganizations.call(asLoadOptionsFunctions(hook), first.id.slice(0, 8));
		expect(byId.results.map((r) => r.value)).toEqual([first.id]);
		const none = await searchOrganizations.call(asLoadOptionsFunctions(hook), 'nothing like this');
		expect(none.results).toEqual([]);
	});

	it('says why when Keyclic refuses the login', async () => {
		await one.emu.setFault({ errorStatus: { status: 401, paths: '/organizations', methods: ['GET'] } });
		await expect(searchOrganizations.call(asLoadOptionsFunctions(hookOf()))).rejects.toThrow(
			'Could not list your Keyclic organizations: Authorization failed - please check your credentials',
		);
	});
});
