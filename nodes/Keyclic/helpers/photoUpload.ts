import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { asNodeError, keyclicRequest } from '../../common/transport';
import { anyAnswer } from '../../common/transport/apiSchemas';
import { PHOTO_CONTENT_TYPES, jsonBodyWithFile, uploadFile } from './upload';
import type { UploadFile } from './upload';

// Photos sent to Keyclic (Report → Add Photo, Report → Create's photos, Operation → Add Photo): which binary
// fields of the input item, checked before any call, and the call of the API's era.
//  - s18–s21: POST /feedbacks|operations/{id}/images, ImageData {image}
//  - s25:     POST /feedbacks|operations/{id}/attachments, FileData {content, contentType, name}
// Both eras' image types are the same (image/jpeg, image/jpg, image/png: the images of the contentType enums).

/** Where photos go: a report's feedback or an operation, and whether its API takes them as attachments (s25). */
export type PhotoTarget = { path: `/feedbacks/${string}` | `/operations/${string}`; attachments: boolean };

/**
 * The binary field names a photo parameter gives: one name, several separated by commas, or `*` for every binary field
 * of the input item (in the item's order). Names the parameter when it is empty, or the item when `*` finds none (unless
 * `noneIsFine`: a report filed from a form or a mail without photos).
 */
export function photoFieldNames(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	{ noneIsFine = false }: { noneIsFine?: boolean } = {},
): string[] {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(context.getNode(), `The "${label}" parameter is empty`, {
			itemIndex,
			description: 'Enter the name of the binary field holding the photo (for example data), several separated by commas, or * for all.',
		});
	}
	if (text === '*') {
		const names = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
		if (names.length === 0 && !noneIsFine) {
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex} has no binary data, yet "${label}" is * (every binary field)`, {
				itemIndex,
				description: 'Give the item its photos first (for example from a form, an e-mail or an HTTP Request node), or name the fields.',
			});
		}
		return names;
	}
	return [...new Set(text.split(',').map((name) => name.trim()))].filter((name) => name !== '');
}

/** A photo to send: the binary field it came from and the file. */
export type NamedPhoto = { field: string; file: UploadFile };

/**
 * Every named photo of the item, checked (present, a JPEG or PNG, not empty, not too big) before any call: a bad one
 * stops the step before Keyclic is asked anything.
 */
export async function readPhotos(context: IExecuteFunctions, itemIndex: number, fields: string[], what: string): Promise<NamedPhoto[]> {
	const photos: NamedPhoto[] = [];
	for (const field of fields) {
		photos.push({ field, file: await uploadFile(context, itemIndex, { property: field, accepted: PHOTO_CONTENT_TYPES, what }) });
	}
	return photos;
}

/**
 * The era of a feedback, from its own shape: `state` is required in the Feedback of s18, s20 and s21 and absent from
 * s25's, which takes photos as attachments.
 */
const feedbackEra = z.looseObject({ id: z.string().optional(), state: z.unknown().optional() });

/** A feedback (the answer of POST /feedbacks/issues or GET /feedbacks/{id}) as the place for its photos. */
export function feedbackTarget(feedbackId: string, feedback: z.infer<typeof feedbackEra>): PhotoTarget {
	return { path: `/feedbacks/${feedbackId}`, attachments: feedback.state === undefined };
}

/** GET /feedbacks/{id}: where the photos of a report go (its feedback), in the call of its API's era. */
export async function readFeedbackTarget(context: IExecuteFunctions, feedbackId: string, what: string): Promise<PhotoTarget> {
	return feedbackTarget(feedbackId, await keyclicRequest(context, feedbackEra, 'GET', `/feedbacks/${feedbackId}`, what));
}

/** Only s25 operations embed `documentTypes`: that API takes photos as attachments, the older ones as images. */
const operationEra = z.looseObject({ _embedded: z.looseObject({ documentTypes: z.array(z.unknown()).optional() }).optional() });

/** GET /operations/{id}: where the photos of an operation go, in the call of its API's era. */
export async function readOperationTarget(context: IExecuteFunctions, operationId: string, what: string): Promise<PhotoTarget> {
	const operation = await keyclicRequest(context, operationEra, 'GET', `/operations/${operationId}`, what);
	return { path: `/operations/${operationId}`, attachments: Array.isArray(operation._embedded?.documentTypes) };
}

/** POSTs one photo the way the target's API takes it; Keyclic's answer (the Feedback or the Operation). */
export async function postPhoto(context: IExecuteFunctions, target: PhotoTarget, file: UploadFile, what: string): Promise<unknown> {
	if (target.attachments) {
		return await keyclicRequest(context, anyAnswer, 'POST', `${target.path}/attachments`, what, {
			body: jsonBodyWithFile(file, (content) => ({ content, contentType: file.mimeType, name: file.fileName })),
		});
	}
	return await keyclicRequest(context, anyAnswer, 'POST', `${target.path}/images`, what, {
		body: jsonBodyWithFile(file, (image) => ({ image })),
	});
}

/** Where the photos stood when one failed: those sent, the one that failed, those not sent. */
export type PhotoFailure = { sent: NamedPhoto[]; failed: NamedPhoto; notSent: NamedPhoto[]; error: NodeApiError | NodeOperationError };

/** POSTs the photos one after another: the last answer, or where they stood when one failed. */
export async function postPhotos(
	context: IExecuteFunctions,
	target: PhotoTarget,
	photos: NamedPhoto[],
	what: string,
): Promise<{ answer: unknown } | { failure: PhotoFailure }> {
	let answer: unknown;
	for (const [index, photo] of photos.entries()) {
		try {
			answer = await postPhoto(context, target, photo.file, what);
		} catch (error) {
			const failure = { sent: photos.slice(0, index), failed: photo, notSent: photos.slice(index + 1), error: asNodeError(context, error) };
			return { failure };
		}
	}
	return { answer };
}

const fieldList = (photos: NamedPhoto[]) => photos.map((p) => `"${p.field}"`).join(', ');

/**
 * The error of a photo that failed, Keyclic's own words kept (status, description), saying what was done and what to
 * retry: `before` what exists now ("The report … was created, but "), `retry` the operation that sends the rest.
 */
export function photoFailureError(
	{ sent, failed, notSent, error }: PhotoFailure,
	{ before = '', retry }: { before?: string; retry: string },
): NodeApiError | NodeOperationError {
	const total = sent.length + 1 + notSent.length;
	if (before !== '' || total > 1) {
		const which =
			total === 1 ? `the photo (binary field "${failed.field}")` : `photo ${sent.length + 1} of ${total} (binary field "${failed.field}")`;
		const subject = before === '' ? which.charAt(0).toUpperCase() + which.slice(1) : `${before}${which}`;
		error.message = `${subject} could not be added: ${error.message.replace(/^Could not [^:]*: /, '')}`;
	}
	const done = sent.length === 0 ? '' : ` The photos of ${fieldList(sent)} were added: do not send them again.`;
	error.description = `${error.description ?? ''}${done} Then send ${fieldList([failed, ...notSent])} with ${retry}.`.trim();
	return error;
}
