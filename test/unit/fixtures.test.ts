// Every Keyclic fixture (both payload eras, both event spellings) gives exactly one normalized item.
import type { IDataObject } from 'n8n-workflow';

import type { Fixture } from '../support/fixtures';
import { keyclicFixtures } from '../support/fixtures';
import { acceptedItem } from './helpers/bodies';
import { runWebhook } from './helpers/context';

// Expected values, written by hand from examples/events/README.md and the fixture files:
// legacy shape → top-level `state` (string); 2025 shape → `_embedded.workflow.state.reference`;
// the label is the French `name` of the workflow state.
const LEGACY_REPORT = 'b2635fda-d283-4d07-8c27-12b3aab86249';
const LEGACY_OPERATION = 'a98a4c44-872b-477e-b76f-38c9f3abec20';
const LEGACY_REMOVED = '0e888fed-5586-4b40-9cb9-fe040b4989ab';
const LEGACY_ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const V2025_REPORT = 'bfeb8d3f-8297-48ef-9c89-559027bdb8c3';
const V2025_OPERATION = 'b72a0017-7d36-480e-b04b-c8f42f841a05';
const V2025_REMOVED = 'c549ef5f-d45e-44d2-b64d-424df71ec115';
const V2025_ORG = '50959713-c14e-4906-a96e-5f71704870ba';

type Era = 'legacy' | 'v2025';

/** Fields every normalized item has. */
const ITEM_FIELDS = [
	'event',
	'resourceType',
	'id',
	'state',
	'stateLabel',
	'createdAt',
	'updatedAt',
	'organizationId',
	'reportId',
	'links',
	'eventKey',
	'receivedAt',
	'source',
	'previousState',
	'payload',
];

interface Expected {
	era: Era;
	event: string;
	resourceType: 'report' | 'operation';
	id: string;
	state: string;
	stateLabel: string;
	organizationId: string;
	reportId: string;
}

const EXPECTED: Record<string, Expected> = {
	'report_created.json': {
		era: 'legacy',
		event: 'report_created',
		resourceType: 'report',
		id: LEGACY_REPORT,
		state: 'NEW',
		stateLabel: 'Nouvelle',
		organizationId: LEGACY_ORG,
		reportId: LEGACY_REPORT,
	},
	'report_created.camelCase.json': {
		era: 'legacy',
		event: 'report_created',
		resourceType: 'report',
		id: LEGACY_REPORT,
		state: 'NEW',
		stateLabel: 'Nouvelle',
		organizationId: LEGACY_ORG,
		reportId: LEGACY_REPORT,
	},
	'report_state_changed.json': {
		era: 'legacy',
		event: 'report_state_changed',
		resourceType: 'report',
		id: LEGACY_REPORT,
		state: 'ACCEPTED',
		stateLabel: 'Acceptée',
		organizationId: LEGACY_ORG,
		reportId: LEGACY_REPORT,
	},
	'operation_created.json': {
		era: 'legacy',
		event: 'operation_created',
		resourceType: 'operation',
		id: LEGACY_OPERATION,
		state: 'NEW',
		stateLabel: 'Nouvelle',
		organizationId: LEGACY_ORG,
		reportId: LEGACY_REPORT,
	},
	'operation_state_changed.json': {
		era: 'legacy',
		event: 'operation_state_changed',
		resourceType: 'operation',
		id: LEGACY_OPERATION,
		state: 'IN_PROGRESS',
		stateLabel: 'En cours',
		organizationId: LEGACY_ORG,
		reportId: LEGACY_REPORT,
	},
	'operation_state_changed.resolved.json': {
		era: 'legacy',
		event: 'operation_state_changed',
		resourceType: 'operation',
		id: LEGACY_OPERATION,
		state: 'RESOLVED',
		stateLabel: 'Terminée',
		organizationId: LEGACY_ORG,
		reportId: LEGACY_REPORT,
	},
	'operation_removed.json': {
		era: 'legacy',
		event: 'operation_removed',
		resourceType: 'operation',
		id: LEGACY_REMOVED,
		state: 'ASSIGNED',
		stateLabel: 'Assignée',
		organizationId: LEGACY_ORG,
		reportId: LEGACY_REPORT,
	},
	'report_created.v2025-shape.json': {
		era: 'v2025',
		event: 'report_created',
		resourceType: 'report',
		id: V2025_REPORT,
		state: 'NEW',
		stateLabel: 'Nouvelle',
		organizationId: V2025_ORG,
		reportId: V2025_REPORT,
	},
	'report_state_changed.v2025-shape.json': {
		era: 'v2025',
		event: 'report_state_changed',
		resourceType: 'report',
		id: V2025_REPORT,
		state: 'IN_PROGRESS',
		stateLabel: 'En cours',
		organizationId: V2025_ORG,
		reportId: V2025_REPORT,
	},
	'operation_created.v2025-shape.json': {
		era: 'v2025',
		event: 'operation_created',
		resourceType: 'operation',
		id: V2025_OPERATION,
		state: 'NEW',
		stateLabel: 'Nouvelle',
		organizationId: V2025_ORG,
		reportId: V2025_REPORT,
	},
	'operation_state_changed.v2025-shape.json': {
		era: 'v2025',
		event: 'operation_state_changed',
		resourceType: 'operation',
		id: V2025_OPERATION,
		state: 'IN_PROGRESS',
		stateLabel: 'En cours',
		organizationId: V2025_ORG,
		reportId: V2025_REPORT,
	},
	'operation_removed.v2025-shape.json': {
		era: 'v2025',
		event: 'operation_removed',
		resourceType: 'operation',
		id: V2025_REMOVED,
		state: 'ASSIGNED',
		stateLabel: 'Assignée',
		organizationId: V2025_ORG,
		reportId: V2025_REPORT,
	},
};

