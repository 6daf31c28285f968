import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { isUuid } from '../../../common/uuid';
import { collection, keyclicId, optionalId } from '../../helpers/input';
import { asResource, resourceOutput, wantsSimplify } from '../../helpers/output';
import { EVERY_VERSION_BUT_V3, inVersions } from '../../helpers/versions';
import { simplifyProperty } from '../common.description';
import type { OperationExecute } from '../node.type';
import { categoryLocator, placeLocator } from '../locators';

const properties: INodeProperties[] = [
	{
		...placeLocator,
		description:
			'The Keyclic place (building, floor…) the report is about; Keyclic files the report in the organization that manages it. The list shows the places of your organizations.',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'What is wrong, in the words of the person reporting it',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				...categoryLocator,
				required: false,
				description:
					'The category of the problem (plumbing, lift…). The list shows the categories of the organization that manages the place (Keyclic API 2018–2021; with the 2025 API, give its ID).',
			},
			{
				displayName: 'Latitude',
				name: 'latitude',
				type: 'number',
				typeOptions: { numberPrecision: 7 },
				default: 0,
				description: 'Where the problem is (WGS 84 degrees). Keyclic APIs older than 2025 require a location: give Latitude and Longitude.',
			},
			{
				displayName: 'Longitude',
				name: 'longitude',
				type: 'number',
				typeOptions: { numberPrecision: 7 },
				default: 0,
				description: 'Where the problem is (WGS 84 degrees), with Latitude',
			},
			{
				displayName: 'Priority ID',
				name: 'priority',
				type: 'string',
				default: '',
				description: 'UUID of a priority of the organization (Keyclic API 2025 only)',
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: [
					{ name: 'Private', value: 'VISIBILITY_PRIVATE', description: 'Only the organization sees the report' },
					{ name: 'Public', value: 'VISIBILITY_PUBLIC', description: 'Other occupants of the place see it too' },
					{ name: 'Shared', value: 'VISIBILITY_SHARED', description: 'Shared with chosen groups (Keyclic API 2021 and later)' },
				],
				default: 'VISIBILITY_PRIVATE',
				description: 'Who may see the report. Keyclic APIs older than 2025 require one: Private is sent unless you choose.',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['create'] } }, properties);

/** The Feedback Keyclic answers: only its ID and the link to its report matter here. */
const feedbackSchema = z.looseObject({
	id: z.string().optional(),
	_links: z.looseObject({ report: z.looseObject({ href: z.string() }).optional() }).optional(),
});

/** The report ID of a feedback's `_links.report` href (`/reports/{id}`, relative or absolute), if any. */
function linkedReportId(href: string | undefined): string | undefined {
	const id = href === undefined ? undefined : /\/reports\/([^/?#]+)/.exec(href)?.[1];
	return id !== undefined && isUuid(id) ? id : undefined;
}

/**
 * POST /feedbacks/issues (FeedbackData): Keyclic records a feedback and makes the report from it. The
 * answer is the Feedback; its `_links.report` is followed and the report output, or, when Keyclic has
 * not made the report yet, an item saying so with the feedback.
 */
export const execute: OperationExecute = async function (itemIndex) {
	const place = keyclicId(this, 'place', 'Place', itemIndex);
	const fields = collection(this, 'additionalFields', itemIndex);
	const body: IDataObject = { place, visibility: typeof fields.visibility === 'string' ? fields.visibility : 'VISIBILITY_PRIVATE' };
	const text = this.getNodeParameter('description', itemIndex, '');
	if (typeof text === 'string' && text.trim() !== '') body.description = text.trim();
	const category = optionalId(this, fields.category, 'Category', itemIndex);
	if (category !== undefined) body.category = category;
	if (typeof fields.priority === 'string' && fields.priority.trim() !== '') body.priority = fields.priority.trim();
	if (typeof fields.latitude === 'number' || typeof fields.longitude === 'number') {
		body.geo = { point: { latitude: Number(fields.latitude ?? 0), longitude: Number(fields.longitude ?? 0) } };
	}
	const feedback = await inVersions(
		this,
		'Report → Create',
		'POST /feedbacks/issues',
		EVERY_VERSION_BUT_V3,
		async () => await keyclicRequest(this, feedbackSchema, 'POST', '/feedbacks/issues', 'create the report', { body }),
	);
	const reportId = linkedReportId(feedback._links?.report?.href);
	if (reportId === undefined) {
		return [
			{
				reportCreated: false,
				feedbackId: feedback.id ?? null,
				reportId: null,
				message:
					'Keyclic recorded the feedback but has not made a report from it yet (its answer has no report link). Get the report later from the feedback, or with Report → Get Many.',
				feedback,
			},
		];
	}
	const what = 'get the report made from the feedback';
	const report = await keyclicRequest(this, anyAnswer, 'GET', `/reports/${reportId}`, what);
	return [resourceOutput(asResource(this, 'report', report, what), wantsSimplify(this, itemIndex))];
};
