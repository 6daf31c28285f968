// Small, valid notification bodies built inline; tests break them one field at a time.
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import type { WebhookRun } from './context';

export const REPORT_ID = '3f0c2a9e-6b1d-4c8e-9f7a-2d5b8e1c4a60';
export const OPERATION_ID = '7d4e1b2c-9a3f-4e6d-8c5b-0a1f2e3d4c5b';
export const ORGANIZATION_ID = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';

/** A minimal legacy-era Report. */
export function reportPayload(overrides: IDataObject = {}): IDataObject {
	return {
		type: 'Report',
		id: REPORT_ID,
		state: 'NEW',
		createdAt: '2024-03-14T08:47:12+01:00',
		updatedAt: '2024-03-14T08:47:12+01:00',
		_links: {
			self: { href: `/reports/${REPORT_ID}` },
			organization: { href: `/organizations/${ORGANIZATION_ID}` },
		},
		...overrides,
	};
}

/** A minimal 2025-era Operation (state in `_embedded.workflow.state`). */
export function operationPayload(overrides: IDataObject = {}): IDataObject {
	return {
		type: 'Operation',
		id: OPERATION_ID,
		createdAt: '2025-06-03T08:04:19+02:00',
		updatedAt: '2025-06-03T09:12:44+02:00',
		_links: {
			self: { href: `/operations/${OPERATION_ID}` },
			report: { href: `/reports/${REPORT_ID}` },
			organization: { href: `/organizations/${ORGANIZATION_ID}` },
		},
		_embedded: { workflow: { state: { reference: 'IN_PROGRESS', name: 'En cours' } } },
		...overrides,
	};
}

export function notification(event: unknown, payload: unknown): IDataObject {
	return { event, payload } as IDataObject;
}

/** The 400 answer body of the trigger. */
export interface BadRequestBody extends ErrorBody {
	problems: string[];
}

/** The JSON body of a refused call: `{error, message}` (400s add `problems`). */
export interface ErrorBody {
	error: string;
	message: string;
}

/**
 * Asserts a call refused with `status` and `{error}`: answered once on the response, no execution.
 * Returns the answer body.
 */
export function expectRejected(run: WebhookRun, status: number, error: string): ErrorBody {
	expect(run.result).toEqual({ noWebhookResponse: true });
	expect(run.result.workflowData).toBeUndefined();
	expect(run.response.statusCode).toBe(status);
	expect(run.response.statusCalls).toBe(1);
	expect(run.response.jsonCalls).toBe(1);
	const body = run.response.body as ErrorBody;
	expect(body.error).toBe(error);
	return body;
}

/** An error the node throws (NodeOperationError, NodeApiError): its advice and what it was working on. */
export type NodeFailure = Error & { description?: string | null; context?: IDataObject };

/** The error a promise rejects with; fails the test if it resolves or rejects with something else than `type`. */
export async function rejectionOf<T extends Error = Error>(
	promise: Promise<unknown>,
	type: abstract new (...args: never[]) => T = Error as unknown as abstract new (...args: never[]) => T,
): Promise<T> {
	const outcome = await promise.then(
		(value: unknown) => ({ rejected: false, value }),
		(value: unknown) => ({ rejected: true, value }),
	);
	expect(outcome.rejected).toBe(true);
	expect(outcome.value).toBeInstanceOf(type);
	return outcome.value as T;
}

/** Asserts a 400 `invalid_notification` written on the response and no execution; returns the answer body. */
export function expectBadRequest(run: WebhookRun): BadRequestBody {
	const body = expectRejected(run, 400, 'invalid_notification') as BadRequestBody;
	expect(Array.isArray(body.problems)).toBe(true);
	expect(body.problems.length).toBeGreaterThan(0);
	expect(body.message).toMatch(/^Not a valid Keyclic /);
	for (const problem of body.problems) expect(body.message).toContain(problem);
	return body;
}

/** Asserts a 400 whose problems name `field` (e.g. `payload.id`) and whose message names it too. */
export function expectBadField(run: WebhookRun, field: string): BadRequestBody {
	const body = expectBadRequest(run);
	expect(body.problems.some((problem) => problem.startsWith(`${field}: `))).toBe(true);
	expect(body.message).toContain(`${field}: `);
	return body;
}

/** The single item of an accepted call (asserts exactly one item and the 200 answer). */
export function acceptedItem(result: IWebhookResponseData): IDataObject {
	expect(result.noWebhookResponse).toBeUndefined();
	expect(result.workflowData).toHaveLength(1);
	expect(result.workflowData?.[0]).toHaveLength(1);
	const item = result.workflowData?.[0]?.[0]?.json;
	if (item === undefined) throw new Error('no item');
	expect(result.webhookResponse).toMatchObject({ status: 'accepted' });
	return item;
}

/** Asserts the "ignored" answer: 200 from n8n, no execution. */
export function expectIgnored(run: WebhookRun, event: string): void {
	expect(run.result.workflowData).toBeUndefined();
	expect(run.result.noWebhookResponse).toBeUndefined();
	expect(run.result.webhookResponse).toEqual({ status: 'ignored', event, reason: expect.any(String) });
	expect(run.response.statusCalls).toBe(0);
	expect(run.response.jsonCalls).toBe(0);
}
