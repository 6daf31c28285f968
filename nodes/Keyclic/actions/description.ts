import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { resources } from './router';

/** Every parameter of the Keyclic node: the resource, then each resource's operation and its operations' own parameters. */
export const keyclicProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => resource.option).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'report',
	},
	...resources.flatMap((resource) => resource.description),
];

/** "Get Many: Report" under the node on the canvas: the chosen operation and resource by their names (an n8n expression). */
export const keyclicSubtitle = (() => {
	const names: Record<string, string> = {};
	for (const resource of resources) {
		const selector = resource.description.find((property) => property.name === 'operation');
		for (const option of (selector?.options ?? []) as INodePropertyOptions[]) {
			names[`${String(resource.option.value)}:${String(option.value)}`] = `${option.name}: ${resource.option.name}`;
		}
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + ":" + $parameter["operation"]] || "" }}`;
})();
