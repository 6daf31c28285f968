// Notifications of Keyclic's 2021 task events, of events this node does not know (option "Accept Unknown
// Events"), and every JSON media type (the raw body parsed when n8n did not): KeyclicTrigger.webhook() in
// n8n-core's real WebhookContext.
import {
	OPERATION_ID,
	REPORT_ID,
	acceptedItem,
	expectBadField,
	expectIgnored,
	expectRejected,
	notification,
	operationPayload,
	reportPayload,
} from './helpers/bodies';
import { runWebhook } from './helpers/context';

const ALL = ['report_created', 'report_state_changed', 'operation_created', 'operation_state_changed', 'operation_removed'];
const acceptUnknown = { options: { acceptUnknownEvents: true } };

describe('task events (Keyclic webhook API 2.14.6–2.21.0): read from payload.type', () => {
	it.each([
		['taskCreated', reportPayload(), 'report_created', REPORT_ID],
		['taskCreated', operationPayload(), 'operation_created', OPERATION_ID],
		['taskStateChanged', reportPayload({ state: 'ACCEPTED' }), 'report_state_changed', REPORT_ID],
		['taskStateChanged', operationPayload(), 'operation_state_changed', OPERATION_ID],
		['task_state_changed', operationPayload(), 'operation_state_changed', OPERATION_ID],
	])('%s with a %s payload → accepted as %s, with a warning naming the event as sent', async (sent, payload, event, id) => {
		const run = await runWebhook({ params: { events: ALL }, body: notification(sent, payload) });
		const item = acceptedItem(run.result);
		expect(run.result.webhookResponse).toEqual({ status: 'accepted', event, id });
		expect(item).toMatchObject({ event, id, resourceType: String(payload.type).toLowerCase(), payload });
		expect(item.warnings).toEqual([expect.stringContaining(`event: "${sent}"`)]);
		expect((item.warnings as string[])[0]).toContain(`read as ${event} from payload.type "${String(payload.type)}"`);
		expect(item.eventKey).toMatch(new RegExp(`^${event}:${id}:`));
	});

	it('filtered by the mapped event: taskCreated of an Operation in a reports-only trigger is ignored (no execution)', async () => {
		const run = await runWebhook({ params: { events: ['report_created'] }, body: notification('taskCreated', operationPayload()) });
		expectIgnored(run, 'operation_created');
	});

	it.each([false, true])('a task payload of another type is refused (400 naming both), acceptUnknownEvents %s', async (accept) => {
		const run = await runWebhook({
			params: { events: ALL, ...(accept ? acceptUnknown : {}) },
			body: notification('taskCreated', { type: 'Task', id: 'T-1' }),
		});
		const answer = expectBadField(run, 'event');
		expect(answer.message).toContain('"taskCreated"');
		expect(answer.message).toContain('payload.type "Task"');
		expect(run.result.workflowData).toBeUndefined();
	});

	it('a task event with a Report payload without id is refused on the id', async () => {
		const run = await runWebhook({ params: { events: ALL }, body: notification('taskCreated', { type: 'Report' }) });
		expectBadField(run, 'payload.id');
	});
});

describe('events Keyclic adds later: option "Accept Unknown Events"', () => {
	it('off (the default): 400 unknown event, no execution', async () => {
		const run = await runWebhook({ body: notification('reportArchived', reportPayload()) });
		expect(expectBadField(run, 'event').message).toContain('unknown event "reportArchived"');
		expect(run.result.workflowData).toBeUndefined();
	});

	it.each([
		['reportArchived', reportPayload(), 'report', REPORT_ID],
		['operation_rescheduled', operationPayload(), 'operation', OPERATION_ID],
	])(
		'on: %s with an identifiable %s → accepted with the event as sent and a warning, whatever events are selected',
		async (event, payload, resourceType, id) => {
			const run = await runWebhook({ params: { events: ['operation_removed'], ...acceptUnknown }, body: notification(event, payload) });
			const item = acceptedItem(run.result);
			expect(run.result.webhookResponse).toEqual({ status: 'accepted', event, id });
			expect(item).toMatchObject({ event, resourceType, id, payload });
			expect(item.warnings).toEqual([expect.stringContaining(`event: "${event}" is not an event this node knows`)]);
		},
	);

	it.each([
		['a payload of another type', { type: 'Invoice', id: 'I-1' }, 'event', /neither "Report" nor "Operation"/],
		['a payload without type', { id: REPORT_ID }, 'event', /payload\.type null/],
		['a Report without id', { type: 'Report' }, 'payload.id', /payload\.id/],
		['no payload', undefined, 'payload', /payload: is required/],
	])('on, but %s: 400, no execution', async (_label, payload, field, message) => {
		const run = await runWebhook({ params: acceptUnknown, body: notification('reportArchived', payload) });
		expect(expectBadField(run, field).message).toMatch(message);
		expect(run.result.workflowData).toBeUndefined();
	});

	it('on: the five events are still filtered by the selection', async () => {
		const run = await runWebhook({
			params: { events: ['report_created'], ...acceptUnknown },
			body: notification('operation_created', operationPayload()),
		});
		expectIgnored(run, 'operation_created');
	});
});

describe('content types: any JSON media type is read as JSON', () => {
	const body = notification('report_created', reportPayload());
	const raw = (text: string) => Buffer.from(text, 'utf8');

	it.each([
		'application/json ; charset=utf-8',
		'application/json;charset="UTF-8"',
		'application/json\t; charset=utf-8',
		'application/hal+json',
		'Application/HAL+JSON; charset=utf-8',
		'application/vnd.keyclic.v1+json',
	])('%s, left unparsed by n8n ({}): the raw body is parsed → accepted', async (contentType) => {
		const run = await runWebhook({ headers: { 'content-type': contentType }, body: {}, rawBody: raw(JSON.stringify(body)) });
		expect(acceptedItem(run.result)).toMatchObject({ event: 'report_created', id: REPORT_ID, warnings: [] });
	});

	it('a raw body with a byte order mark is read', async () => {
		const run = await runWebhook({
			headers: { 'content-type': 'application/hal+json' },
			body: {},
			rawBody: raw(`\uFEFF${JSON.stringify(body)}`),
		});
		acceptedItem(run.result);
	});

	it('a body n8n parsed is used as it is (the raw body is not read again)', async () => {
		const run = await runWebhook({ headers: { 'content-type': 'application/json' }, body, rawBody: raw('not json') });
		acceptedItem(run.result);
	});

	it('an unparsed JSON media type with a broken body → 400 naming the JSON error, no execution', async () => {
		const run = await runWebhook({
			headers: { 'content-type': 'application/hal+json' },
			body: {},
			rawBody: raw('{"event": "report_created", '),
		});
		expect(expectBadField(run, 'body').message).toContain('is not valid JSON');
		expect(run.result.workflowData).toBeUndefined();
	});

	it('an empty body of a JSON media type → 400 on the missing event', async () => {
		const run = await runWebhook({ headers: { 'content-type': 'application/hal+json' }, body: {}, rawBody: raw('') });
		expectBadField(run, 'event');
	});

	it.each([
		'application/x-www-form-urlencoded',
		'text/json',
		'application/jsonl',
		'application/json+xml',
		'multipart/form-data; boundary=x',
	])('%s → 415, no execution', async (contentType) => {
		const run = await runWebhook({
			headers: { 'content-type': contentType },
			body: { event: 'report_created' },
			rawBody: raw(JSON.stringify(body)),
		});
		expect(expectRejected(run, 415, 'unsupported_content_type').message).toContain(contentType);
		expect(run.result.workflowData).toBeUndefined();
	});
});
