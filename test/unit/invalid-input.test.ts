// Malformed notifications: always a 400 naming the field, never an exception.
import type { IDataObject } from 'n8n-workflow';

import { REPORT_ID, expectBadField, expectBadRequest, notification, operationPayload, reportPayload } from './helpers/bodies';
import { runWebhook } from './helpers/context';

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

	it('{} names both missing fields', async () => {
		const answer = expectBadRequest(await send({}));
		expect(answer.problems).toEqual(expect.arrayContaining(['event: is required', 'payload: is required']));
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
		expect(answer.problems).toContain('event: must be a string');
	});

	it.each([
		'report_deleted',
		'taskCreated',
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
		['report_created', reportPayload({ type: undefined }), 'Report', 'null'],
		['operation_created', operationPayload({ type: 'report' }), 'Operation', '"report"'],
		['report_created', reportPayload({ type: 7 }), 'Report', '7'],
	])('%s with a payload of type %j', async (event, payload, expected, got) => {
		const answer = expectBadField(await send(notification(event, payload)), 'payload.type');
		expect(answer.problems[0]).toContain(`carries a ${expected}, got ${got}`);
	});

	it('payload without type at all', async () => {
		const payload = reportPayload();
		delete payload.type;
		expectBadField(await send(notification('report_created', payload)), 'payload.type');
	});
});

describe('400: payload fields of the wrong shape', () => {
	const cases: Array<[string, string, IDataObject]> = [
		['id not a UUID', 'payload.id', { id: 'REPORT-42' }],
		['id almost a UUID', 'payload.id', { id: `${REPORT_ID}0` }],
		['id a number', 'payload.id', { id: 42 }],
		['id missing', 'payload.id', { id: undefined }],
		['createdAt not a date', 'payload.createdAt', { createdAt: 'yesterday' }],
		['updatedAt out of range', 'payload.updatedAt', { updatedAt: '2024-13-45T99:99:99Z' }],
		['createdAt a number', 'payload.createdAt', { createdAt: 1710402432 }],
		['_links entry a number', 'payload._links.self', { _links: { self: 42 } }],
		['_links entry without href', 'payload._links.self', { _links: { self: { url: '/reports/x' } } }],
		['_links entry with a non-string href', 'payload._links.organization', { _links: { organization: { href: 5 } } }],
		['_links entry null', 'payload._links.self', { _links: { self: null } }],
		['_links list with a bad element', 'payload._links.images', { _links: { images: [{ href: '/a' }, { nohref: true }] } }],
		['_links not an object', 'payload._links', { _links: ['/reports/x'] }],
		['state a number', 'payload.state', { state: 3 }],
		['state an object', 'payload.state', { state: { code: 'NEW' } }],
		['state null', 'payload.state', { state: null }],
		['state an array of numbers', 'payload.state', { state: [1, 2] }],
		['workflow state reference a number', 'payload._embedded.workflow.state.reference', { _embedded: { workflow: { state: { reference: 1 } } } }],
		['workflow state a string', 'payload._embedded.workflow.state', { _embedded: { workflow: { state: 'NEW' } } }],
		['phase key a number', 'payload.phase.key', { phase: { key: 2 } }],
		['stateTransitions a number', 'payload._embedded.stateTransitions', { _embedded: { stateTransitions: 3 } }],
		['_embedded an array', 'payload._embedded', { _embedded: [] }],
	];

	it.each(cases)('%s → 400 naming %s', async (_label, field, overrides) => {
		const payload = reportPayload();
		for (const [key, value] of Object.entries(overrides)) {
			if (value === undefined) delete payload[key];
			else payload[key] = value;
		}
		const answer = expectBadField(await send(notification('report_created', payload)), field);
		expect(answer.message).toContain('report_created');
	});

	it('operation payloads are checked the same way', async () => {
		expectBadField(await send(notification('operation_created', operationPayload({ id: 'x' }))), 'payload.id');
		expectBadField(await send(notification('operation_created', operationPayload({ updatedAt: 'soon' }))), 'payload.updatedAt');
	});

	it('lists every problem of the payload, not only the first one', async () => {
		const payload = reportPayload({ id: 'x', createdAt: 'never', state: 1 });
		const answer = expectBadRequest(await send(notification('report_created', payload)));
		expect(answer.problems).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^payload\.id: /),
				expect.stringMatching(/^payload\.createdAt: /),
				expect.stringMatching(/^payload\.state: /),
			]),
		);
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

	it.each(weird.map((body, index) => [index, body] as const))('weird body #%d resolves to a 400 or an accepted item', async (_index, body) => {
		const run = await send(body);
		if (run.result.workflowData) {
			expect(run.result.webhookResponse).toMatchObject({ status: 'accepted' });
			expect(run.response.statusCalls).toBe(0);
		} else {
			expectBadRequest(run);
		}
	});

	it('a JSON "__proto__" key in the payload does not change the output state', async () => {
		const body = JSON.parse(`{"event":"report_created","payload":{"type":"Report","id":"${REPORT_ID}","__proto__":{"state":"HACKED"}}}`);
		const run = await send(body);
		const item = run.result.workflowData?.[0]?.[0]?.json;
		expect(item?.state).toBeNull();
		expect(({} as IDataObject).state).toBeUndefined();
	});
});
