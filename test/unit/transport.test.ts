// transport.ts (requests to the Keyclic API, HAL pagination, error mapping) and the organization
// list search that uses it.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { organizationSchema, webhookSchema } from '../../nodes/common/transport/apiSchemas';
import { MAX_PAGES, keyclicCollect } from '../../nodes/common/transport/paging';
import { searchOrganizations } from '../../nodes/common/organization';
import { asNodeError, keyclicRequest } from '../../nodes/common/transport';
import { rejectionOf } from './helpers/bodies';
import { asLoadOptionsFunctions, createKeyclicHookContext } from './helpers/hookContext';
import type { KeyclicHook } from './helpers/hookContext';
import { API_BASE_URL, httpError } from './helpers/keyclicApi';

const WHAT = 'list your Keyclic organizations';
const anything = z.unknown();

/** A hook context whose API answers every request with `answer` (or throws what it throws). */
function answering(answer: () => unknown): KeyclicHook {
	const hook = createKeyclicHookContext();
	hook.api.intercept('GET', /.*/, answer);
	return hook;
}

/** The NodeApiError keyclicRequest rejects with (fails the test otherwise). */
async function requestError(hook: KeyclicHook): Promise<NodeApiError> {
	return await rejectionOf(keyclicRequest(hook.context, anything, 'GET', '/organizations', WHAT), NodeApiError);
}

describe('keyclicRequest: the request', () => {
	it('calls httpRequestWithAuthentication with the Keyclic API credential, base URL + path, JSON', async () => {
		const hook = createKeyclicHookContext();
		hook.api.intercept('POST', '/somewhere', () => ({ ok: true }));
		const answer = await keyclicRequest(hook.context, anything, 'POST', '/somewhere', 'do something', {
			body: { a: 1 },
			qs: { b: 2 },
		});
		expect(answer).toEqual({ ok: true });
		expect(hook.api.requests).toHaveLength(1);
		const [request] = hook.api.requests;
		expect(request.credentialType).toBe('keyclicApi');
		expect(request.options).toEqual({
			method: 'POST',
			url: `${API_BASE_URL}/somewhere`,
			body: { a: 1 },
			qs: { b: 2 },
			json: true,
			timeout: 60000,
		});
	});

	it('trims trailing slashes of the base URL and defaults it to https://api.keyclic.com', async () => {
		const trailing = createKeyclicHookContext({ credentials: { baseUrl: 'https://api.keyclic.example//' } });
		trailing.api.intercept('GET', '/x', () => ({}));
		await keyclicRequest(trailing.context, anything, 'GET', '/x', 'get x');
		expect(trailing.api.requests[0].url).toBe('https://api.keyclic.example/x');

		const none = createKeyclicHookContext({ credentials: { login: 'user@example.com' } });
		none.api.intercept('GET', '/x', () => ({}));
		await keyclicRequest(none.context, anything, 'GET', '/x', 'get x');
		expect(none.api.requests[0].url).toBe('https://api.keyclic.com/x');
	});

	it('without a "Keyclic API" credential: NodeOperationError and no request', async () => {
		const hook = createKeyclicHookContext({ credentials: null });
		const failure = keyclicRequest(hook.context, anything, 'GET', '/organizations', WHAT);
		await expect(failure).rejects.toBeInstanceOf(NodeOperationError);
		await expect(failure).rejects.toThrow('No "Keyclic API" credential selected');
		expect(hook.api.requests).toEqual([]);
	});

	it('an answer that does not match the schema is a NodeApiError "unexpected answer" naming the field', async () => {
		const hook = answering(() => ({ id: 42, event: 'reportCreated' }));
		const failure = keyclicRequest(hook.context, webhookSchema, 'GET', '/webhooks/1', 'read webhook 1');
		await expect(failure).rejects.toBeInstanceOf(NodeApiError);
		await expect(failure).rejects.toThrow('Could not read webhook 1: unexpected answer from Keyclic');
		const error = await failure.catch((e: unknown) => e);
		expect((error as NodeApiError).description).toContain('id: ');
		expect((error as NodeApiError).description).toContain('payloadUrl: ');
	});

	it.each([
		['an HTML page', '<html>Bad gateway</html>'],
		['items that are not a list', { page: 1, pages: 1, _embedded: { items: 'none' } }],
		['items of the wrong shape', { page: 1, pages: 1, _embedded: { items: [{ name: 'no id' }] } }],
	])('a page that is %s: "unexpected answer"', async (_label, body) => {
		const hook = answering(() => body);
		const failure = keyclicCollect(hook.context, organizationSchema, '/organizations', WHAT);
		await expect(failure).rejects.toBeInstanceOf(NodeApiError);
		await expect(failure).rejects.toThrow(`Could not ${WHAT}: unexpected answer from Keyclic`);
	});

	it('an empty answer (DELETE 204) is fine for a schema that accepts anything', async () => {
		const hook = createKeyclicHookContext();
		hook.api.intercept('DELETE', '/webhooks/1', () => undefined);
		await expect(keyclicRequest(hook.context, anything, 'DELETE', '/webhooks/1', 'delete webhook 1')).resolves.toEqual({});
	});
});

