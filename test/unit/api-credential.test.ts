// The "Keyclic API" credential: login (preAuthentication, against the Keyclic emulator), headers sent with every request,
// test request.
import { Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INodeTypes } from 'n8n-workflow';

import { KeyclicApi } from '../../credentials/KeyclicApi.credentials';
import { emulatorHttp, startEmulator } from './helpers/emulator';
import type { Emulator, SentRequest } from './helpers/emulator';
import { asHttpRequestHelper } from './helpers/hookContext';

const ACCESS_TOKEN = 'example.jwt.value';
/** A Base URL for what needs no server (expressions, defaults). */
const API_BASE_URL = 'https://api.keyclic.example';

let emu: Emulator;
beforeAll(async () => (emu = await startEmulator({ appKeys: ['com.keyclic.app', 'com.example.other'] })));
afterAll(async () => await emu.close());

/** The credential's `this` for preAuthentication, n8n's HTTP client sending to the emulator (requests in `sent`). */
const onEmulator = (sent: SentRequest[]) => asHttpRequestHelper(emulatorHttp(sent));
/** The demo user's credential data for the emulator. */
const demo = (overrides: IDataObject = {}) =>
	credentials({ login: emu.seed.user.login, password: emu.seed.user.password, baseUrl: emu.url, ...overrides });

function credentials(overrides: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		login: 'user@example.com',
		password: 'example-password',
		applicationKey: 'com.keyclic.app',
		baseUrl: API_BASE_URL,
		language: 'fr-FR',
		...overrides,
	};
}

/** Resolves an n8n expression of a credential ("={{$credentials.…}}") the way n8n does. */
function resolve(expression: string, data: ICredentialDataDecryptedObject): unknown {
	const nodeTypes = {
		getByName: () => undefined,
		getByNameAndVersion: () => undefined,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes });
	return workflow.expression.getParameterValue(expression, null, 0, 0, 'Keyclic Trigger', [], 'internal', { $credentials: data });
}

