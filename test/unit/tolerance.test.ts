// What the trigger tolerates: both eras, state as an array, bare-string links (2018 doc sample), unknown fields.
import type { IDataObject } from 'n8n-workflow';

import { CANONICAL_EVENTS, EVENT_INFO, canonicalEvent, isKeyclicEvent } from '../../nodes/common/events';
import { checkEnvelope, identifyPayload } from '../../nodes/KeyclicTrigger/webhook/envelope';
import { toItem } from '../../nodes/common/item';
import { ORGANIZATION_ID, REPORT_ID, acceptedItem, notification, operationPayload, reportPayload } from './helpers/bodies';
import { runWebhook } from './helpers/context';

async function itemFor(body: IDataObject): Promise<IDataObject> {
	const run = await runWebhook({ body });
	return acceptedItem(run.result);
}

describe('state', () => {
	it('legacy state as an array (the 2020 spec type): the first element wins', async () => {
		const item = await itemFor(notification('report_state_changed', reportPayload({ state: ['ACCEPTED', 'NEW'] })));
		expect(item.state).toBe('ACCEPTED');
		expect(item.eventKey).toBe(`report_state_changed:${REPORT_ID}:ACCEPTED:2024-03-14T08:47:12+01:00`);
	});

	it('an empty state array falls back to the workflow state', async () => {
		const payload = reportPayload({ state: [], _embedded: { workflow: { state: { key: 'ON_HOLD', name: 'En attente' } } } });
		const item = await itemFor(notification('report_state_changed', payload));
		expect(item.state).toBe('ON_HOLD');
		expect(item.stateLabel).toBe('En attente');
	});

	it('2025 shape: _embedded.workflow.state.reference', async () => {
		const item = await itemFor(notification('operation_state_changed', operationPayload()));
		expect(item.state).toBe('IN_PROGRESS');
		expect(item.stateLabel).toBe('En cours');
	});

	it('2025 report with only a phase', async () => {
		const payload = reportPayload({ phase: { reference: 'CLOSED', name: 'Clôturée' } });
		delete payload.state;
		const item = await itemFor(notification('report_state_changed', payload));
		expect(item.state).toBe('CLOSED');
		expect(item.stateLabel).toBe('Clôturée');
	});

	it('the legacy state wins over the workflow state; a label of another state is not used', async () => {
		const payload = reportPayload({ state: 'NEW', _embedded: { workflow: { state: { key: 'ACCEPTED', name: 'Acceptée' } } } });
		const item = await itemFor(notification('report_created', payload));
		expect(item.state).toBe('NEW');
		expect(item.stateLabel).toBeNull();
	});

	it('no state anywhere → null, and the eventKey still has four parts', async () => {
		const payload = reportPayload();
		delete payload.state;
		delete payload.updatedAt;
		const item = await itemFor(notification('report_created', payload));
		expect(item.state).toBeNull();
		expect(item.stateLabel).toBeNull();
		expect(item.updatedAt).toBeNull();
		expect(item.eventKey).toBe(`report_created:${REPORT_ID}::`);
	});
});

describe('links', () => {
	it('bare-string links are accepted and flattened as they are', async () => {
		const payload = reportPayload({
			_links: { self: `/reports/${REPORT_ID}`, organization: `/organizations/${ORGANIZATION_ID}`, feedback: '/feedbacks/1' },
		});
		const item = await itemFor(notification('report_created', payload));
		expect(item.links).toEqual({
			self: `/reports/${REPORT_ID}`,
			organization: `/organizations/${ORGANIZATION_ID}`,
			feedback: '/feedbacks/1',
		});
		expect(item.organizationId).toBe(ORGANIZATION_ID);
	});

	it('the 2018 documentation sample (placeholders "..." everywhere) is accepted', async () => {
		// Keyclic/docs-en integration.rst (and Keyclic/Docs, camelCase), trailing commas removed to make it JSON.
		const sample = JSON.parse(`{
			"event": "report_created",
			"payload": {
				"type": "Report",
				"id": "b0e7e28f-5b91-4c73-875e-8f34aa03553a",
				"state": "NEW",
				"createdAt": "2018-02-27T10:00:00+02:00",
				"updatedAt": "2018-02-27T10:00:00+02:00",
				"_links": {
					"feedback": "...",
					"operations": "...",
					"organization": "...",
					"tracking": "..."
				},
				"_embedded": {
					"stateTransitions": "...",
					"tracking": ".."
				}
			}
		}`) as IDataObject;
		const item = await itemFor(sample);
		expect(item).toMatchObject({
			event: 'report_created',
			resourceType: 'report',
			id: 'b0e7e28f-5b91-4c73-875e-8f34aa03553a',
			state: 'NEW',
			createdAt: '2018-02-27T10:00:00+02:00',
			reportId: 'b0e7e28f-5b91-4c73-875e-8f34aa03553a',
			links: { feedback: '...', operations: '...', organization: '...', tracking: '...' },
		});
		expect(item.payload).toBe(sample.payload);

		const camel = await itemFor({ ...sample, event: 'reportCreated' });
		expect(camel.event).toBe('report_created');
	});

	it('multi-valued rels become lists of hrefs; organization/report ids come from the first href', async () => {
		const payload = operationPayload({
			_links: {
				images: [{ href: '/images/1' }, { href: '/images/2' }],
				report: [{ href: `/reports/${REPORT_ID}` }],
				organization: { href: `https://api.keyclic.com/organizations/${ORGANIZATION_ID}/?view=full`, iriTemplate: { mapping: {} } },
			},
		});
		const item = await itemFor(notification('operation_created', payload));
		expect(item.links).toEqual({
			images: ['/images/1', '/images/2'],
			report: [`/reports/${REPORT_ID}`],
			organization: `https://api.keyclic.com/organizations/${ORGANIZATION_ID}/?view=full`,
		});
		expect(item.reportId).toBe(REPORT_ID);
		expect(item.organizationId).toBe(ORGANIZATION_ID);
	});

	it('no _links: empty links, null organizationId; an operation without report link has a null reportId', async () => {
		const payload = operationPayload();
		delete payload._links;
		const item = await itemFor(notification('operation_removed', payload));
		expect(item.links).toEqual({});
		expect(item.organizationId).toBeNull();
		expect(item.reportId).toBeNull();
	});
});

