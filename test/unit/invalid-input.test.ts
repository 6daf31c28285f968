// Calls that cannot be identified as a Keyclic notification: a 400 naming the field, never an exception.
// (Everything else is read best-effort: see liberal-reading.test.ts.)
import type { IDataObject } from 'n8n-workflow';

import { REPORT_ID, expectBadField, expectBadRequest, notification, operationPayload, reportPayload } from './helpers/bodies';
import { runWebhook } from './helpers/context';

const EVENT_NAMES: Record<string, string> = {
	report_created: 'report_created',
	reportStateChanged: 'report_state_changed',
	operation_created: 'operation_created',
	operation_state_changed: 'operation_state_changed',
	operationRemoved: 'operation_removed',
};

async function send(body: unknown) {
	return await runWebhook({ body });
}

describe('400: bodies that are not a notification envelope', () => {
	it.each([
		['an array', [notification('report_created', reportPayload())]],
		['an empty array', []],
		['a string', '{"event":"report_created"}'],
		['an empty string', ''],
		['null', null],
		['undefined (no body)', undefined],
		['a number', 42],
		['a boolean', true],
	])('%s', async (_label, body) => {
		const answer = expectBadField(await send(body), 'body');
		expect(answer.problems).toHaveLength(1);
		expect(answer.message).toContain('"event"');
	});

	it('{} names the missing event', async () => {
		const answer = expectBadRequest(await send({}));
		expect(answer.problems).toEqual(['event: is required']);
	});

	it('missing event', async () => {
		const answer = expectBadField(await send({ payload: reportPayload() }), 'event');
		expect(answer.problems).toEqual(['event: is required']);
	});

	it.each([
		['a number', 42],
		['null', null],
		['an object', { name: 'report_created' }],
		['an array', ['report_created']],
		['a boolean', false],
	])('event that is %s', async (_label, event) => {
		const answer = expectBadField(await send(notification(event, reportPayload())), 'event');
		expect(answer.problems[0]).toMatch(/^event: must be a string, got /);
	});

	it.each([
		'report_deleted',
		'taskDeleted',
		'',
		'REPORT_CREATED',
		'ReportCreated',
		'report-created',
		'report_created ',
		'reportcreated',
		'__proto__',
		'constructor',
		'toString',
	])('unknown event %j', async (event) => {
		const answer = expectBadField(await send(notification(event, reportPayload())), 'event');
		expect(answer.problems[0]).toContain(`unknown event ${JSON.stringify(event)}`);
		expect(answer.problems[0]).toContain('report_created');
	});

	it('missing payload', async () => {
		const answer = expectBadField(await send({ event: 'report_created' }), 'payload');
		expect(answer.problems).toEqual(['payload: is required']);
	});

	it.each([
		['an array', [reportPayload()]],
		['a string', 'Report'],
		['null', null],
		['a number', 1],
		['a boolean', true],
	])('payload that is %s', async (_label, payload) => {
		const answer = expectBadField(await send(notification('report_created', payload)), 'payload');
		expect(answer.problems[0]).toMatch(/^payload: must be a JSON object/);
	});
});

describe('400: payloads that do not match the event', () => {
	it.each([
		['report_created', operationPayload(), 'Report', '"Operation"'],
		['reportStateChanged', operationPayload(), 'Report', '"Operation"'],
		['operation_created', reportPayload(), 'Operation', '"Report"'],
		['operation_state_changed', reportPayload(), 'Operation', '"Report"'],
		['operationRemoved', reportPayload(), 'Operation', '"Report"'],
		['report_created', reportPayload({ type: null }), 'Report', 'null'],
		['operation_created', operationPayload({ type: 'report' }), 'Operation', '"report"'],
		['report_created', reportPayload({ type: 7 }), 'Report', '7'],
	])('%s with a payload of type %j', async (event, payload, expected, got) => {
		const answer = expectBadField(await send(notification(event, payload)), 'payload.type');
		expect(answer.problems[0]).toBe(`payload.type: must be "${expected}", got ${got}`);
		expect(answer.message).toContain(EVENT_NAMES[event]);
	});

	it('payload without type at all', async () => {
		const payload = reportPayload();
		delete payload.type;
		expectBadField(await send(notification('report_created', payload)), 'payload.type');
	});
});

describe('400: payloads without an id', () => {
	it.each([
		['a number', 42],
		['null', null],
		['an empty string', ''],
		['an object', { value: REPORT_ID }],
		['an array', [REPORT_ID]],
		['a boolean', true],
	])('report id that is %s', async (_label, id) => {
		const answer = expectBadField(await send(notification('report_created', reportPayload({ id }))), 'payload.id');
		expect(answer.problems[0]).toMatch(/^payload\.id: must be a non-empty string/);
		expect(answer.message).toContain('report_created');
	});

	it('missing id, report and operation', async () => {
		const report = reportPayload();
		delete report.id;
		expectBadField(await send(notification('report_created', report)), 'payload.id');
		const operation = operationPayload();
		delete operation.id;
		expectBadField(await send(notification('operationRemoved', operation)), 'payload.id');
	});

	it('an id that is not a UUID still identifies the resource (200)', async () => {
		const run = await send(notification('report_created', reportPayload({ id: 'REPORT-42' })));
		expect(run.result.webhookResponse).toEqual({ status: 'accepted', event: 'report_created', id: 'REPORT-42' });
		expect(run.result.workflowData?.[0]?.[0]?.json).toMatchObject({ id: 'REPORT-42', reportId: 'REPORT-42', warnings: [] });
	});
});

describe('never an exception', () => {
	const weird: unknown[] = [
		Object.create(null),
		Object.assign(Object.create(null), { event: 'report_created', payload: reportPayload() }),
		JSON.parse('{"event":"report_created","payload":{"__proto__":{"type":"Report"}}}'),
		JSON.parse(`{"event":"report_created","payload":{"type":"Report","id":"${REPORT_ID}","__proto__":{"state":5}}}`),
		{ event: 'report_created', payload: { type: 'Report', id: REPORT_ID, _links: { organization: { href: '' } } } },
		{ event: 'operation_created', payload: { type: 'Operation', id: REPORT_ID, _links: { report: [] } } },
		{ event: 'report_created', payload: { type: 'Report', id: REPORT_ID, state: [] } },
		{ event: 'report_created', payload: { type: 'Report', id: REPORT_ID, _embedded: { workflow: null } } },
		{ event: 'report_created', payload: reportPayload({ _links: {} }), extra: { nested: [1, 2, { deep: true }] } },
		{ event: 'report_created', payload: { type: 'Report', id: REPORT_ID, _links: { organization: '?' } } },
		'\u0000',
		Number.NaN,
		{ event: 'report_created', payload: { type: 'Report', id: REPORT_ID, createdAt: '' } },
	];

	it.each(weird.map((body, index) => [index, body] as const))(
		'weird body #%d resolves to a 400 or an accepted item',
		async (_index, body) => {
			const run = await send(body);
			if (run.result.workflowData) {
				expect(run.result.webhookResponse).toMatchObject({ status: 'accepted' });
				expect(run.response.statusCalls).toBe(0);
			} else {
				expectBadRequest(run);
			}
		},
	);

	it('a JSON "__proto__" key in the payload does not change the output state', async () => {
		const body = JSON.parse(`{"event":"report_created","payload":{"type":"Report","id":"${REPORT_ID}","__proto__":{"state":"HACKED"}}}`);
		const run = await send(body);
		const item = run.result.workflowData?.[0]?.[0]?.json;
		expect(item?.state).toBeNull();
		expect(({} as IDataObject).state).toBeUndefined();
	});
});
