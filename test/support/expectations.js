'use strict';
// Independent expectations for the suites (deliberately not imported from the node's code).

/** The state code a payload should produce, whichever era. */
function expectedState(payload) {
	if (typeof payload.state === 'string') return payload.state;
	if (Array.isArray(payload.state)) return payload.state[0];
	const ws = payload._embedded && payload._embedded.workflow && payload._embedded.workflow.state;
	if (ws && (ws.reference || ws.key)) return ws.reference || ws.key;
	if (payload.phase) return payload.phase.reference || payload.phase.key;
	return null;
}

const REPORT_ID = 'b2635fda-d283-4d07-8c27-12b3aab86249';
const report = (extra = {}) => ({ type: 'Report', id: REPORT_ID, state: 'NEW', ...extra });
const operation = (extra = {}) => ({ type: 'Operation', id: 'a98a4c44-872b-477e-b76f-38c9f3abec20', state: 'NEW', ...extra });

/**
 * Bodies that must be refused without starting anything. `status` is what the caller must get:
 * 422 is n8n's own answer to a JSON body that does not parse (the node never sees it); 400 (the
 * notification cannot be identified) and 415 (not sent as JSON) are ours.
 */
function badBodies() {
	const json = (name, body, mentions) => ({ name, body, status: 400, mentions });
	const raw = (name, body, status, mentions, headers) => ({ name, body, raw: true, status, mentions, headers });
	const notJson = (name, body, contentType) =>
		raw(name, Buffer.from(JSON.stringify(body)), 415, /Content-Type: application\/json/, { 'content-type': contentType });
	return [
		raw('not JSON at all', 'this is not json', 422),
		raw('truncated JSON', '{"event": "report_created", "payload": {', 422),
		raw('empty body', '', 400, /event/),
		json('JSON array', [report()], /body/),
		json('JSON string', 'report_created', /body/),
		json('JSON null', null, /body/),
		json('JSON number', 42, /body/),
		json('empty object', {}, /event/),
		json('event only', { event: 'report_created' }, /payload/),
		json('payload only', { payload: report() }, /event/),
		json('event not a string', { event: 1, payload: report() }, /event/),
		json('unknown event', { event: 'report_deleted', payload: report() }, /unknown event "report_deleted"/),
		json('report event carrying an Operation', { event: 'report_created', payload: operation() }, /payload\.type/),
		json('operation event carrying a Report', { event: 'operationStateChanged', payload: report() }, /payload\.type/),
		json('payload without type', { event: 'report_created', payload: { id: REPORT_ID } }, /payload\.type/),
		json('payload is an array', { event: 'report_created', payload: [report()] }, /payload/),
		json('payload is a string', { event: 'report_created', payload: 'Report' }, /payload/),
		json('id missing', { event: 'report_created', payload: { type: 'Report', state: 'NEW' } }, /payload\.id/),
		json('id empty', { event: 'report_created', payload: report({ id: '' }) }, /payload\.id/),
		json('id a number', { event: 'operation_created', payload: operation({ id: 42 }) }, /payload\.id/),
		notJson('no content type', { event: 'report_created', payload: report() }, null),
		notJson('application/octet-stream', { event: 'report_created', payload: report() }, 'application/octet-stream'),
		notJson('text/plain', { event: 'report_created', payload: report() }, 'text/plain'),
		raw('form-encoded body', 'event=report_created&payload=Report', 415, /Content-Type: application\/json/, {
			'content-type': 'application/x-www-form-urlencoded',
		}),
		raw('application/xml (n8n parses it)', '<event>report_created</event>', 415, /Content-Type: application\/json/, {
			'content-type': 'application/xml',
		}),
	];
}

/**
 * Notifications whose identity is fine but whose other fields have unexpected shapes: accepted (200,
 * one execution), each unreadable field null or left out, named in `warnings`, the payload as sent.
 */
function oddButIdentifiable() {
	return [
		{ name: 'id that is not a UUID', body: { event: 'report_created', payload: report({ id: 'REPORT-42' }) }, warnings: [] },
		{
			name: 'null organization link, unparsable date',
			body: {
				event: 'reportStateChanged',
				payload: report({ createdAt: 'yesterday', _links: { self: { href: '/r' }, organization: null } }),
			},
			warnings: ['payload.createdAt: ', 'payload._links.organization: '],
		},
		{ name: 'state a number', body: { event: 'operation_state_changed', payload: operation({ state: 3 }) }, warnings: ['payload.state: '] },
	];
}

module.exports = { expectedState, badBodies, oddButIdentifiable };
