// The unit tests' one Keyclic: the emulator of test/keyclic-emulator (docs/emulator.md says what it does), started in process on
// a free port with its file host, and n8n's own HTTP client sending to it for real.
//   const emu = await startEmulator({ payloadEra: '2025' });      // legacy (s20) by default
//   const { output, sent } = await runAgainst(emu, { resource: 'report', operation: 'get', reportId: id });
//   http: emulatorHttp(sent)   → for the context builders of n8n.ts (every request recorded in `sent`)
//   apiCredential(emu)         → the "Keyclic API" credential data for it (the demo user, a valid token)
// Faults (error statuses, dropped connections, slowness, expired tokens) are the emulator's: `await emu.setFault({…})`.
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Keyclic } from '../../../nodes/Keyclic/Keyclic.node';
import { executeContext, loadOptionsContext, passedRequest } from './n8n';
import type { HttpHandler } from './n8n';

type StoredFile = { id: string; name: string; contentType: string; size: number; sha256: string; href: string; bytes: Buffer };
type RecordedRequest = { method: string; path: string; headers: IDataObject };
export type EmulatorWebhook = { id: string; event: string; payloadUrl: string; enabled: boolean; organization: string };

/** The part of the emulator's module API (test/keyclic-emulator/index.js) the unit tests use, typed. */
export interface Emulator {
	url: string;
	/** Where the Tickets API ("v3") answers: `url`, or its own host with the option ticketsHost 'separate'. */
	ticketsUrl: string;
	options: { payloadEra: 'legacy' | '2025' };
	/** The emulator's time (ms) and a way to move it ("an hour later": advanceClock(3600000)). */
	now(): number;
	advanceClock(ms: number): number;
	seed: {
		user: { id: string; login: string; password: string };
		appKey: string;
		organizations: Array<{ id: string; name: string }>;
		foreignOrganization: { id: string; name: string };
		places: Array<{ id: string; organizationId: string; name: string }>;
		technician: { id: string; membershipId: string };
	};
	state: { webhooks: EmulatorWebhook[] };
	/** The live in-memory data (test/keyclic-emulator/store.js), for what the module API does not offer. */
	store: {
		webhooks: Map<string, { event: string }>;
		/** Documents keep the `type` they were sent with as `documentType`. */
		files: Map<string, { owner: { id: string }; documentType?: string | null }>;
	};
	events: NodeJS.EventEmitter;
	fileHost: { url: string; requests: RecordedRequest[] };
	fileRequests: RecordedRequest[];
	issueToken(): string;
	/** Headers for an authenticated API call as the demo user (x-keyclic-app, authorization, content-type). */
	authHeaders(): Record<string, string>;
	createWebhook(body: IDataObject): IDataObject & { id: string };
	updateWebhook(id: string, body: IDataObject): IDataObject & { id: string };
	deleteWebhook(id: string): void;
	setWebhookEnabled(id: string, enabled: boolean): void;
	/** More places and categories for an organization (long lists, paging). */
	addPlace(place: { organizationId: string; name: string }): { id: string; name: string };
	addCategory(category: { organizationId: string; name: string }): { id: string; name: string };
	createReport(body: IDataObject): IDataObject & { id: string };
	createOperation(body: IDataObject): IDataObject & { id: string };
	transitionReport(id: string, transition: string): IDataObject;
	/** Assigns an operation (to the demo user unless `member`, a membership or person id, is given). */
	assignOperation(id: string, member?: string): IDataObject;
	transitionOperation(id: string, transition: string): IDataObject;
	deleteOperation(id: string): void;
	commentOperation(id: string, text: string): IDataObject;
	addPhoto(kind: 'report' | 'operation', id: string, file: { name: string; contentType: string; bytes: Buffer; href?: string }): StoredFile;
	photos(kind: 'report' | 'operation', id: string): StoredFile[];
	documents(kind: 'report' | 'operation', id: string): StoredFile[];
	/** While held, POST /feedbacks/issues answers feedbacks without a report. */
	holdFeedbackReports(hold?: boolean): void;
	setFault(input: IDataObject): Promise<unknown>;
	reset(): Promise<void>;
	close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator } = require('../../keyclic-emulator') as { createEmulator(options: IDataObject): Promise<Emulator> };