describe('unknown fields', () => {
	it('are kept in payload (same object as the body) and at the envelope level ignored', async () => {
		const payload = reportPayload({
			customField: { nested: [1, 2, 3] },
			priority: { id: 'p1', name: 'Urgent' },
			_links: { self: { href: `/reports/${REPORT_ID}`, templated: false, iriTemplate: { mapping: { report: REPORT_ID } } } },
			_embedded: { tracking: { state: 'NEW', progression: { resolved: 0, total: 1 } }, somethingNew: true },
		});
		const body = { ...notification('report_created', payload), deliveredAt: '2025-01-01T00:00:00Z' };
		const item = await itemFor(body);
		expect(item.payload).toBe(payload);
		const kept = item.payload as IDataObject;
		expect(kept.customField).toEqual({ nested: [1, 2, 3] });
		expect(kept.priority).toEqual({ id: 'p1', name: 'Urgent' });
		expect((kept._embedded as IDataObject).somethingNew).toBe(true);
		expect(item.links).toEqual({ self: `/reports/${REPORT_ID}` });
		expect(item).not.toHaveProperty('deliveredAt');
	});
});

describe('events module', () => {
	it('maps both spellings of the five events to the canonical name', () => {
		expect(CANONICAL_EVENTS).toEqual([
			'report_created',
			'report_state_changed',
			'operation_created',
			'operation_state_changed',
			'operation_removed',
		]);
		const camel = ['reportCreated', 'reportStateChanged', 'operationCreated', 'operationStateChanged', 'operationRemoved'];
		CANONICAL_EVENTS.forEach((event, index) => {
			expect(canonicalEvent(event)).toBe(event);
			expect(canonicalEvent(camel[index])).toBe(event);
			expect(EVENT_INFO[event].apiName).toBe(camel[index]);
			expect(EVENT_INFO[event].resourceType).toBe(event.startsWith('report') ? 'report' : 'operation');
			expect(isKeyclicEvent(event)).toBe(true);
			expect(isKeyclicEvent(camel[index])).toBe(false);
		});
		expect(canonicalEvent('taskCreated')).toBeUndefined();
		expect(canonicalEvent('hasOwnProperty')).toBeUndefined();
	});
});

describe('envelope and item modules directly', () => {
	it('checkEnvelope returns the body and payload objects themselves', () => {
		const body = notification('operationCreated', operationPayload());
		const checked = checkEnvelope(body);
		expect(checked).toEqual({
			ok: true,
			known: true,
			event: 'operation_created',
			body,
			payload: body.payload,
			resourceType: 'operation',
			warnings: [],
		});
		if (checked.ok) {
			expect(checked.body).toBe(body);
			expect(checked.payload).toBe(body.payload);
		}
	});

	it('toItem keeps the payload by reference and formats receivedAt in UTC', () => {
		const payload = reportPayload();
		const checked = identifyPayload('report_created', payload);
		if (!checked.ok) throw new Error(checked.problem);
		const item = toItem('report_created', checked.resource, new Date('2024-03-14T09:00:00+01:00'));
		expect(item.receivedAt).toBe('2024-03-14T08:00:00.000Z');
		expect(item.payload).toBe(payload);
	});
});
