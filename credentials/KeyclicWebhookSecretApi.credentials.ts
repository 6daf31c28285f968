import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { WEBHOOK_SECRET_CREDENTIAL } from '../nodes/common/credentialNames';

/**
 * The secret token that Keyclic must append to the webhook URL (?token=…).
 * Keyclic signs nothing, so this shared secret is what makes forged calls fail.
 * It is tested by the Keyclic Trigger node (`keyclicWebhookSecretTest`): long enough and URL-safe.
 */
export class KeyclicWebhookSecretApi implements ICredentialType {
	name = WEBHOOK_SECRET_CREDENTIAL;

	displayName = 'Keyclic Webhook Secret API';

	icon = { light: 'file:../nodes/KeyclicTrigger/keyclic.svg', dark: 'file:../nodes/KeyclicTrigger/keyclic.dark.svg' } as const;

	documentationUrl = 'https://github.com/keyclic/n8n-nodes-keyclic/blob/main/docs/keyclic-trigger.md#secure-the-webhook';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			// n8n shows `description` only as a tooltip on the label: the rules go in the visible hint
			hint: 'At least 16 characters: letters, digits or . _ ~ -. Generate one with: openssl rand -hex 32',
			description: 'Give Keyclic the Production URL followed by ?token=<this secret>. At least 16 letters, digits or . _ ~ - characters.',
		},
	];
}