describe('KeyclicApi credential: preAuthentication (login)', () => {
	it('POSTs {login, password} to <baseUrl>/security/login with X-Keyclic-App and returns {accessToken}', async () => {
		const sent: SentRequest[] = [];
		const result = await new KeyclicApi().preAuthentication.call(onEmulator(sent), demo());
		// only the access token is kept of Keyclic's answer (which also has tokenType and credentials); no idToken (the
		// legacy API), so no exchange: the exchanged token is emptied
		const answer = sent[0].answer as IDataObject;
		expect(Object.keys(answer).length).toBeGreaterThan(1);
		expect(result).toEqual({ accessToken: answer.accessToken, exchangedAccessToken: '' });
		expect(String(answer.accessToken)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(sent).toHaveLength(1);
		expect(sent[0].options).toEqual({
			method: 'POST',
			url: `${emu.url}/security/login`,
			headers: { 'X-Keyclic-App': 'com.keyclic.app' },
			body: { login: emu.seed.user.login, password: emu.seed.user.password },
			json: true,
		});
	});

	it('trims the trailing slashes of the base URL and sends the configured application key', async () => {
		const sent: SentRequest[] = [];
		await new KeyclicApi().preAuthentication.call(onEmulator(sent), demo({ baseUrl: `${emu.url}//`, applicationKey: 'com.example.other' }));
		expect(sent[0].options).toEqual(
			expect.objectContaining({ url: `${emu.url}/security/login`, headers: { 'X-Keyclic-App': 'com.example.other' } }),
		);
	});

	it.each<[string, unknown]>([
		['an empty object', {}],
		['an empty accessToken', { accessToken: '' }],
		['an accessToken that is not a string', { accessToken: 42 }],
		['a token under another name', { token: ACCESS_TOKEN }],
		['no body', undefined],
		['a string body', 'OK'],
	])('throws when Keyclic answers %s', async (_label, answer) => {
		const httpRequest = jest.fn(async () => answer);
		await expect(new KeyclicApi().preAuthentication.call(asHttpRequestHelper(httpRequest), credentials())).rejects.toThrow(
			'Keyclic accepted the login but returned no accessToken',
		);
	});

	it('turns a refused login (HTTP 401, a wrong password) into an error that says so', async () => {
		const sent: SentRequest[] = [];
		await expect(new KeyclicApi().preAuthentication.call(onEmulator(sent), demo({ password: 'wrong-password' }))).rejects.toMatchObject({
			message: expect.stringMatching(/^Keyclic refused the login of .+: check the e-mail, password and application key/),
		});
	});

	it('also with an error carrying httpCode only (as n8n wraps some)', async () => {
		const refused = Object.assign(new Error('Request failed with status code 401'), { httpCode: '401' });
		const httpRequest = jest.fn(async () => {
			throw refused;
		});
		await expect(new KeyclicApi().preAuthentication.call(asHttpRequestHelper(httpRequest), credentials())).rejects.toMatchObject({
			message: expect.stringMatching(/^Keyclic refused the login of .+: check the e-mail, password and application key/),
		});
	});

	it("recognises a 401 as n8n's httpRequest throws it (axios-like response.status, no httpCode)", async () => {
		const httpRequest = jest.fn(async () => {
			throw Object.assign(new Error('Request failed with status code 401'), { response: { status: 401 } });
		});
		await expect(new KeyclicApi().preAuthentication.call(asHttpRequestHelper(httpRequest), credentials())).rejects.toMatchObject({
			message: expect.stringMatching(/^Keyclic refused the login/),
		});
	});

	it('says where it could not log in when Keyclic is unreachable', async () => {
		await emu.setFault({ down: 'refuse' });
		try {
			await expect(new KeyclicApi().preAuthentication.call(onEmulator([]), demo())).rejects.toThrow(
				new RegExp(`^Could not log in to Keyclic at ${emu.url}/security/login: connect ECONNREFUSED`),
			);
		} finally {
			await emu.setFault({ down: false });
		}
	});
});

describe('KeyclicApi credential: description', () => {
	const credential = new KeyclicApi();

	it('is the keyclicApi credential the trigger asks for, with an expirable hidden access token', () => {
		expect(credential.name).toBe('keyclicApi');
		expect(credential.displayName).toBe('Keyclic API');
		const token = credential.properties.find((p) => p.name === 'accessToken');
		expect(token).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		const defaults = Object.fromEntries(credential.properties.map((p) => [p.name, p.default]));
		expect(defaults).toMatchObject({ applicationKey: 'com.keyclic.app', baseUrl: 'https://api.keyclic.com', language: 'en-US' });
	});

	it('authenticate sends the Bearer token, X-Keyclic-App and Accept-Language', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: {
				headers: {
					Authorization: '=Bearer {{$credentials.exchangedAccessToken || $credentials.accessToken}}',
					'X-Keyclic-App': '={{$credentials.applicationKey}}',
					'Accept-Language': '={{$credentials.language}}',
				},
			},
		});
		const data = credentials({ accessToken: ACCESS_TOKEN });
		const headers = credential.authenticate.properties.headers ?? {};
		expect(resolve(String(headers.Authorization), data)).toBe(`Bearer ${ACCESS_TOKEN}`);
		// the token /auth/token gave for the login's idToken, when it gave one, goes instead
		expect(resolve(String(headers.Authorization), { ...data, exchangedAccessToken: 'exchanged.jwt.value' })).toBe(
			'Bearer exchanged.jwt.value',
		);
		expect(resolve(String(headers['X-Keyclic-App']), data)).toBe('com.keyclic.app');
		expect(resolve(String(headers['Accept-Language']), data)).toBe('fr-FR');
	});

	it('the Test button requests one organization from <baseUrl>/organizations', () => {
		const { request } = credential.test;
		expect(request.url).toBe('/organizations');
		expect(request.qs).toEqual({ page: 1, limit: 1 });
		expect(resolve(String(request.baseURL), credentials({ baseUrl: 'https://api.keyclic.example/' }))).toBe('https://api.keyclic.example');
		expect(resolve(String(request.baseURL), credentials())).toBe(API_BASE_URL);
	});
});
