import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { API_CREDENTIAL } from '../common/credentialNames';
import { keyclicProperties, keyclicSubtitle } from './actions/description';
import { router } from './actions/router';
import { listSearch } from './methods';

/** The Keyclic node: reports, operations and organizations through the Keyclic API (also usable as an AI agent tool). */
export class Keyclic implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keyclic',
		name: 'keyclic',
		icon: { light: 'file:keyclic.svg', dark: 'file:keyclic.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: keyclicSubtitle,
		description:
			'Get, list, update and change the state of Keyclic reports and operations; create, assign, comment on and delete operations; read and update tickets (2025 Tickets API); list organizations',
		documentationUrl: 'https://github.com/keyclic/n8n-nodes-keyclic/blob/main/docs/keyclic-node.md',
		defaults: { name: 'Keyclic' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: API_CREDENTIAL, required: true }],
		properties: keyclicProperties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
