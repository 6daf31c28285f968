import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { WEBHOOK_SECRET_CREDENTIAL } from '../../common/credentialNames';
import { isDataObject } from '../../common/guards';
import { registeredToken } from '../registration/registration';
import { confirmWithKeyclic } from './confirm';
import { identify } from '../../common/normalize';
import { checkEnvelope } from './envelope';
import type { KeyclicEvent } from './events';
import { toItem } from './item';
import { readWebhookSettings } from './parameters';
import type { WebhookSettings } from './parameters';
import { TOKEN_QUERY_PARAMETER, checkToken } from './secret';

/** What the trigger answers to one call, decided before anything is written to the response. */
export type Answer =
	| { kind: 'accept'; event: string; id: string; json: IDataObject }
	| { kind: 'ignore'; event: KeyclicEvent }
	| { kind: 'reject'; status: number; body: IDataObject };

const reject = (status: number, error: string, message: string, extra: IDataObject = {}): Answer => ({
	kind: 'reject',
	status,
	body: { error, message, ...extra },
});

/** The one place that turns an answer into n8n's webhook response. */
function respond(context: IWebhookFunctions, answer: Answer): IWebhookResponseData {
	switch (answer.kind) {
		case 'accept':
			return {
				webhookResponse: { status: 'accepted', event: answer.event, id: answer.id },
				workflowData: [[{ json: answer.json }]],
			};
		case 'ignore':
			return { webhookResponse: { status: 'ignored', event: answer.event, reason: 'event not selected in this trigger' } };
		case 'reject':
			// written here, and n8n told not to answer (nor to start an execution)
			context.getResponseObject().status(answer.status).json(answer.body);
			return { noWebhookResponse: true };
	}
}

/** The secret this call must carry (undefined: none is required), or the answer when it cannot be known. */
async function expectedSecret(context: IWebhookFunctions, settings: WebhookSettings): Promise<{ secret?: string } | Answer> {
	if (settings.registration === 'automatic') {
		const secret = registeredToken(context.getWorkflowStaticData('node'));
		if (secret) return { secret };
		return reject(401, 'not_registered', 'This trigger has not registered its Keyclic webhooks yet: activate (publish) the workflow.');
	}
	if (settings.authentication === 'none') return {};
	let token: unknown;
	try {
		({ token } = await context.getCredentials(WEBHOOK_SECRET_CREDENTIAL));
	} catch (error) {
		// no credential selected, or n8n will not hand it out (e.g. a hand-edited authentication value): fail closed
		return reject(
			500,
			'trigger_misconfigured',
			`This Keyclic Trigger requires a secret token but n8n could not give it its "Keyclic Webhook Secret" credential (${error instanceof Error ? error.message : String(error)}). Select one in the trigger.`,
		);
	}
	if (typeof token === 'string' && token !== '') return { secret: token };
	return reject(
		500,
		'trigger_misconfigured',
		'This Keyclic Trigger requires a secret token but its "Keyclic Webhook Secret" credential has none. Set one in n8n.',
	);
}

/** Refuses calls without the right secret: 401 when missing, 403 when wrong. Undefined when allowed. */
async function authenticate(context: IWebhookFunctions, settings: WebhookSettings): Promise<Answer | undefined> {
	const expected = await expectedSecret(context, settings);
	if ('kind' in expected) return expected;
	if (expected.secret === undefined) return undefined;
	const query: unknown = context.getQueryData();
	const result = checkToken(expected.secret, isDataObject(query) ? query[TOKEN_QUERY_PARAMETER] : undefined);
	if (result === 'missing') {
		return reject(
			401,
			'missing_token',
			`This webhook requires the secret token: add ?${TOKEN_QUERY_PARAMETER}=<secret> to the URL configured in Keyclic.`,
		);
	}
	if (result === 'invalid') return reject(403, 'invalid_token', 'The secret token in the URL is wrong.');
	return undefined;
}

/**
 * A JSON media type: `application/json` or `application/<anything>+json` (Keyclic's API answers
 * `application/hal+json`), with any parameters and the whitespace RFC 9110 allows around them.
 */
export function isJsonContentType(header: unknown): boolean {
	if (typeof header !== 'string') return false;
	const mediaType = header.split(';')[0].trim().toLowerCase();
	return /^application\/(?:[!#$%&'*.^`|~0-9a-z-]+\+)?json$/.test(mediaType);
}

/**
 * The body as JSON. n8n parses only `application/json` exactly (a `+json` type, or whitespace before the
 * parameters, leaves the body unparsed: `{}`): then the node parses the raw body n8n kept. Undefined when
 * there is nothing to read.
 */
async function jsonBody(context: IWebhookFunctions): Promise<{ ok: true; body: unknown } | { ok: false; problem: string }> {
	const parsed: unknown = context.getBodyData();
	if (isDataObject(parsed) && Object.keys(parsed).length > 0) return { ok: true, body: parsed };
	const request = context.getRequestObject();
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') await request.readRawBody();
	const raw: unknown = request.rawBody;
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8').replace(/^\uFEFF/, '') : '';
	if (text.trim() === '') return { ok: true, body: parsed };
	try {
		const body: unknown = JSON.parse(text);
		return { ok: true, body };
	} catch (error) {
		return { ok: false, problem: `body: is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
	}
}

const invalid = (problem: string, what = 'notification'): Answer =>
	reject(400, 'invalid_notification', `Not a valid Keyclic ${what}: ${problem}`, { problems: [problem] });

async function decide(context: IWebhookFunctions, settings: WebhookSettings, receivedAt: Date): Promise<Answer> {
	const denied = await authenticate(context, settings);
	if (denied) return denied;

	const contentType = context.getHeaderData()['content-type'];
	if (!isJsonContentType(contentType)) {
		return reject(
			415,
			'unsupported_content_type',
			`Keyclic notifications must be sent as JSON with the header "Content-Type: application/json" (or another JSON media type; this call had ${contentType ? `"${String(contentType)}"` : 'none'}).`,
		);
	}
	const read = await jsonBody(context);
	if (!read.ok) return invalid(read.problem);
	const envelope = checkEnvelope(read.body, settings);
	if (!envelope.ok) return invalid(envelope.problem);
	const { event } = envelope;
	if (envelope.known && !settings.events.has(envelope.event)) return { kind: 'ignore', event: envelope.event };
	const identified = identify(envelope.resourceType, envelope.payload);
	if (!identified.ok) return invalid(identified.problem, `${event} notification`);
	let { resource } = identified;
	if (settings.confirmWithApi) {
		const confirmation = await confirmWithKeyclic(context, event, resource, settings.organization);
		if (!confirmation.ok) return { kind: 'reject', status: confirmation.status, body: confirmation.body };
		resource = confirmation.resource;
	}
	const json = settings.outputRaw ? envelope.body : toItem(event, resource, receivedAt, settings.confirmWithApi, envelope.warnings);
	return { kind: 'accept', event, id: resource.id, json };
}

/**
 * What the Keyclic Trigger does with one HTTP call (docs/keyclic-trigger.md "What the webhook answers"): reads the
 * node's parameters once, decides the answer, and writes it in one place.
 */
export async function handleKeyclicWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = new Date();
	const settings = readWebhookSettings(this);
	return respond(this, await decide(this, settings, receivedAt));
}
