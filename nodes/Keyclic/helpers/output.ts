import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { normalizeResource } from '../../shared/normalize';
import { PAYLOAD_SCHEMAS } from '../../shared/schemas';
import type { KeyclicResource, ResourceType } from '../../shared/schemas';
import { isDataObject } from '../../shared/guards';

export const RESOURCE_SCHEMAS = PAYLOAD_SCHEMAS;

/** Whether the operation at `itemIndex` asks for the trigger's normalized fields. */
export function wantsSimplify(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter('simplify', itemIndex, false) === true;
}

/**
 * One output item for a report or operation: as Keyclic returned it, or (Simplify) the Keyclic Trigger's
 * normalized fields with the raw resource in `payload`, so a fetched resource and a notified one look alike.
 */
export function resourceOutput(resourceType: ResourceType, resource: KeyclicResource, simplify: boolean): IDataObject {
	const raw: IDataObject = isDataObject(resource) ? resource : {};
	if (!simplify) return raw;
	return { ...normalizeResource(resourceType, resource), payload: raw };
}
