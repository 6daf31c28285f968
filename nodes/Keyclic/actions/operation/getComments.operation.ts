import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { isDataObject } from '../../../common/guards';
import { keyclicRequest } from '../../../common/transport';
import { keyclicId } from '../../helpers/input';
import { EVERY_VERSION_BUT_V3, inVersions } from '../../helpers/versions';
import { limitProperty, operationIdProperty, returnAllProperty } from '../common.description';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [operationIdProperty, returnAllProperty, limitProperty];

export const description = updateDisplayOptions({ show: { resource: ['operation'], operation: ['getComments'] } }, properties);

/** Results asked for per page (Keyclic documents no maximum; its collections take 100). */
const PAGE_SIZE = 100;
/** A comment list that never ends stops the run here. */
export const MAX_COMMENT_PAGES = 100;

/** ActivityPagination: `{results, next}`. What `next` holds is not documented, so it is not followed. */
const activityPageSchema = z.looseObject({ results: z.array(z.unknown()).optional() });

/**
 * An ActivityPagination list (comments of an operation or a feedback), page after page (`page`, `limit`)
 * until a page has fewer results than asked for, or `max` results are read.
 */
export async function collectActivities(
	context: IExecuteFunctions,
	path: string,
	what: string,
	max: number | undefined,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const limit = max === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, max);
	for (let page = 1; max === undefined || results.length < max; page++) {
		if (page > MAX_COMMENT_PAGES) {
			throw new NodeOperationError(context.getNode(), `Could not ${what}: Keyclic kept sending full pages after ${MAX_COMMENT_PAGES}`, {
				description: `Stopped after ${MAX_COMMENT_PAGES} pages of ${limit} comments (Keyclic may be ignoring "page"). Turn off Return All and set a Limit.`,
			});
		}
		const data = await keyclicRequest(context, activityPageSchema, 'GET', path, what, { qs: { page, limit } });
		const pageResults = data.results ?? [];
		results.push(...pageResults.filter(isDataObject));
		if (pageResults.length < limit) break;
	}
	return max === undefined ? results : results.slice(0, max);
}

/** GET /operations/{id}/comments: one item per comment or reminder, newest first, as Keyclic lists them. */
export const execute: OperationExecute = async function (itemIndex) {
	const id = keyclicId(this, 'operationId', 'Operation ID', itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const max = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	return await inVersions(
		this,
		'Operation → Get Comments',
		'GET /operations/{operation}/comments',
		EVERY_VERSION_BUT_V3,
		async () => await collectActivities(this, `/operations/${id}/comments`, 'get the comments of the operation', max),
	);
};
