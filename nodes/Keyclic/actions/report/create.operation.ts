import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { failedStatus, keyclicRequest } from '../../../common/transport';
import { anyAnswer } from '../../../common/transport/apiSchemas';
import { isUuid } from '../../../common/uuid';
import { collection, keyclicId, optionalId } from '../../helpers/input';
import { locationRequired, reportGeo } from '../../helpers/location';
import { asResource, resourceOutput, wantsSimplify } from '../../helpers/output';
import { feedbackTarget, photoFailureError, photoFieldNames, postPhotos, readPhotos } from '../../helpers/photoUpload';
import type { NamedPhoto } from '../../helpers/photoUpload';
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
				description:
					'Where the problem is (WGS 84 decimal degrees, -90 to 90), with Longitude. Keyclic APIs older than 2025 require a location; the 2025 API files a report without one (leave both out or empty). Never 0, 0.',
			},
			{
				displayName: 'Longitude',
				name: 'longitude',
				type: 'number',
				typeOptions: { numberPrecision: 7 },
				default: 0,
				description: 'Where the problem is (WGS 84 decimal degrees, -180 to 180), with Latitude',
			},
			{
				displayName: 'Photos (Input Binary Fields)',
				name: 'photos',
				type: 'string',
				default: '*',
				description:
					'Binary fields of the input item holding photos (JPEG or PNG) to add to the new report: one name, several separated by commas, or * for every binary field (none is fine). Checked before the report is filed.',
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

/** The Feedback Keyclic answers: its ID, its link to its report, and `state` (its era: see helpers/photoUpload.ts). */
const feedbackSchema = z.looseObject({
	id: z.string().optional(),
	state: z.unknown().optional(),
	_links: z.looseObject({ report: z.looseObject({ href: z.string() }).optional() }).optional(),
});

/** The report ID of a feedback's `_links.report` href (`/reports/{id}`, relative or absolute), if any. */
function linkedReportId(href: string | undefined): string | undefined {
	const id = href === undefined ? undefined : /\/reports\/([^/?#]+)/.exec(href)?.[1];
	return id !== undefined && isUuid(id) ? id : undefined;
}

/** Keyclic's 400 to a feedback, explained where it names the location, the place or the category. */
function explainRefusal(context: IExecuteFunctions, error: unknown, body: IDataObject, itemIndex: number): unknown {
	if (!(error instanceof NodeApiError) || failedStatus(error) !== 400) return error;
	const said = error.description ?? '';
	if (body.geo === undefined && /\bgeo\b/.test(said)) return locationRequired(context, itemIndex);
	const notes: string[] = [];
	if (/\bplace\b/.test(said)) {
		notes.push(
			`Keyclic does not know the place ${String(body.place)}, or it is not one your login may report on: pick it in Place → From List, or copy its ID from Place → Get Many.`,
		);
	}
	if (body.category !== undefined && /\bcategory\b/.test(said)) {
		notes.push(
			`Keyclic does not take the category ${String(body.category)} for this place: pick it in Category → From List (the categories of the organization that manages the place), or leave Category out.`,
		);
	}
	if (notes.length) error.description = `${said} ${notes.join(' ')}`.trim();
	return error;
}

/**
 * POST /feedbacks/issues (FeedbackData): Keyclic records a feedback and makes the report from it. Photos (checked with
 * the rest before any call) then go to the feedback, as the Keyclic app sends them. The answer's `_links.report` is
 * followed and the report output, or, when Keyclic has not made the report yet, an item saying so with the feedback.
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
	const geo = reportGeo(this, fields, itemIndex);
	if (geo !== undefined) body.geo = geo;
	const photoFields = typeof fields.photos === 'string' && fields.photos.trim() !== '' ? fields.photos : undefined;
	const names =
		photoFields === undefined ? [] : photoFieldNames(this, itemIndex, photoFields, 'Photos (Input Binary Fields)', { noneIsFine: true });
	const photos = await readPhotos(this, itemIndex, names, 'a report photo');
	const feedback = await inVersions(
		this,
		'Report → Create',
		'POST /feedbacks/issues',
		EVERY_VERSION_BUT_V3,
		async () =>
			await keyclicRequest(this, feedbackSchema, 'POST', '/feedbacks/issues', 'create the report', { body }).catch((error: unknown) => {
				throw explainRefusal(this, error, body, itemIndex);
			}),
	);
	const reportId = linkedReportId(feedback._links?.report?.href);
	if (photos.length) await addCreatedPhotos(this, feedback, reportId, photos, itemIndex);
	if (reportId === undefined) {
		return [
			{
				reportCreated: false,
				feedbackId: feedback.id ?? null,
				reportId: null,
				photoCount: photos.length,
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

/**
 * The photos of a report just filed, to its feedback. The report exists whatever happens next: a photo that fails is an
 * error naming the report (also in the error's context, for Continue On Fail) and what to send with Report → Add Photo.
 */
async function addCreatedPhotos(
	context: IExecuteFunctions,
	feedback: z.infer<typeof feedbackSchema>,
	reportId: string | undefined,
	photos: NamedPhoto[],
	itemIndex: number,
): Promise<void> {
	const made =
		reportId === undefined ? `The feedback ${feedback.id ?? '(no ID)'} was recorded (no report yet)` : `The report ${reportId} was created`;
	const retry =
		reportId === undefined
			? 'Report → Add Photo once Keyclic has made the report (Report → Get Many), not Create again: that would file a second report'
			: `Report → Add Photo (Report ID ${reportId}), not Create again: that would file a second report`;
	if (feedback.id === undefined) {
		throw new NodeOperationError(context.getNode(), `${made}, but Keyclic's answer has no feedback ID to add its photos to`, {
			itemIndex,
			description: `Send the photos with ${retry}.`,
		});
	}
	const result = await postPhotos(context, feedbackTarget(feedback.id, feedback), photos, 'add the photo to the new report');
	if ('failure' in result) {
		const error = photoFailureError(result.failure, { before: `${made}, but `, retry });
		error.context.itemIndex = itemIndex;
		if (reportId !== undefined) error.context.reportId = reportId;
		throw error;
	}
}
