import { randomBytes } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { registrationStateSchema } from '../../common/staticData';
import type { RegistrationState } from '../../common/staticData';
import { anyAnswer, webhookSchema } from '../../common/transport/apiSchemas';
import type { KeyclicWebhook } from '../../common/transport/apiSchemas';
import { EVENT_INFO } from '../../common/events';
import type { KeyclicEvent } from '../../common/events';
import { getOrganization, getSelectedEvents } from '../webhook/parameters';
import { unreachableReason } from './reachability';
import { TOKEN_QUERY_PARAMETER } from '../webhook/secret';
import { apiBaseUrl, asNodeError, failedStatus, keyclicRequest } from '../../common/transport';
import { keyclicCollect } from '../../common/transport/paging';

// Automatic registration: the trigger owns one Keyclic webhook per selected event, all pointing at
// n8n's webhook URL + ?token=<secret generated on first activation>. Ours = payloadUrl on our URL.

function staticState(context: IHookFunctions): { data: IDataObject; state: RegistrationState } {
	const data = context.getWorkflowStaticData('node');
	const parsed = registrationStateSchema.safeParse(data);
	return { data, state: parsed.success ? parsed.data : {} };
}

function ourUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not give this trigger a webhook URL');
	return url;
}

/** payloadUrl without its query string: how we recognise webhooks that point at this trigger. */
function withoutQuery(url: string): string {
	return url.split('?')[0];
}

