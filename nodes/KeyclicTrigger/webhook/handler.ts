import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { WEBHOOK_SECRET_CREDENTIAL } from '../../common/credentialNames';
import { isDataObject } from '../../common/guards';
import { registeredToken } from '../registration/registration';
import { confirmWithKeyclic } from './confirm';
import { checkEnvelope, identifyPayload } from './envelope';
import type { KeyclicEvent } from './events';
import { toItem } from './item';
import { readWebhookSettings } from './parameters';
import type { WebhookSettings } from './parameters';
import { TOKEN_QUERY_PARAMETER, checkToken } from './secret';

/** What the trigger answers to one call, decided before anything is written to the response. */
export type Answer =
	| { kind: 'accept'; event: KeyclicEvent; id: string; json: IDataObject }
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

/** `application/json`, with or without parameters (`; charset=UTF-8`): the only body n8n parses into JSON. */
function isJsonContentType(header: unknown): boolean {
	return typeof header === 'string' && header.split(';')[0].trim().toLowerCase() === 'application/json';
}

const invalid = (problem: string, what = 'notification'): Answer =>
	reject(400, 'invalid_notification', `Not a valid Keyclic ${what}: ${problem}`, { problems: [problem] });

async function decide(context: IWebhookFunctions, settings: WebhookSettings, receivedAt: Date): Promise<Answer> {
	const denied = await authenticate(context, settings);
	if (denied) return denied;

	const body: unknown = context.getBodyData();
	const contentType = context.getHeaderData()['content-type'];
	// n8n parses only the content types it knows (typeVersion 2 leaves any other body unparsed): say so.
	if (!isDataObject(body) || Object.keys(body).length === 0) {
		if (!isJsonContentType(contentType)) {
			return reject(
				415,
				'unsupported_content_type',
				`Keyclic notifications must be sent as JSON with the header "Content-Type: application/json" (this call had ${contentType ? `"${String(contentType)}"` : 'none'}).`,
			);
		}
	}
	const envelope = checkEnvelope(body);
	if (!envelope.ok) return invalid(envelope.problem);
	const { event } = envelope;
	if (!settings.events.has(event)) return { kind: 'ignore', event };
	const identified = identifyPayload(event, envelope.payload);
	if (!identified.ok) return invalid(identified.problem, `${event} notification`);
	let { resource } = identified;
	if (settings.confirmWithApi) {
		const confirmation = await confirmWithKeyclic(context, event, resource, settings.organization);
		if (!confirmation.ok) return { kind: 'reject', status: confirmation.status, body: confirmation.body };
		resource = confirmation.resource;
	}
	const json = settings.outputRaw ? envelope.body : toItem(event, resource, receivedAt, settings.confirmWithApi);
	return { kind: 'accept', event, id: resource.id, json };
}

/**
 * What the Keyclic Trigger does with one HTTP call (README "What the webhook answers"): reads the
 * node's parameters once, decides the answer, and writes it in one place.
 */
export async function handleKeyclicWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = new Date();
	const settings = readWebhookSettings(this);
	return respond(this, await decide(this, settings, receivedAt));
}
