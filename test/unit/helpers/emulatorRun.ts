// The Keyclic node run in n8n-core's real ExecuteContext (n8n.ts) against the in-process Keyclic
// emulator (test/keyclic-emulator, port 0): n8n's HTTP client is answered over real HTTP by the
// emulator, and an error status is thrown as n8n's client throws it (an axios-like error carrying
// Keyclic's body), so the node sees what it sees in n8n.
import type { IDataObject, IHttpRequestOptions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Keyclic } from '../../../nodes/Keyclic/Keyclic.node';
import { executeContext, loadOptionsContext } from './n8n';

export interface Emulator {
	url: string;
	seed: {
		organizations: Array<{ id: string; name: string }>;
		places: Array<{ id: string; organizationId: string; name: string }>;
		technician: { id: string; membershipId: string };
	};
	issueToken(): string;
	authHeaders(): Record<string, string>;
	createReport(body: IDataObject): IDataObject & { id: string };
	createOperation(body: IDataObject): IDataObject & { id: string };
	transitionReport(id: string, transition: string): IDataObject;
	commentOperation(id: string, text: string): IDataObject;
	/** While held, POST /feedbacks/issues answers feedbacks without a report. */
	holdFeedbackReports(hold?: boolean): void;
	setFault(input: IDataObject): Promise<unknown>;
	close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator } = require('../../keyclic-emulator') as {
	createEmulator: (options?: IDataObject) => Promise<Emulator>;
};

export async function startEmulator(options: IDataObject = {}): Promise<Emulator> {
	return await createEmulator({ port: 0, ...options });
}

export interface SentRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Every query parameter, repeated ones included. */
	search: Array<[string, string]>;
	body: unknown;
}

/** n8n's HTTP client sending to the emulator; every request is recorded in `sent`. */
function emulatorHttp(sent: SentRequest[]) {
	return async (options: IHttpRequestOptions): Promise<unknown> => {
		const url = new URL(options.url);
		for (const [key, value] of Object.entries(options.qs ?? {})) {
			// arrays as n8n's client sends them with arrayFormat 'brackets' (key[]=a&key[]=b)
			if (Array.isArray(value)) for (const one of value) url.searchParams.append(`${key}[]`, String(one));
			else url.searchParams.set(key, String(value));
		}
		const method = options.method ?? 'GET';
		sent.push({
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			search: [...url.searchParams],
			body: options.body,
		});
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(options.headers ?? {})) headers[key.toLowerCase()] = String(value);
		if (options.body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
		const text = await response.text();
		const data: unknown = text === '' ? undefined : JSON.parse(text);
		if (response.status >= 400) {
			throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
				isAxiosError: true,
				response: { status: response.status, data },
			});
		}
		return data;
	};
}

/** The "Keyclic API" credential pointed at the emulator, with a valid token of its demo user. */
function credentialsFor(emu: Emulator) {
	return { keyclicApi: { baseUrl: emu.url, applicationKey: 'com.keyclic.app', language: 'en-US', accessToken: emu.issueToken() } };
}

export interface EmulatorRun {
	output: INodeExecutionData[];
	sent: SentRequest[];
}

/** Runs the Keyclic node once with `params` (one input item unless `items` are given) against `emu`. */
export async function runAgainst(emu: Emulator, params: Record<string, unknown>, items: IDataObject[] = [{}]): Promise<EmulatorRun> {
	const sent: SentRequest[] = [];
	const credentials = credentialsFor(emu);
	const { context } = executeContext({
		nodeType: new Keyclic(),
		parameters: params as INodeParameters,
		credentials,
		items: items.map((json) => ({ json })),
		http: emulatorHttp(sent),
	});
	const [output] = await new Keyclic().execute.call(context);
	return { output, sent };
}

/** The load-options context of the node's list searches against `emu`, with the panel's current parameters. */
export function listSearchAgainst(emu: Emulator, current: Record<string, unknown> = {}) {
	const sent: SentRequest[] = [];
	const { context } = loadOptionsContext({
		nodeType: new Keyclic(),
		parameters: current as INodeParameters,
		credentials: credentialsFor(emu),
		http: emulatorHttp(sent),
	});
	return { context, sent };
}

/** The error a run rejects with (fails the test when it resolves). */
export async function errorAgainst(
	emu: Emulator,
	params: Record<string, unknown>,
): Promise<Error & { description?: string | null; httpCode?: string | null }> {
	const result: unknown = await runAgainst(emu, params).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(result).toBeInstanceOf(Error);
	return result as Error;
}