/** An emulator on a free port of 127.0.0.1 with these options (see docs/emulator.md, Options). */
export async function startEmulator(options: IDataObject = {}): Promise<Emulator> {
	return await createEmulator({ port: 0, ...options });
}

/** The "Keyclic API" credential data for `emu`: its demo user, with a valid access token (so no login is needed). */
export function apiCredential(emu: Emulator, overrides: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		baseUrl: emu.url,
		login: emu.seed.user.login,
		password: emu.seed.user.password,
		applicationKey: emu.seed.appKey,
		language: 'en-US',
		accessToken: emu.issueToken(),
		...overrides,
	} as ICredentialDataDecryptedObject;
}

/** One request n8n's HTTP client sent (after n8n authenticated it). */
export interface SentRequest {
	/** The credential type asked of httpRequestWithAuthentication ('' for a plain httpRequest, e.g. the login). */
	credentialType: string;
	method: string;
	url: string;
	/** Path below the host, without the query string. */
	path: string;
	/** The query as the node gave it (typed values). */
	qs: IDataObject;
	/** The query as sent, one value per name. */
	query: Record<string, string>;
	/** Every query parameter as sent, repeated ones included. */
	search: Array<[string, string]>;
	body: unknown;
	/** The headers n8n sent (with the credential's authentication). */
	headers: IDataObject;
	/** The request options exactly as the node passed them (before n8n authenticated them). */
	options: IHttpRequestOptions;
	/** What the server answered (the parsed body), once it did; undefined for an error or no answer. */
	answer?: unknown;
}

// n8n's own HTTP request function (the one behind its OutboundHttp: axios with n8n's options conversion), loaded by path
// from n8n-core's copy of @n8n/backend-network, as n8n.ts loads n8n-core's packages (the community-node lint forbids
// importing them, even in tests).
const NETWORK_PACKAGE = '@n8n/backend-network';
const networkIndex = require.resolve(NETWORK_PACKAGE, { paths: [require.resolve('n8n-core')] });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { httpRequest } = require(`${networkIndex.slice(0, networkIndex.lastIndexOf('/'))}/http/axios/request.js`) as {
	httpRequest(options: IHttpRequestOptions, bridge: undefined): Promise<unknown>;
};

const LOCAL = new Set(['127.0.0.1', '[::1]', 'localhost']);

function record(options: IHttpRequestOptions): SentRequest {
	const passed = passedRequest(options);
	const url = new URL(options.url);
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		if (value === undefined) continue;
		// arrays as n8n's client sends them with arrayFormat 'brackets' (key[]=a&key[]=b)
		if (Array.isArray(value)) for (const one of value) url.searchParams.append(`${key}[]`, String(one));
		else url.searchParams.set(key, String(value));
	}
	return {
		credentialType: passed?.credentialType ?? '',
		method: options.method ?? 'GET',
		url: options.url,
		path: url.pathname,
		qs: { ...(options.qs ?? {}) },
		query: Object.fromEntries(url.searchParams),
		search: [...url.searchParams],
		body: options.body,
		headers: { ...(options.headers ?? {}) },
		options: passed?.options ?? options,
	};
}

/**
 * n8n's HTTP client sending for real, each request recorded in `sent` first. Only local servers (the emulator, its file
 * host) are reached: any other host is refused like an unreachable one, so no test can leave the machine.
 */
