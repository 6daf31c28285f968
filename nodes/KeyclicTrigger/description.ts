import type { INodeProperties } from 'n8n-workflow';

import { organizationLocator } from '../common/organization';
import { eventsProperty } from '../common/events';
import { TOKEN_QUERY_PARAMETER } from './webhook/secret';

const manualOnly = { show: { registration: ['manual'] } };
const automaticOnly = { show: { registration: ['automatic'] } };

const registrationProperty: INodeProperties = {
	displayName: 'Registration',
	name: 'registration',
	type: 'options',
	options: [
		{
			name: 'Manual',
			value: 'manual',
			description: 'You give the Production URL to Keyclic (Keyclic creates webhooks on request)',
		},
		{
			name: 'Automatic',
			value: 'automatic',
			description:
				'The trigger registers its webhooks through the Keyclic API when the workflow is published, and removes them when it is unpublished',
		},
	],
	default: 'manual',
	description: 'Who tells Keyclic where to send its notifications',
};

const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{
			name: 'Secret Token in URL',
			value: 'urlToken',
			description: `Only calls whose URL ends with ?${TOKEN_QUERY_PARAMETER}=&lt;your secret&gt; start the workflow (recommended)`,
		},
		{
			name: 'None',
			value: 'none',
			description: 'Anyone who knows the webhook URL can start the workflow',
		},
	],
	default: 'urlToken',
	description: 'Keyclic does not sign its notifications. A secret token in the URL is what makes forged calls fail.',
	displayOptions: manualOnly,
};

const setupNotice: INodeProperties = {
	displayName: `Give Keyclic the <b>Production URL</b> (open "Webhook URLs" above), followed by <code>?${TOKEN_QUERY_PARAMETER}=</code> and the secret of your credential, and the events you chose. The Test URL only answers while this node listens for a test event (click "Execute step").`,
	name: 'setupNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { registration: ['manual'], authentication: ['urlToken'] } },
};

const setupNoticeNoAuth: INodeProperties = {
	displayName:
		'Give Keyclic the <b>Production URL</b> (open "Webhook URLs" above) and the events you chose. Without a secret token, anyone who learns this URL can start the workflow.',
	name: 'setupNoticeNoAuth',
	type: 'notice',
	default: '',
	displayOptions: { show: { registration: ['manual'], authentication: ['none'] } },
};

const automaticNotice: INodeProperties = {
	displayName:
		'When the workflow is published, the trigger creates one Keyclic webhook per selected event, pointing at the Production URL with a secret it generates; unpublishing removes them. n8n must be reachable from Keyclic (set WEBHOOK_URL).',
	name: 'automaticNotice',
	type: 'notice',
	default: '',
	displayOptions: automaticOnly,
};

// n8n matches a credential to the first description entry of its name, so "Keyclic API" cannot be shown for
// Automatic registration OR Confirm: it is always offered, and this line says when it is not needed.
const apiCredentialNotice: INodeProperties = {
	displayName:
		'The Keyclic API credential above is used only by Automatic registration and by Confirm with Keyclic API: leave it empty otherwise',
	name: 'apiCredentialNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { registration: ['manual'], confirmWithApi: [false] } },
};

const organizationProperty: INodeProperties = {
	...organizationLocator,
	description: 'The Keyclic organization whose reports and operations start this workflow',
	displayOptions: automaticOnly,
};

const eventsParameter = eventsProperty(
	'Notifications that start the workflow. Others are answered 200 and ignored. Keyclic may spell them report_created or reportCreated: both are accepted.',
);

const confirmProperty: INodeProperties = {
	displayName: 'Confirm with Keyclic API',
	name: 'confirmWithApi',
	type: 'boolean',
	default: false,
	description:
		'Whether to re-read each report or operation from the Keyclic API before starting the workflow. Forged notifications (unknown ID, other organization) are refused, and the item carries the fresh resource. For "Operation Removed", the operation must be gone.',
};

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Accept Unknown Events',
			name: 'acceptUnknownEvents',
			type: 'boolean',
			default: false,
			description:
				'Whether to accept a notification of an event this node does not know yet (a new Keyclic event) when its payload is a report or an operation, with the event as sent and a warning, instead of refusing it with a 400. Such notifications run the workflow whatever events are selected.',
		},
		{
			displayName: 'Output Raw Envelope',
			name: 'outputRaw',
			type: 'boolean',
			default: false,
			description: 'Whether to output the notification exactly as Keyclic sent it ({event, payload}) instead of the normalized fields',
		},
	],
};

export const triggerProperties: INodeProperties[] = [
	registrationProperty,
	authenticationProperty,
	setupNotice,
	setupNoticeNoAuth,
	automaticNotice,
	organizationProperty,
	eventsParameter,
	confirmProperty,
	apiCredentialNotice,
	optionsProperty,
];
