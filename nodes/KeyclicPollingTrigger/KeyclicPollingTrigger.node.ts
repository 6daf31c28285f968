import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { API_CREDENTIAL } from '../common/credentialNames';
import type { KeyclicItem } from '../common/item';
import { searchOrganizations } from '../common/organization';
import { hasTicketsApi } from '../common/transport/tickets';
import { pollingTriggerProperties } from './description';
import { latestItem, pollLists } from './poll/detect';
import { pollSettings } from './poll/settings';
import { fromListsState, latestTicketItem, pollTickets } from './poll/detectTickets';
import { readStored, writeState, writeTicketsState } from './poll/state';

export class KeyclicPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keyclic Polling Trigger',
		name: 'keyclicPollingTrigger',
		icon: { light: 'file:keyclic.svg', dark: 'file:keyclic.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ (($parameter["events"] || []).length) + ((($parameter["events"] || []).length) === 1 ? " event" : " events") + ", checked on a schedule" }}',
		description: 'Checks Keyclic every N minutes for new and changed reports and operations: needs no public URL',
		documentationUrl: 'https://github.com/keyclic/n8n-nodes-keyclic/blob/main/docs/keyclic-polling-trigger.md',
		defaults: { name: 'Keyclic Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: API_CREDENTIAL, required: true }],
		properties: pollingTriggerProperties,
	};

	methods = { listSearch: { searchOrganizations } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = pollSettings(this);
		const at = new Date();
		const staticData = this.getWorkflowStaticData('node');
		const stored = readStored(staticData, settings.organization);
		// The Tickets API where Keyclic has it (looked for once: on the first poll, or over a state written before)
		const tickets =
			stored?.api === 'tickets' || (!(stored?.api === 'lists' && stored.probed) && (await hasTicketsApi(this, settings.organization)));
		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the latest change, and nothing the next poll reads is touched
			const item = tickets ? await latestTicketItem(this, settings, at) : await latestItem(this, settings, at);
			if (!item) {
				throw new NodeOperationError(this.getNode(), `Keyclic organization ${settings.organization} has no report or operation yet`, {
					description: 'Create one in Keyclic (or choose another organization), then fetch again.',
				});
			}
			return [[{ json: item as unknown as IDataObject }]];
		}
		const lists = stored?.api === 'lists' ? stored.state : undefined;
		let items: KeyclicItem[];
		if (tickets) {
			const previous = stored?.api === 'tickets' ? stored.state : lists && fromListsState(lists);
			const result = await pollTickets(this, settings, previous, at);
			// Only now, the whole poll having succeeded: a failed call above leaves the cursor where it was.
			writeTicketsState(staticData, result.state);
			items = result.items;
		} else {
			const result = await pollLists(this, settings, lists, at);
			writeState(staticData, result.state);
			items = result.items;
		}
		return items.length ? [items.map((item) => ({ json: item as unknown as IDataObject }))] : null;
	}
}
