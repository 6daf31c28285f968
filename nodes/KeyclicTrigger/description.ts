import type { INodeProperties } from 'n8n-workflow';

import { CANONICAL_EVENTS, EVENT_OPTIONS } from './events';
import { TOKEN_QUERY_PARAMETER } from './secret';

export const authenticationProperty: INodeProperties = {
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
	description:
		'Keyclic does not sign its notifications. A secret token in the URL is what makes forged calls fail.',
};

export const setupNotice: INodeProperties = {
	displayName: `Give Keyclic the <b>Production URL</b> shown above, followed by <code>?${TOKEN_QUERY_PARAMETER}=</code> and the secret of your credential. Keyclic creates webhooks on request: send them that URL and the events you chose. The Test URL only works while "Listen for test event" is on.`,
	name: 'setupNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { authentication: ['urlToken'] } },
};

export const setupNoticeNoAuth: INodeProperties = {
	displayName:
		'Give Keyclic the <b>Production URL</b> shown above and the events you chose. Without a secret token, anyone who learns this URL can start the workflow.',
	name: 'setupNoticeNoAuth',
	type: 'notice',
	default: '',
	displayOptions: { show: { authentication: ['none'] } },
};

export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: EVENT_OPTIONS,
	default: [...CANONICAL_EVENTS],
	required: true,
	description:
		'Notifications that start the workflow. Others are answered 200 and ignored. Keyclic may spell them report_created or reportCreated: both are accepted.',
};

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Output Raw Envelope',
			name: 'outputRaw',
			type: 'boolean',
			default: false,
			description:
				'Whether to output the notification exactly as Keyclic sent it ({event, payload}) instead of the normalized fields',
		},
	],
};

export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	setupNotice,
	setupNoticeNoAuth,
	eventsProperty,
	optionsProperty,
];
