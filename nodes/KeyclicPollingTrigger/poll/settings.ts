import { NodeOperationError } from 'n8n-workflow';
import type { IPollFunctions } from 'n8n-workflow';

import { isKeyclicEvent } from '../../common/events';
import { isDataObject } from '../../common/guards';
import type { PollSettings } from './detect';
import { RECHECK_EVERY_POLLS } from './detectTickets';

const numberOr = (value: unknown, fallback: number, min: number): number =>
	typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback;

/** The node's parameters, checked: an organization and at least one event. */
export function pollSettings(context: IPollFunctions): PollSettings {
	const locator: unknown = context.getNodeParameter('organization', '');
	const raw = isDataObject(locator) ? locator.value : locator;
	const organization = typeof raw === 'string' ? raw.trim() : '';
	if (!organization) {
		throw new NodeOperationError(context.getNode(), 'No Keyclic organization selected', {
			description: 'Choose the organization whose reports and operations the trigger checks.',
		});
	}
	const selected: unknown = context.getNodeParameter('events', []);
	const events = new Set(
		(Array.isArray(selected) ? selected : []).filter((e): e is string => typeof e === 'string').filter(isKeyclicEvent),
	);
	if (events.size === 0)
		throw new NodeOperationError(context.getNode(), 'No event selected', { description: 'Select at least one event.' });
	const options: unknown = context.getNodeParameter('options', {});
	const { emitLastHours, trackDays, recheckEvery } = isDataObject(options) ? options : {};
	return {
		organization,
		events,
		trackDays: numberOr(trackDays, 7, 1),
		emitLastHours: numberOr(emitLastHours, 0, 0),
		recheckEvery: Math.floor(numberOr(recheckEvery, RECHECK_EVERY_POLLS, 1)),
	};
}
