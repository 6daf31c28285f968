import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { identify, normalizeResource } from '../../common/normalize';
import type { IdentifiedResource } from '../../common/normalize';
import type { ResourceType } from '../../common/schemas';

// The one place where the Keyclic node meets the shared resource normalization (nodes/common): reading
// an API answer as a report or operation, and the trigger's normalized fields for Simplify.

/** A report or operation as Keyclic answered it: identified, and kept whole (`payload`) for the output. */
type ResourceAnswer = IdentifiedResource;

/** Keyclic's answer as a report (or operation), or a NodeApiError saying what is wrong with it. */
export function asResource(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	resourceType: ResourceType,
	answer: unknown,
	what: string,
): ResourceAnswer {
	const checked = identify(resourceType, answer, 'answer');
	if (!checked.ok) {
		throw new NodeApiError(
			context.getNode(),
			{ message: checked.problem },
			{
				message: `Could not ${what}: unexpected answer from Keyclic`,
				description: checked.problem,
			},
		);
	}
	return checked.resource;
}

/** Whether the operation at `itemIndex` asks for the trigger's normalized fields. */
export function wantsSimplify(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter('simplify', itemIndex, false) === true;
}

/**
 * One output item for a report or operation: as Keyclic returned it, or (Simplify) the Keyclic Trigger's
 * normalized fields with the raw resource in `payload`, so a fetched resource and a notified one look alike.
 */
export function resourceOutput(answer: ResourceAnswer, simplify: boolean): IDataObject {
	if (!simplify) return answer.payload;
	return { ...normalizeResource(answer, 'answer'), payload: answer.payload };
}

/** The organization that owns the resource (from its links), if it says. */
export function organizationIdOf(answer: ResourceAnswer): string | null {
	return normalizeResource(answer).organizationId;
}
