import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { API_CREDENTIAL } from '../nodes/common/credentialNames';
import { httpStatusOf } from '../nodes/common/transport/httpStatus';
import { KeyclicLoginError } from '../nodes/common/transport/KeyclicApiError';

/**
 * A Keyclic account: n8n logs in with e-mail and password (POST /security/login), keeps the JWT as an
 * expirable hidden field, sends it as a Bearer token with the application key, and logs in again
 * whenever Keyclic answers 401. Where the login also answers an idToken (the 2025 API), it is exchanged at the Tickets
 * API's POST /auth/token, and the token that gives, when it gives one, is sent instead (see exchangeIdToken).
 */
export class KeyclicApi implements ICredentialType {
	name = API_CREDENTIAL;

	displayName = 'Keyclic API';

	icon = { light: 'file:../nodes/KeyclicTrigger/keyclic.svg', dark: 'file:../nodes/KeyclicTrigger/keyclic.dark.svg' } as const;

	documentationUrl = 'https://github.com/keyclic/n8n-nodes-keyclic/blob/main/README.md#keyclic-api-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'E-Mail',
			name: 'login',
			type: 'string',
			placeholder: 'e.g. name@example.com',
			default: '',
			required: true,
			description: 'The e-mail address you log in to Keyclic with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Application Key',
			name: 'applicationKey',
			type: 'string',
			default: 'com.keyclic.app',
			required: true,
			description: 'Sent as the X-Keyclic-App header. Keep com.keyclic.app unless Keyclic gave you another key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.keyclic.com',
			required: true,
			description: 'Root of the Keyclic API. Change it only for a test server or the local emulator.',
		},
		{
			displayName: 'Tickets API URL',
			name: 'ticketsBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api.keyclic.com',
			description:
				"Root of Keyclic's Tickets API (the 2025 OpenAPI 3 API the Ticket resource uses). Leave empty to use the Base URL: Keyclic documents no other host.",
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			options: [
				{ name: 'English', value: 'en-US' },
				{ name: 'French', value: 'fr-FR' },
				{ name: 'Spanish', value: 'es-ES' },
			],
			default: 'en-US',
			description: 'Language of the labels Keyclic returns (Accept-Language)',
		},
		{
			displayName: 'Retry Limit (Seconds)',
			name: 'retryLimit',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 30,
			description:
				'How long a read (GET) may keep being retried when Keyclic answers 429 or 503 or does not answer, honouring its Retry-After. 0 turns retries off. Writes are never retried.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// The token POST /auth/token gave for the login's idToken ('' when it gave none): renewed with every login.
			displayName: 'Exchanged Access Token',
			name: 'exchangedAccessToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const url = `${String(credentials.baseUrl).replace(/\/+$/, '')}/security/login`;
		let response: unknown;
		try {
			response = await this.helpers.httpRequest({
				method: 'POST',
				url,
				headers: { 'X-Keyclic-App': String(credentials.applicationKey) },
				body: { login: credentials.login, password: credentials.password },
				json: true,
			});
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			const status = httpStatusOf(error);
			const refused = status === 401 || status === 403;
			// A KeyclicLoginError: n8n wraps it in a NodeApiError that keeps it as cause, where the nodes read
			// its status (it carries no httpCode: n8n would swap this message for its generic "Authorization
			// failed" one in the credential test)
			throw new KeyclicLoginError(
				refused
					? `Keyclic refused the login of ${String(credentials.login)}: check the e-mail, password and application key (${reason})`
					: `Could not log in to Keyclic at ${url}: ${reason}`,
				status,
			);
		}
		const accessToken = typeof response === 'object' && response !== null && 'accessToken' in response ? response.accessToken : undefined;
		if (typeof accessToken !== 'string' || accessToken === '') {
			throw new Error('Keyclic accepted the login but returned no accessToken');
		}
		const idToken = typeof response === 'object' && response !== null && 'idToken' in response ? response.idToken : undefined;
		return {
			accessToken,
			exchangedAccessToken: typeof idToken === 'string' && idToken !== '' ? await exchangeIdToken(this, credentials, idToken) : '',
		};
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.exchangedAccessToken || $credentials.accessToken}}',
				'X-Keyclic-App': '={{$credentials.applicationKey}}',
				'Accept-Language': '={{$credentials.language}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/organizations',
			qs: { page: 1, limit: 1 },
		},
	};
}

/**
 * Keyclic does not document whether its Tickets API takes the login's token or needs the login's idToken exchanged at
 * POST /auth/token (grantType external_auth) first. The credential tries the exchange once per login: the token it gives
 * is a Keyclic access token the whole API takes, so it is sent on every call; when Keyclic refuses the exchange (or has
 * no such route) the login's token is sent, as before. Costs one call per login on the 2025 API.
 */
async function exchangeIdToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, idToken: string): Promise<string> {
	const base = String(credentials.ticketsBaseUrl || credentials.baseUrl).replace(/\/+$/, '');
	try {
		const answer: unknown = await helper.helpers.httpRequest({
			method: 'POST',
			url: `${base}/auth/token`,
			headers: { 'X-Keyclic-App': String(credentials.applicationKey) },
			body: { grantType: 'external_auth', idToken },
			json: true,
		});
		const token = typeof answer === 'object' && answer !== null && 'accessToken' in answer ? answer.accessToken : undefined;
		return typeof token === 'string' ? token : '';
	} catch {
		return '';
	}
}