describe('keyclicRequest: error mapping', () => {
	it('401: n8n\'s "Authorization failed" message, pointing at the credential', async () => {
		const error = await requestError(
			answering(() => {
				throw httpError(401);
			}),
		);
		expect(error.message).toBe(`Could not ${WHAT}: Authorization failed - please check your credentials`);
		expect(error.httpCode).toBe('401');
		expect(error.description).toContain('"Keyclic API" credential');
	});

	it('a login refused by preAuthentication (it keeps httpCode 401) is a refused login', async () => {
		const error = await requestError(
			answering(() => {
				throw Object.assign(new Error('Keyclic refused the login of demo@keyclic.example: check …'), { httpCode: '401' });
			}),
		);
		expect(error.message).toBe(`Could not ${WHAT}: Authorization failed - please check your credentials`);
	});

	it('a refused login re-wrapped by n8n without its status is still a refused login', async () => {
		const error = await requestError(
			answering(() => {
				throw new Error('Keyclic refused the login of demo@keyclic.example: check the e-mail, password and application key');
			}),
		);
		expect(error.message).toBe(`Could not ${WHAT}: Authorization failed - please check your credentials`);
	});

	it('a login that cannot reach Keyclic is "could not be reached", not a refused login', async () => {
		const error = await requestError(
			answering(() => {
				throw new Error(`Could not log in to Keyclic at ${API_BASE_URL}/security/login: connect ECONNREFUSED 127.0.0.1:9`);
			}),
		);
		expect(error.message).toMatch(/could not be reached/);
	});

	it.each([
		[403, 'Forbidden - perhaps check your credentials?'],
		[404, 'The resource you are requesting could not be found'],
		[500, 'The service was not able to process your request'],
		[503, 'Service unavailable - try again later or consider setting this node to retry automatically (in the node settings)'],
		[422, 'Your request is invalid or could not be processed by the service'],
	])('%i: "%s"', async (status, reason) => {
		const error = await requestError(
			answering(() => {
				throw httpError(status);
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`Could not ${WHAT}: ${reason}`);
		expect(error.httpCode).toBe(String(status));
	});

	it.each<[string, () => unknown]>([
		['only statusCode', () => Object.assign(new Error('Forbidden'), { statusCode: 403 })],
		['only response.status', () => Object.assign(new Error('Forbidden'), { response: { status: 403 } })],
		[
			'a NodeApiError from n8n',
			() => new NodeApiError(createKeyclicHookContext().context.getNode(), { message: 'Forbidden' }, { httpCode: '403' }),
		],
	])('finds the status in an error with %s', async (_label, make) => {
		const error = await requestError(
			answering(() => {
				throw make();
			}),
		);
		expect(error.message).toBe(`Could not ${WHAT}: Forbidden - perhaps check your credentials?`);
	});

	it('network error without status: "could not be reached", not n8n\'s generic "refused the connection"', async () => {
		const error = await requestError(
			answering(() => {
				throw new Error('connect ECONNREFUSED 127.0.0.1:9');
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`Could not ${WHAT}: the Keyclic API at ${API_BASE_URL} could not be reached`);
		expect(error.message).not.toContain('The service refused the connection');
		expect(error.httpCode).toBeNull();
		expect(error.description).toContain('Base URL');
		// n8n's httpRequestWithAuthentication wraps the network error in a NodeApiError whose message is its
		// generic wording: the original "ECONNREFUSED" no longer reaches the node (it did with hand-built contexts)
		expect(error.description).toContain('The service refused the connection');
	});

	it('the same network error wrapped by n8n (code ECONNREFUSED) keeps our message', async () => {
		const node = createKeyclicHookContext().context.getNode();
		const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		const error = await requestError(
			answering(() => {
				throw new NodeApiError(node, cause as unknown as JsonObject);
			}),
		);
		expect(error.message).toBe(`Could not ${WHAT}: the Keyclic API at ${API_BASE_URL} could not be reached`);
		expect(error.message).not.toContain('refused the connection');
	});

	it('a thrown non-Error value is still mapped', async () => {
		const error = await requestError(
			answering(() => {
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
		const { context } = createKeyclicHookContext();
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
	const organizations = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `org-${i + 1}`, name: `Organization ${i + 1}` }));

	it('reads every page, 100 at a time, in order', async () => {
		const hook = createKeyclicHookContext();
		hook.api.organizations = organizations(250);
		const items = await keyclicCollect(hook.context, organizationSchema, '/organizations', WHAT, { qs: { search: 'x' } });
		expect(items.map((o) => o.id)).toEqual(organizations(250).map((o) => o.id));
		expect(hook.api.requests.map((request) => request.qs)).toEqual([
			{ search: 'x', page: 1, limit: 100 },
			{ search: 'x', page: 2, limit: 100 },
			{ search: 'x', page: 3, limit: 100 },
		]);
	});

	it('one request when the answer has no `pages`, or no items at all', async () => {
		const noPages = answering(() => ({ _embedded: { items: [{ id: 'a' }] } }));
		await expect(keyclicCollect(noPages.context, organizationSchema, '/organizations', WHAT)).resolves.toEqual([{ id: 'a' }]);
		expect(noPages.api.requests).toHaveLength(1);

		const empty = answering(() => ({ page: 1, pages: 1 }));
		await expect(keyclicCollect(empty.context, organizationSchema, '/organizations', WHAT)).resolves.toEqual([]);
	});

	it('accepts page numbers sent as strings', async () => {
		const hook = createKeyclicHookContext();
		hook.api.organizations = organizations(160);
		hook.api.intercept('GET', '/organizations', async (_request, next) => {
			const page = (await next()) as IDataObject;
			return { ...page, page: String(page.page), pages: String(page.pages) };
		});
		const items = await keyclicCollect(hook.context, organizationSchema, '/organizations', WHAT);
		expect(items).toHaveLength(160);
	});

	it('stops at an empty page even if `pages` claims more', async () => {
		const hook = answering(() => ({ page: 1, pages: 9, _embedded: { items: [] } }));
		await keyclicCollect(hook.context, organizationSchema, '/organizations', WHAT);
		expect(hook.api.requests).toHaveLength(1);
	});

	it(`is bounded: a server announcing pages forever fails the run after ${MAX_PAGES} pages, saying why`, async () => {
		const hook = answering(() => ({ page: 1, pages: 100000, _embedded: { items: [{ id: 'same' }] } }));
		const failure = keyclicCollect(hook.context, organizationSchema, '/organizations', WHAT);
		await expect(failure).rejects.toThrow(`Could not ${WHAT}: Keyclic kept announcing more pages after ${MAX_PAGES}`);
		expect(hook.api.requests).toHaveLength(MAX_PAGES);
	});

	it('a failing page fails the whole listing with the mapped error', async () => {
		const hook = createKeyclicHookContext();
		hook.api.organizations = organizations(250);
		hook.api.intercept('GET', '/organizations', async (request, next) => {
			if (request.qs.page === 2) throw httpError(502);
			return await next();
		});
		const failure = keyclicCollect(hook.context, organizationSchema, '/organizations', WHAT);
		await expect(failure).rejects.toThrow(`Could not ${WHAT}: Bad gateway - the service failed to handle your request`);
	});
});

describe('searchOrganizations (organization list)', () => {
	function withOrganizations(): KeyclicHook {
		const hook = createKeyclicHookContext();
		hook.api.organizations = [
			{ id: '2cfb5108-682f-4648-85a1-0f15dbca0780', name: 'Résidence Les Tilleuls' },
			{ id: '7a4f8c2e-1b3d-4e5f-9a8b-0c1d2e3f4a5b', name: 'Campus Nord' },
			{ id: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a' },
			...Array.from({ length: 157 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Site ${i}` })),
		];
		return hook;
	}

	it('lists every organization of every page as {name, value}, the id standing in for a missing name', async () => {
		const hook = withOrganizations();
		const { results } = await searchOrganizations.call(asLoadOptionsFunctions(hook));
		expect(results).toHaveLength(160);
		expect(results.slice(0, 3)).toEqual([
			{ name: 'Résidence Les Tilleuls', value: '2cfb5108-682f-4648-85a1-0f15dbca0780' },
			{ name: 'Campus Nord', value: '7a4f8c2e-1b3d-4e5f-9a8b-0c1d2e3f4a5b' },
			{ name: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a', value: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a' },
		]);
		expect(hook.api.calls('GET', '/organizations')).toHaveLength(2);
	});

	it('filters by name (case-insensitive) or by id', async () => {
		const hook = withOrganizations();
		const byName = await searchOrganizations.call(asLoadOptionsFunctions(hook), 'campus');
		expect(byName.results).toEqual([{ name: 'Campus Nord', value: '7a4f8c2e-1b3d-4e5f-9a8b-0c1d2e3f4a5b' }]);
		const byId = await searchOrganizations.call(asLoadOptionsFunctions(hook), '2cfb5108');
		expect(byId.results.map((r) => r.value)).toEqual(['2cfb5108-682f-4648-85a1-0f15dbca0780']);
		const none = await searchOrganizations.call(asLoadOptionsFunctions(hook), 'nothing like this');
		expect(none.results).toEqual([]);
	});

	it('says why when Keyclic refuses the login', async () => {
		const hook = answering(() => {
			throw httpError(401);
		});
		await expect(searchOrganizations.call(asLoadOptionsFunctions(hook))).rejects.toThrow(
			'Could not list your Keyclic organizations: Authorization failed - please check your credentials',
		);
	});
});
