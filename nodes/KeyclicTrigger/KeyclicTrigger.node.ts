import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { API_CREDENTIAL, WEBHOOK_SECRET_CREDENTIAL } from '../common/credentialNames';
import { searchOrganizations } from '../common/organization';
import { triggerProperties } from './description';
import { checkExists, create, remove } from './registration/lifecycle';
import { secretProblems } from './webhook/secret';
import { handleKeyclicWebhook } from './webhook/handler';

export class KeyclicTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keyclic Trigger',
		name: 'keyclicTrigger',
		icon: { light: 'file:keyclic.svg', dark: 'file:keyclic.dark.svg' },
		group: ['trigger'],
		// 2: n8n skips its Webhook-node-v1 `binaryData` expression on every call (an expression isolate on
		// n8n 2.x) and parses only JSON, form, text and XML bodies; the node behaves the same in both.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ (($parameter["events"] || []).length) + ((($parameter["events"] || []).length) === 1 ? " event" : " events") }}',
		description:
			'Starts the workflow when a Keyclic report is created or changes state, or an operation is created, changes state or is removed',
		documentationUrl: 'https://github.com/keyclic/n8n-nodes-keyclic/blob/main/docs/keyclic-trigger.md',
		defaults: { name: 'Keyclic Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// n8n's editor takes a parameter for "the authentication type" and HIDES it from the node panel
		// (moving it into the credential dialog) when every option value of it, or a boolean, appears in
		// the credentials' `show` rules; and at run time n8n matches a credential to the FIRST description
		// entry of that name. "Keyclic API" is needed by Automatic registration OR by "Confirm with
		// Keyclic API", which displayOptions cannot express in one entry: it is offered always, optional,
		// and both features refuse to run without it (a NodeOperationError that says so).
		credentials: [
			{
				name: WEBHOOK_SECRET_CREDENTIAL,
				required: true,
				testedBy: 'keyclicWebhookSecretTest',
				displayOptions: { show: { registration: ['manual'], authentication: ['urlToken'] } },
			},
			{
				name: API_CREDENTIAL,
				displayName: 'Keyclic API (for Automatic registration or Confirm)',
				required: false,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
		triggerPanel: {
			header: 'Send a Keyclic notification to the Test URL',
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, click "Execute step": the node listens for a test event. Send a notification to the <b>Test URL</b> (with <code>?token=&lt;your secret&gt;</code>, for example with curl): it appears in the output panel.<br /><br /><b>Once you are happy with it</b>, publish (activate) the workflow and give Keyclic the <b>Production URL</b> with <code>?token=&lt;your secret&gt;</code>. Every notification then runs the workflow in the background; see the Executions list.',
				active:
					'<b>While building your workflow</b>, click "Execute step": the node listens for a test event. Send a notification to the <b>Test URL</b>: it appears in the output panel.<br /><br /><b>Your workflow is active</b>: every notification Keyclic sends to the <b>Production URL</b> runs it in the background; see the Executions list.',
			},
			activationHint:
				'Once you have finished building your workflow, publish (activate) it and give Keyclic the Production URL with your secret token.',
		},
		properties: triggerProperties,
	};

	methods = {
		listSearch: { searchOrganizations },
		credentialTest: {
			async keyclicWebhookSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const token = credential.data?.token;
				const problems = typeof token === 'string' ? secretProblems(token) : ['it is empty'];
				if (problems.length) {
					return { status: 'Error', message: `The secret token is not usable: ${problems.join('; ')}.` };
				}
				return { status: 'OK', message: 'The secret token is long enough and URL-safe.' };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleKeyclicWebhook.call(this);
	}
}
