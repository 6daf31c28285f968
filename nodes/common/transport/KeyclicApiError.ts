import { NodeApiError } from 'n8n-workflow';
import type { IHttpRequestMethods, INode, JsonObject } from 'n8n-workflow';

import { read } from '../guards';
import type { KeyclicErrorDetails } from './errorDetails';
import type { Attempt } from './retry';

// The errors of a failed Keyclic call, typed, as n8n's Webhook node has Webhook/error.ts: the transport
// throws them, every other part of the package reads their fields (never their message text).

const LOGIN_ERROR = Symbol.for('n8n-nodes-keyclic.KeyclicLoginError');

/**
 * The credential's login failed (preAuthentication). n8n wraps whatever a login throws in a NodeApiError
 * of its own that keeps it as `cause` but not its status; the transport reads `loginStatus` there. (Not
 * named `status`/`statusCode`/`httpCode`: n8n would then replace the message with its generic
 * "Authorization failed" one in the credential's Test.)
 */
export class KeyclicLoginError extends Error {
	readonly [LOGIN_ERROR] = true;

	constructor(
		message: string,
		/** Keyclic's HTTP answer to the login; undefined when it gave none. */
		readonly loginStatus: number | undefined,
	) {
		super(message);
		this.name = 'KeyclicLoginError';
	}

	/** Whether Keyclic refused the e-mail, password or application key (401/403). */
	get refused(): boolean {
		return this.loginStatus === 401 || this.loginStatus === 403;
	}
}

/** The KeyclicLoginError in `error` or its causes (as n8n wraps it), if any. */
export function loginErrorOf(error: unknown): KeyclicLoginError | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		// a brand, not instanceof: the credential and the nodes may load this module from two copies
		if (LOGIN_ERROR in current) return current as KeyclicLoginError;
		current = read(current, 'cause');
	}
	return undefined;
}

/** What is known of a failed Keyclic call. */
export interface KeyclicFailure {
	/** Keyclic's HTTP status; undefined when it gave no answer (refused, reset, timed out, unknown host). */
	status: number | undefined;
	/** Keyclic's own explanation from the error body (vnd.error or problem), null when it sent none. */
	keyclic: KeyclicErrorDetails | null;
	/** The request: method and path (or the URL of a file link). */
	method: IHttpRequestMethods;
	path: string;
	/** What each call got, in words ("429 (Retry-After 1 s)", "no answer (ECONNRESET)"): one entry per call. */
	attempts: Attempt[];
	/** The credential's login was refused (the status is then 401 or 403). */
	loginRefused: boolean;
}

/**
 * A Keyclic call that failed: a NodeApiError (n8n shows its message and description, Continue On Fail
 * outputs them) whose fields say what happened. Its `name` stays "NodeApiError": n8n recognises node
 * errors by name (workflow-execute's rethrow, telemetry).
 */
export class KeyclicApiError extends NodeApiError {
	readonly status: number | undefined;

	/** Keyclic's error code (the problem format's `type`), null when its body has none. */
	readonly keyclicCode: string | null;

	/** Keyclic's own message, null when it sent none. */
	readonly keyclicMessage: string | null;

	/** Keyclic's field errors, each "path: message". */
	readonly fieldErrors: string[];

	readonly method: IHttpRequestMethods;

	readonly path: string;

	readonly attempts: Attempt[];

	readonly loginRefused: boolean;

	constructor(
		node: INode,
		failure: KeyclicFailure,
		{ message, description, clientMessage }: { message?: string; description: string; clientMessage: string },
	) {
		const httpCode = failure.status === undefined ? null : String(failure.status);
		// a fresh error object, never the client's: wrapping it would let n8n swap our message for one it
		// picks from its error code ("The service refused the connection"). With no message given, n8n
		// words it from httpCode (its status-code messages).
		super(node, { message: clientMessage, httpCode } as JsonObject, {
			message,
			description,
			...(httpCode === null ? {} : { httpCode }),
		});
		this.name = 'NodeApiError';
		this.status = failure.status;
		this.keyclicCode = failure.keyclic?.code ?? null;
		this.keyclicMessage = failure.keyclic?.message ?? null;
		this.fieldErrors = failure.keyclic?.fields ?? [];
		this.method = failure.method;
		this.path = failure.path;
		this.attempts = failure.attempts;
		this.loginRefused = failure.loginRefused;
	}

	/** How many times the call was repeated after the first (0: called once). */
	get retries(): number {
		return Math.max(0, this.attempts.length - 1);
	}

	get retried(): boolean {
		return this.retries > 0;
	}
}

/** The KeyclicApiError a failed Keyclic call threw, if `error` is one. */
export function keyclicErrorOf(error: unknown): KeyclicApiError | undefined {
	return error instanceof KeyclicApiError ? error : undefined;
}
