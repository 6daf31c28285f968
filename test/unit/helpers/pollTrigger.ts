// The Keyclic Polling Trigger as a workflow runs it, for the unit tests: n8n-core's real PollContext, its static data
// kept across polls (as n8n keeps it on the active workflow), every request to the emulator recorded; and the Keyclic
// Trigger's items for the same changes (its webhook code on the emulator's notifications), to compare.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { canonicalEvent } from '../../../nodes/common/events';
import { toItem } from '../../../nodes/common/item';
import { identify } from '../../../nodes/common/normalize';
import { KeyclicPollingTrigger } from '../../../nodes/KeyclicPollingTrigger/KeyclicPollingTrigger.node';
import { apiCredential, emulatorHttp } from './emulator';
import type { Emulator, SentRequest } from './emulator';
import type { HttpHandler } from './n8n';
import { pollContext } from './n8n';

export const ALL_EVENTS = ['report_created', 'report_state_changed', 'operation_created', 'operation_state_changed', 'operation_removed'];

/**
 * A workflow's polling trigger on `emu`'s first organization. `run()` polls once (`'manual'`: Fetch Test Event);
 * `http` wraps the emulator's HTTP handler (to change Keyclic mid-poll or answer something else).
 */
export function pollingTrigger(
	emu: Emulator,
	parameters: IDataObject = {},
	{ http = (next) => next }: { http?: (next: HttpHandler) => HttpHandler } = {},
) {
	const staticData: IDataObject = {};
	const params = { organization: { __rl: true, mode: 'id', value: emu.seed.organizations[0].id }, events: ALL_EVENTS, ...parameters };
	const run = async (mode: 'trigger' | 'manual' = 'trigger') => {
		const sent: SentRequest[] = [];
		const { context } = pollContext({
			nodeType: new KeyclicPollingTrigger(),
			parameters: params,
			credentials: { keyclicApi: apiCredential(emu) },
			staticData,
			http: http(emulatorHttp(sent)),
			mode,
		});
		const result = await new KeyclicPollingTrigger().poll.call(context);
		const items = (result?.[0] ?? []).map((item: INodeExecutionData) => item.json);
		return { result, items, sent };
	};
	return { staticData, run };
}

/** The Keyclic Trigger's items for the notifications the emulator sends from now on (its webhook code, same payloads). */
export function webhookItems(emu: Emulator) {
	const items: IDataObject[] = [];
	emu.events.on('notification', ({ event, payload }: { event: string; payload: unknown }) => {
		const canonical = canonicalEvent(event) as string;
		const checked = identify(canonical.startsWith('report') ? 'report' : 'operation', payload);
		if (checked.ok) items.push(toItem(canonical, checked.resource, new Date()) as unknown as IDataObject);
	});
	return items;
}

/** `event id` of each item, sorted. */
export const byEvent = (items: IDataObject[]) => items.map((item) => `${item.event as string} ${item.id as string}`).sort();
