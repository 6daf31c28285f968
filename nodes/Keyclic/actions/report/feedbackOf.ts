import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { keyclicRequest } from '../../../common/transport';
import { isUuid } from '../../../common/uuid';

const reportLinksSchema = z.looseObject({
	_links: z.looseObject({ feedback: z.looseObject({ href: z.string() }).optional() }).optional(),
});

/** The feedback a report comes from (its `_links.feedback`): a report's comments and photos are the feedback's. */
export async function feedbackOf(
	context: IExecuteFunctions,
	reportId: string,
	what: string,
	keeps: 'comments' | 'photos' = 'comments',
): Promise<string> {
	const report = await keyclicRequest(context, reportLinksSchema, 'GET', `/reports/${reportId}`, what);
	const id = /\/feedbacks\/([^/?#]+)/.exec(report._links?.feedback?.href ?? '')?.[1];
	if (id === undefined || !isUuid(id)) {
		const problem = `the report has no feedback link (_links.feedback), through which Keyclic keeps its ${keeps}`;
		throw new NodeApiError(
			context.getNode(),
			{ message: problem },
			{
				message: `Could not ${what}: ${problem}`,
				description: `Reports made without a feedback have no ${keeps} in Keyclic; use an operation of the report instead.`,
			},
		);
	}
	return id;
}
