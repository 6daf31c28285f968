import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { confirmWithKeyclic } from './confirm';
import { WEBHOOK_SECRET_CREDENTIAL } from '../../shared/credentialNames';
import { isDataObject } from '../../shared/guards';
import { checkEnvelope, checkPayload } from './envelope';
import { toItem } from './item';
import { getAuthentication, getConfirmWithApi, getOptions, getRegistration, getSelectedEvents } from './parameters';
import { registeredToken } from '../registration/registration';
import { TOKEN_QUERY_PARAMETER, checkToken } from './secret';

/** Writes a JSON error answer and tells n8n not to answer (and not to start an execution). */
function reject(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

async function credentialSecret(context: IWebhookFunctions): Promise<string | undefined> {
	const credentials = await context.getCredentials(WEBHOOK_SECRET_CREDENTIAL);
	const token = credentials.token;
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/** The secret this call must carry, or undefined when the trigger accepts unauthenticated calls. */
async function expectedSecret(context: IWebhookFunctions): Promise<{ secret?: string; problem?: IWebhookResponseData }> {
	if (getRegistration(context) === 'automatic') {
		const secret = registeredToken(context.getWorkflowStaticData('node'));
		if (secret) return { secret };
		return {
			problem: reject(context, 401, {
				error: 'not_registered',
				message: 'This trigger has not registered its Keyclic webhooks yet: activate (publish) the workflow.',
			}),
		};
	}
	if (getAuthentication(context) === 'none') return {};
	const secret = await credentialSecret(context);
	if (secret) return { secret };
	return {
		problem: reject(context, 500, {
			error: 'trigger_misconfigured',
			message: 'This Keyclic Trigger requires a secret token but its "Keyclic Webhook Secret" credential has none. Set one in n8n.',
		}),
	};
}

/** Refuses calls without the right secret: 401 when missing, 403 when wrong. Undefined when allowed. */
async function authenticate(context: IWebhookFunctions): Promise<IWebhookResponseData | undefined> {
	const { secret, problem } = await expectedSecret(context);
	if (problem) return problem;
	if (secret === undefined) return undefined;
	const query: unknown = context.getQueryData();
	const result = checkToken(secret, isDataObject(query) ? query[TOKEN_QUERY_PARAMETER] : undefined);
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
 * event that is not selected, 4xx/503 when "Confirm with Keyclic API" cannot confirm it, and
 * 200 with one item for a selected, valid one.
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
	const { event } = envelope;
	if (!getSelectedEvents(this).has(event)) {
		return { webhookResponse: { status: 'ignored', event, reason: 'event not selected in this trigger' } };
	}
	const checked = checkPayload(event, envelope.payload);
	if (!checked.ok) {
		return reject(this, 400, {
			error: 'invalid_notification',
			message: `Not a valid Keyclic ${event} notification: ${checked.problems.join('; ')}`,
			problems: checked.problems,
		});
	}
	let { resource } = checked;
	let payload = envelope.payload;
	const confirm = getConfirmWithApi(this);
	if (confirm) {
		const confirmation = await confirmWithKeyclic(this, event, resource, payload);
		if (!confirmation.ok) return reject(this, confirmation.status, confirmation.body);
		({ resource, payload } = confirmation);
	}
	const json: IDataObject = getOptions(this).outputRaw ? envelope.body : toItem(event, resource, payload, receivedAt, confirm);
	return {
		webhookResponse: { status: 'accepted', event, id: resource.id },
		workflowData: [[{ json }]],
	};
}
