import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Shows `properties` only for one resource and some of its operations (n8n's updateDisplayOptions, which 1.x lacks). */
export function showFor(resource: string, operations: string[], properties: INodeProperties[]): INodeProperties[] {
	const show: IDisplayOptions['show'] = { resource: [resource], operation: operations };
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...show } },
	}));
}