function asObject(value: unknown): IDataObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not an object: ${String(value)}`);
	return value as IDataObject;
}

/** `_links` flattened by hand: rel → href, or the list of hrefs for multi-valued rels. */
function expectedLinks(payload: IDataObject): Record<string, string | string[]> {
	const flat: Record<string, string | string[]> = {};
	for (const [rel, value] of Object.entries(asObject(payload._links))) {
		flat[rel] = Array.isArray(value) ? value.map((link) => asObject(link).href as string) : (asObject(value).href as string);
	}
	return flat;
}

/** The state code where the README says it is, for the fixture's era. */
function stateFromPayload(payload: IDataObject, era: Era): unknown {
	if (era === 'legacy') return payload.state;
	const workflow = asObject(asObject(payload._embedded).workflow);
	return asObject(workflow.state).reference;
}

const fixtures: Fixture[] = keyclicFixtures();

async function itemOf(body: IDataObject): Promise<IDataObject> {
	const run = await runWebhook({ body });
	expect(run.response.statusCalls).toBe(0);
	return acceptedItem(run.result);
}

function withoutReceivedAt(item: IDataObject): IDataObject {
	const copy = { ...item };
	delete copy.receivedAt;
	return copy;
}

describe('Keyclic fixtures (examples/events)', () => {
	it('the expectation table covers exactly the fixture files (a new fixture must be added here)', () => {
		expect(fixtures.map((fixture) => fixture.file).sort()).toEqual(Object.keys(EXPECTED).sort());
	});

	it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))('%s → one item with the canonical fields', async (file, fixture) => {
		const expected = EXPECTED[file];
		const { body } = fixture;
		const payload = body.payload;
		const run = await runWebhook({ body });

		expect(run.result.webhookResponse).toEqual({ status: 'accepted', event: expected.event, id: expected.id });
		const item = acceptedItem(run.result);

		expect(item.event).toBe(expected.event);
		expect(item.resourceType).toBe(expected.resourceType);
		expect(item.id).toBe(expected.id);
		expect(item.id).toBe(payload.id);
		expect(item.state).toBe(expected.state);
		expect(item.state).toBe(stateFromPayload(payload, expected.era));
		expect(item.stateLabel).toBe(expected.stateLabel);
		expect(item.createdAt).toBe(payload.createdAt);
		expect(item.updatedAt).toBe(payload.updatedAt);
		expect(typeof item.createdAt).toBe('string');
		expect(typeof item.updatedAt).toBe('string');
		expect(item.links).toEqual(expectedLinks(payload));
		expect((item.links as IDataObject).self).toBe(`/${expected.resourceType}s/${expected.id}`);
		expect(item.organizationId).toBe(expected.organizationId);
		expect(item.reportId).toBe(expected.reportId);
		expect(item.eventKey).toBe(`${expected.event}:${expected.id}:${expected.state}:${payload.updatedAt as string}`);
		expect(item.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(item.payload).toBe(payload);

		expect(Object.keys(item)).toEqual(expect.arrayContaining(ITEM_FIELDS));
		// Without "Confirm with Keyclic API" (off by default) nothing was re-read: never marked confirmed.
		expect(item.confirmed ?? false).toBe(false);
	});

	it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))('%s with outputRaw → the body itself', async (_file, fixture) => {
		const run = await runWebhook({ params: { options: { outputRaw: true } }, body: fixture.body });
		expect(acceptedItem(run.result)).toBe(fixture.body);
	});

	it('the legacy fixtures carry the state as a top-level string, the 2025 ones do not', () => {
		for (const { file, body } of fixtures) {
			if (EXPECTED[file].era === 'legacy') expect(typeof body.payload.state).toBe('string');
			else expect(body.payload.state).toBeUndefined();
		}
	});

	it('report_created.json and report_created.camelCase.json give equal items apart from receivedAt', async () => {
		const snake = fixtures.find((fixture) => fixture.file === 'report_created.json');
		const camel = fixtures.find((fixture) => fixture.file === 'report_created.camelCase.json');
		if (!snake || !camel) throw new Error('report_created fixtures missing');
		expect(snake.body.event).toBe('report_created');
		expect(camel.body.event).toBe('reportCreated');
		expect(camel.body.payload).toEqual(snake.body.payload);

		const snakeItem = await itemOf(snake.body);
		const camelItem = await itemOf(camel.body);
		expect(withoutReceivedAt(camelItem)).toEqual(withoutReceivedAt(snakeItem));
		expect(camelItem.event).toBe('report_created');
		expect(camelItem.eventKey).toBe(snakeItem.eventKey);
	});

	it('every fixture is also accepted under the other spelling of its event', async () => {
		const spellings: Record<string, string> = {
			report_created: 'reportCreated',
			report_state_changed: 'reportStateChanged',
			operation_created: 'operationCreated',
			operation_state_changed: 'operationStateChanged',
			operation_removed: 'operationRemoved',
		};
		for (const { file, body } of fixtures) {
			const canonical = EXPECTED[file].event;
			const other = body.event === canonical ? spellings[canonical] : canonical;
			const item = await itemOf({ ...body, event: other });
			expect(item.event).toBe(canonical);
			expect(item.payload).toBe(body.payload);
		}
	});

	it('does not modify the fixture bodies', async () => {
		for (const { body } of fixtures) {
			const before = JSON.stringify(body);
			await itemOf(body);
			expect(JSON.stringify(body)).toBe(before);
		}
	});
});
