import type { INodeProperties } from 'n8n-workflow';

import { eventsProperty } from '../common/events';
import { organizationLocator } from '../common/organization';

const organizationProperty: INodeProperties = {
	...organizationLocator,
	description: 'The Keyclic organization whose reports and operations this trigger checks',
};

const eventsParameter = eventsProperty('Changes that start the workflow: the same events, and the same items, as the Keyclic Trigger');

const listsNotice: INodeProperties = {
	displayName:
		'Where Keyclic has the Tickets API (2025), each check reads the tickets changed since the last one (one API call when nothing changed): every creation and state change, and removed operations within a few checks. On the older APIs (2018 to 2021) it checks the reports and operations lists: every creation; a state change or an operation removal only for resources created in the last "Track For" days. A resource created and changed between two checks gives one "Created" item with its current state. API calls per check and what it can miss: see the documentation.',
	name: 'listsNotice',
	type: 'notice',
	default: '',
};

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'On First Activation, Emit the Last (Hours)',
			name: 'emitLastHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'The first check records where the trigger starts and emits nothing. Set this to also emit the reports and operations created in that many hours before it.',
		},
		{
			displayName: 'Recheck Open Tickets Every (Checks)',
			name: 'recheckEvery',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description:
				"Tickets API only: on every this many checks, up to 50 tracked tickets not in a final state are read again (one API call each), in turn: that is how a removed operation is seen, and a state change that did not move the ticket's updatedAt. Fewer checks between, sooner seen, more API calls.",
		},
		{
			displayName: 'Track For (Days)',
			name: 'trackDays',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 365 },
			default: 7,
			description:
				'Tickets API: the first check records the state of the tickets changed in that many days, so that their later state changes are seen. Older APIs: state changes and removals are seen for resources created at most this many days before the newest one, and each check lists every resource created since the oldest one it still tracks that is not in a final state: more days, more API calls.',
		},
	],
};

export const pollingTriggerProperties: INodeProperties[] = [organizationProperty, eventsParameter, listsNotice, optionsProperty];
