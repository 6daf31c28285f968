import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { WEBHOOK_SECRET_CREDENTIAL } from './credentialNames';
import { checkEnvelope, checkPayload, isDataObject, toItem } from './normalize';
import { getAuthentication, getOptions, getSelectedEvents } from './parameters';
import { TOKEN_QUERY_PARAMETER, checkToken } from './secret';

/** Writes a JSON error answer and tells n8n not to answer (and not to start an execution). */
function reject(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

async function expectedSecret(context: IWebhookFunctions): Promise<string | undefined> {
	const credentials = await context.getCredentials(WEBHOOK_SECRET_CREDENTIAL);
	const token = credentials.token;
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/** Refuses calls without the right secret: 401 when missing, 403 when wrong. Returns undefined when allowed. */
async function authenticate(context: IWebhookFunctions): Promise<IWebhookResponseData | undefined> {
	if (getAuthentication(context) === 'none') return undefined;
	const expected = await expectedSecret(context);
	if (expected === undefined) {
		return reject(context, 500, {
			error: 'trigger_misconfigured',
			message:
				'This Keyclic Trigger requires a secret token but its "Keyclic Webhook Secret" credential has no token. Set one in n8n.',
		});
	}
	const query: unknown = context.getQueryData();
	const received = isDataObject(query) ? query[TOKEN_QUERY_PARAMETER] : undefined;
	const result = checkToken(expected, received);
	if (result === 'missing') {
		return reject(context, 401, {
			error: 'missing_token',
			message: `This webhook requires the secret token: add ?${TOKEN_QUERY_PARAMETER}=<secret> to the URL configured in Keyclic.`,
		});
	}
	if (result === 'invalid') {
		return reject(context, 403, { error: 'invalid_token', message: 'The secret token in the URL is wrong.' });
	}
	return undefined;
}

/**
 * What the Keyclic Trigger does with one HTTP call:
 * 401/403 without the right secret, 400 for a malformed notification, 200 without execution for an
 * event that is not selected, 200 and one item for a selected, valid one.
 */
export async function handleKeyclicWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = new Date();
	const denied = await authenticate(this);
	if (denied) return denied;

	const body: unknown = this.getBodyData();
	const envelope = checkEnvelope(body);
	if (!envelope.ok) {
		return reject(this, 400, {
			error: 'invalid_notification',
			message: `Not a valid Keyclic notification: ${envelope.problems.join('; ')}`,
			problems: envelope.problems,
		});
	}
	const { event, payload } = envelope;
	if (!getSelectedEvents(this).has(event)) {
		return { webhookResponse: { status: 'ignored', event, reason: 'event not selected in this trigger' } };
	}
	const checked = checkPayload(event, payload);
	if (!checked.ok) {
		return reject(this, 400, {
			error: 'invalid_notification',
			message: `Not a valid Keyclic ${event} notification: ${checked.problems.join('; ')}`,
			problems: checked.problems,
		});
	}
	const { resource } = checked;
	const json: IDataObject = getOptions(this).outputRaw ? envelope.body : toItem(event, resource, payload, receivedAt);
	return {
		webhookResponse: { status: 'accepted', event, id: resource.id },
		workflowData: [[{ json }]],
	};
}