function payloadUrlFor(webhookUrl: string, token: string): string {
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}${TOKEN_QUERY_PARAMETER}=${token}`;
}

/**
 * The Keyclic API of 2022 and later (2.21.1+) has no webhook management: Keyclic creates webhooks on request. Its
 * answer is a 404 on the webhook routes while the organization itself is there.
 */
function noWebhookManagement(context: IHookFunctions): NodeOperationError {
	return new NodeOperationError(context.getNode(), 'This Keyclic API does not let n8n create webhooks', {
		description:
			'Keyclic removed webhook management from its API in 2022 (version 2.21.1): webhooks are created by Keyclic on request. Set Registration to Manual (with a webhook secret credential), then ask Keyclic to create a webhook to the Production URL of this trigger, with ?token=<your secret> for each event you need.',
	});
}

async function listOurs(context: IHookFunctions, organization: string, webhookUrl: string): Promise<KeyclicWebhook[]> {
	const path = `/organizations/${encodeURIComponent(organization)}`;
	let all: KeyclicWebhook[];
	try {
		all = await keyclicCollect(context, webhookSchema, `${path}/webhooks`, `list the webhooks of Keyclic organization ${organization}`);
	} catch (error) {
		if (failedStatus(error) !== 404) throw asNodeError(context, error);
		// 404: no such organization, or no such route. The organization answering tells them apart.
		const organizationExists = await keyclicRequest(context, anyAnswer, 'GET', path, `read Keyclic organization ${organization}`).then(
			() => true,
			() => false,
		);
		throw organizationExists ? noWebhookManagement(context) : asNodeError(context, error);
	}
	return all.filter((hook) => withoutQuery(hook.payloadUrl) === withoutQuery(webhookUrl));
}

interface Plan {
	keep: Map<KeyclicEvent, KeyclicWebhook>;
	missing: KeyclicEvent[];
	remove: KeyclicWebhook[];
}

/** Compares what Keyclic has with what should be there: one enabled webhook per selected event. */
function plan(ours: KeyclicWebhook[], selected: Set<KeyclicEvent>, payloadUrl: string): Plan {
	const keep = new Map<KeyclicEvent, KeyclicWebhook>();
	const remove: KeyclicWebhook[] = [];
	for (const hook of ours) {
		const event = [...selected].find((e) => EVENT_INFO[e].apiName === hook.event || e === hook.event);
		const usable = event !== undefined && hook.payloadUrl === payloadUrl && hook.enabled !== false && !keep.has(event);
		if (usable) keep.set(event, hook);
		else remove.push(hook);
	}
	return { keep, missing: [...selected].filter((e) => !keep.has(e)), remove };
}

function settings(context: IHookFunctions) {
	const organization = getOrganization(context);
	if (!organization) {
		throw new NodeOperationError(context.getNode(), 'No Keyclic organization selected', {
			description: 'Choose the organization whose reports and operations should start this workflow.',
		});
	}
	const selected = getSelectedEvents(context);
	if (selected.size === 0) {
		throw new NodeOperationError(context.getNode(), 'No event selected', { description: 'Select at least one event.' });
	}
	return { organization, selected };
}

export async function automaticCheckExists(this: IHookFunctions): Promise<boolean> {
	const { state } = staticState(this);
	if (!state.webhookToken) return false;
	const { organization, selected } = settings(this);
	if (state.organization !== organization) return false;
	const webhookUrl = ourUrl(this);
	const ours = await listOurs(this, organization, webhookUrl);
	const { missing, remove } = plan(ours, selected, payloadUrlFor(webhookUrl, state.webhookToken));
	return missing.length === 0 && remove.length === 0;
}

async function deleteWebhook(context: IHookFunctions, id: string): Promise<void> {
	try {
		await keyclicRequest(context, anyAnswer, 'DELETE', `/webhooks/${encodeURIComponent(id)}`, `delete Keyclic webhook ${id}`);
	} catch (error) {
		if (failedStatus(error) !== 404) throw asNodeError(context, error); // 404: already gone, as wanted
	}
}

export async function automaticCreate(this: IHookFunctions): Promise<boolean> {
	const { organization, selected } = settings(this);
	const webhookUrl = ourUrl(this);
	const baseUrl = await apiBaseUrl(this);
	const reason = unreachableReason(webhookUrl, baseUrl);
	if (reason) {
		throw new NodeOperationError(this.getNode(), `Keyclic could not call this workflow: ${reason}`, {
			description:
				"Set n8n's WEBHOOK_URL environment variable to the public https address of this n8n (for example behind your reverse proxy), restart n8n, and activate again. Or use Manual registration.",
		});
	}
	const { data, state } = staticState(this);
	// The secret survives re-activations, not a change of organization: webhooks of ours left in the
	// previous organization (by a delete that failed) must not be able to start this workflow.
	const token = (state.organization === organization ? state.webhookToken : undefined) ?? randomBytes(32).toString('hex');
	const payloadUrl = payloadUrlFor(webhookUrl, token);
	const ours = await listOurs(this, organization, webhookUrl);
	const { keep, missing, remove } = plan(ours, selected, payloadUrl);

	const created: KeyclicWebhook[] = [];
	try {
		for (const event of missing) {
			const hook = await keyclicRequest(this, webhookSchema, 'POST', '/webhooks', `register the Keyclic webhook for ${event}`, {
				body: { event: EVENT_INFO[event].apiName, organization, payloadUrl },
			});
			created.push(hook);
			keep.set(event, hook);
		}
	} catch (error) {
		// leave Keyclic as it was: no half registration
		for (const hook of created) {
			await deleteWebhook(this, hook.id).catch((rollbackError: unknown) => {
				this.logger.warn(`Keyclic Trigger: could not roll back webhook ${hook.id}: ${String(rollbackError)}`);
			});
		}
		throw asNodeError(this, error);
	}
	// Stale webhooks (deselected events, old token, disabled, duplicates): a failure here must not undo
	// the registration that now works; checkExists sees what is left and the next start cleans it up.
	for (const hook of remove) {
		await deleteWebhook(this, hook.id).catch((cleanupError: unknown) => {
			this.logger.warn(`Keyclic Trigger: could not remove stale webhook ${hook.id}, will retry: ${String(cleanupError)}`);
		});
	}

	data.webhookToken = token;
	data.organization = organization;
	data.webhookIds = Object.fromEntries([...keep].map(([event, hook]) => [event, hook.id]));
	return true;
}

export async function automaticDelete(this: IHookFunctions): Promise<boolean> {
	const { data, state } = staticState(this);
	const ids = new Set(Object.values(state.webhookIds ?? {}));
	// Only an organization we registered in is swept: after a failed first activation there is
	// nothing of ours remotely, and nothing is asked of the API.
	const organization = state.organization;
	if (organization) {
		try {
			for (const hook of await listOurs(this, organization, ourUrl(this))) ids.add(hook.id);
		} catch (error) {
			this.logger.warn(`Keyclic Trigger: could not list webhooks to clean up, deleting the known ones only: ${String(error)}`);
		}
	}
	for (const id of ids) await deleteWebhook(this, id);
	delete data.webhookIds;
	delete data.organization;
	delete data.webhookToken;
	return true;
}

/** The secret generated at activation (Automatic registration), if any. */
export function registeredToken(data: IDataObject): string | undefined {
	const parsed = registrationStateSchema.safeParse(data);
	return parsed.success ? parsed.data.webhookToken : undefined;
}
