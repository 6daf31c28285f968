// The secret token: constant-time check of ?token=, rules for a usable secret, credential test.
import type { ICredentialsDecrypted } from 'n8n-workflow';

import { KeyclicWebhookSecretApi } from '../../credentials/KeyclicWebhookSecretApi.credentials';
import { KeyclicTrigger } from '../../nodes/KeyclicTrigger/KeyclicTrigger.node';
import { MIN_TOKEN_LENGTH, TOKEN_QUERY_PARAMETER, checkToken, secretProblems } from '../../nodes/KeyclicTrigger/webhook/secret';
import { asCredentialTestFunctions } from './helpers/context';

const EXPECTED = 'example-expected-token-value';

describe('checkToken', () => {
	it('the query parameter is called token', () => {
		expect(TOKEN_QUERY_PARAMETER).toBe('token');
	});

	it.each([
		['undefined', undefined],
		['an empty string', ''],
	])('missing for %s', (_label, received) => {
		expect(checkToken(EXPECTED, received)).toBe('missing');
	});

	it.each([
		['another string', 'example-other-token-value'],
		['a prefix', EXPECTED.slice(0, 10)],
		['a longer string', `${EXPECTED}-more`],
		['another case', EXPECTED.toUpperCase()],
		['surrounding spaces', ` ${EXPECTED} `],
		['an array holding the right value', [EXPECTED]],
		['an array of two right values', [EXPECTED, EXPECTED]],
		['a number', 12345],
		['null', null],
		['an object', { token: EXPECTED }],
	])('invalid for %s', (_label, received) => {
		expect(checkToken(EXPECTED, received)).toBe('invalid');
	});

	it('valid for the same string, also with non-ASCII characters', () => {
		expect(checkToken(EXPECTED, EXPECTED)).toBe('valid');
		expect(checkToken('example-clé-secrète', 'example-clé-secrète')).toBe('valid');
		expect(checkToken('example-clé-secrète', 'example-cle-secrete')).toBe('invalid');
	});
});

describe('secretProblems', () => {
	it('the minimum length is 16', () => {
		expect(MIN_TOKEN_LENGTH).toBe(16);
	});

	it.each([
		['64 hex characters (openssl rand -hex 32)', 'a'.repeat(32) + '0123456789abcdef'.repeat(2)],
		['exactly 16 characters', 'abcdefghijklmnop'],
		['every allowed punctuation', 'Abc-def_ghi.jkl~MNO-0123'],
	])('no problem for %s', (_label, secret) => {
		expect(secretProblems(secret)).toEqual([]);
	});

	it.each([
		['empty', ''],
		['15 characters', 'abcdefghijklmno'],
	])('too short when %s', (_label, secret) => {
		expect(secretProblems(secret)).toEqual(['it must be at least 16 characters long']);
	});

	it.each([
		'with space inside ok',
		'base64+like/value=',
		'ampersand&and#hash1',
		'question?mark-long',
		'percent%20encoded--',
		'accentué-très-long',
	])('not URL-safe: %j', (secret) => {
		const problems = secretProblems(secret);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain('letters, digits');
	});

	it('reports both problems at once', () => {
		expect(secretProblems('a b')).toHaveLength(2);
	});
});

describe('credential test keyclicWebhookSecretTest', () => {
	const test = new KeyclicTrigger().methods.credentialTest.keyclicWebhookSecretTest;

	function credential(data?: Record<string, unknown>): ICredentialsDecrypted {
		return { id: '1', name: 'Keyclic Webhook Secret', type: 'keyclicWebhookSecretApi', data: data as ICredentialsDecrypted['data'] };
	}

	async function run(data?: Record<string, unknown>) {
		return await test.call(asCredentialTestFunctions(), credential(data));
	}

	it('is the test named by the node credential and the credential type name matches', () => {
		const node = new KeyclicTrigger();
		const secret = node.description.credentials?.find((candidate) => candidate.name === 'keyclicWebhookSecretApi');
		expect(secret).toMatchObject({ testedBy: 'keyclicWebhookSecretTest', required: true });
		expect(new KeyclicWebhookSecretApi().name).toBe('keyclicWebhookSecretApi');
	});

	it('OK for a long URL-safe token', async () => {
		const result = await run({ token: 'example-0123456789abcdef' });
		expect(result.status).toBe('OK');
		expect(result.message).toEqual(expect.any(String));
	});

	it.each([
		['too short', { token: 'short' }, '16 characters'],
		['not URL-safe', { token: 'example token with spaces' }, 'letters, digits'],
		['empty', { token: '' }, '16 characters'],
		['not a string', { token: 4242424242 }, 'empty'],
		['absent', {}, 'empty'],
		['without data', undefined, 'empty'],
	])('Error when the token is %s', async (_label, data, fragment) => {
		const result = await run(data);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('not usable');
		expect(result.message).toContain(fragment);
	});
});

describe('credential type KeyclicWebhookSecretApi', () => {
	it('has one required password field named token', () => {
		const credential = new KeyclicWebhookSecretApi();
		expect(credential.properties).toHaveLength(1);
		expect(credential.properties[0]).toMatchObject({
			name: 'token',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { password: true },
		});
	});
});