export function emulatorHttp(sent: SentRequest[] = []): HttpHandler {
	return async (options: IHttpRequestOptions) => {
		const request = record(options);
		sent.push(request);
		if (!LOCAL.has(new URL(options.url).hostname)) {
			throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${new URL(options.url).hostname}`), { code: 'ENOTFOUND' });
		}
		request.answer = await httpRequest(options, undefined);
		return request.answer;
	};
}

interface EmulatorRun {
	output: INodeExecutionData[];
	sent: SentRequest[];
}

interface RunOptions {
	/** The node's "On Error: Continue" setting (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	/** Changes to the credential data of apiCredential(emu) (e.g. `accessToken: ''` to make n8n log in first). */
	credential?: IDataObject;
	/** Where the requests are recorded (default: a fresh list, returned in the run). */
	sent?: SentRequest[];
}

const isExecutionData = (item: IDataObject | INodeExecutionData): item is INodeExecutionData =>
	typeof item.json === 'object' && item.json !== null && Object.keys(item).every((key) => ['json', 'binary', 'pairedItem'].includes(key));

/**
 * Runs the Keyclic node once in n8n-core's ExecuteContext with `params` against `emu`. `items` are the input: each an
 * item's json, or a whole item (`{json, binary}`); default one empty item. Resolves with the output and the requests sent.
 */
export async function runAgainst(
	emu: Emulator,
	params: Record<string, unknown>,
	items: Array<IDataObject | INodeExecutionData> = [{}],
	{ continueOnFail = false, credential = {}, sent = [] }: RunOptions = {},
): Promise<EmulatorRun> {
	const { context, node } = executeContext({
		nodeType: new Keyclic(),
		parameters: params as INodeParameters,
		credentials: { keyclicApi: apiCredential(emu, credential) },
		items: items.map((item) => (isExecutionData(item) ? item : { json: item })),
		http: emulatorHttp(sent),
	});
	if (continueOnFail) node.onError = 'continueRegularOutput';
	const [output] = await new Keyclic().execute.call(context);
	return { output, sent };
}

/** The error a run rejects with (fails the test when it resolves). */
export async function errorAgainst(
	emu: Emulator,
	params: Record<string, unknown>,
	items: Array<IDataObject | INodeExecutionData> = [{}],
	options: RunOptions = {},
): Promise<Error & { description?: string | null; httpCode?: string | null; context?: IDataObject }> {
	const result: unknown = await runAgainst(emu, params, items, options).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(result).toBeInstanceOf(Error);
	return result as Error;
}

/** The load-options context of the Keyclic node's list searches against `emu`, with the panel's current parameters. */
export function listSearchAgainst(emu: Emulator, current: Record<string, unknown> = {}) {
	const sent: SentRequest[] = [];
	const { context } = loadOptionsContext({
		nodeType: new Keyclic(),
		parameters: current as INodeParameters,
		credentials: { keyclicApi: apiCredential(emu) },
		http: emulatorHttp(sent),
	});
	return { context, sent };
}

/** What the emulator answers `GET path` to the demo user (its JSON body; the test fails on an error status). */
export async function keyclicGet(emu: Emulator, path: string): Promise<IDataObject> {
	const response = await fetch(`${emu.url}${path}`, { headers: emu.authHeaders() });
	expect(response.status).toBe(200);
	return (await response.json()) as IDataObject;
}

/**
 * A legacy-era (`emu`) and a 2025-era (`modern`) emulator for a test file, on a stopped clock (an answer's durations
 * do not change between two reads), reset before each test unless `resetEach` is false; `org` is the first demo
 * organization. Registers the file's beforeAll/afterAll: call it at the top level of the file.
 */
export function bothEras({ resetEach = true }: { resetEach?: boolean } = {}) {
	const eras = {} as { emu: Emulator; modern: Emulator; org: string };
	beforeAll(async () => {
		const clock = () => Date.parse('2025-05-01T08:00:00Z');
		eras.emu = await startEmulator({ clock });
		eras.modern = await startEmulator({ payloadEra: '2025', clock });
		eras.org = eras.emu.seed.organizations[0].id;
	});
	if (resetEach) {
		beforeEach(async () => {
			await eras.emu.reset();
			await eras.modern.reset();
		});
	}
	afterAll(async () => {
		await eras.emu?.close();
		await eras.modern?.close();
	});
	return eras;
}

/** One emulator (`options`) for a test file, reset before each test; `org` is its first demo organization. Registers the file's hooks. */
export function oneEmulator(options: IDataObject = {}) {
	const one = {} as { emu: Emulator; org: string };
	beforeAll(async () => {
		one.emu = await startEmulator(options);
		one.org = one.emu.seed.organizations[0].id;
	});
	beforeEach(async () => await one.emu.reset());
	afterAll(async () => await one.emu?.close());
	return one;
}
