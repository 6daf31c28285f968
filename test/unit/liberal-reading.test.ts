// Liberal reading: once a notification is identified (event, payload type, payload id), no other field
// can lose it. For every path the schemas read, the value is replaced by null, a number, a string, an
// object, an array, or removed: the call is accepted, the item says what it could not read, and the
// payload stays exactly what was sent.
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import { reportSchema, operationSchema } from '../../nodes/common/schemas';
import { ORGANIZATION_ID, OPERATION_ID, REPORT_ID, acceptedItem, notification } from './helpers/bodies';
import { runWebhook } from './helpers/context';

/** A report with every field the normalization reads, in both eras. */
function fullReport(): IDataObject {
	return {
		type: 'Report',
		id: REPORT_ID,
		state: 'ACCEPTED',
		createdAt: '2024-03-14T08:47:12+01:00',
		updatedAt: '2024-03-14T09:05:40+01:00',
		phase: { reference: 'ACCEPTED', key: 'accepted', name: 'Acceptée' },
		_links: {
			self: { href: `/reports/${REPORT_ID}` },
			organization: { href: `/organizations/${ORGANIZATION_ID}` },
			images: [{ href: '/images/1' }, { href: '/images/2' }],
		},
		_embedded: {
			workflow: { state: { reference: 'ACCEPTED', key: 'accepted', name: 'Acceptée' } },
			// a ticket's (Tickets API)
			state: { reference: 'ACCEPTED', key: 'accepted', name: 'Acceptée' },
		},
	};
}

function fullOperation(): IDataObject {
	const report = fullReport();
	delete report.phase;
	return {
		...report,
		type: 'Operation',
		id: OPERATION_ID,
		_links: {
			self: { href: `/operations/${OPERATION_ID}` },
			report: { href: `/reports/${REPORT_ID}` },
			organization: { href: `/organizations/${ORGANIZATION_ID}` },
		},
	};
}

/** The paths a schema reads, found by walking it (records as `<path>.*`). */
function schemaPaths(schema: z.ZodType, prefix: string[] = []): string[] {
	const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
	const here = prefix.length ? [prefix.join('.')] : [];
	if (inner instanceof z.ZodObject) {
		return [...here, ...Object.entries(inner.shape).flatMap(([key, value]) => schemaPaths(value as z.ZodType, [...prefix, key]))];
	}
	if (inner instanceof z.ZodRecord) return [...here, ...schemaPaths(inner.valueType as z.ZodType, [...prefix, '*'])];
	return here;
}

type Kind = 'text' | 'date' | 'state' | 'object' | 'links' | 'link';
/** What each path holds, written independently of the schemas; the first test keeps it in step with them. */
const KINDS: Record<string, Kind> = {
	state: 'state',
	createdAt: 'date',
	updatedAt: 'date',
	_links: 'links',
	'_links.*': 'link',
	_embedded: 'object',
	'_embedded.workflow': 'object',
	'_embedded.workflow.state': 'object',
	'_embedded.workflow.state.reference': 'text',
	'_embedded.workflow.state.key': 'text',
	'_embedded.workflow.state.name': 'text',
	// a ticket's state (Tickets API)
	'_embedded.state': 'object',
	'_embedded.state.reference': 'text',
	'_embedded.state.key': 'text',
	'_embedded.state.name': 'text',
	phase: 'object',
	'phase.reference': 'text',
	'phase.key': 'text',
	'phase.name': 'text',
};

const REPLACEMENTS: Array<[string, unknown]> = [
	['null', null],
	['a number', 42],
	['a string', 'not what was expected'],
	['an object', { unexpected: true }],
	['an array', [1, 'two']],
	['a missing key', undefined],
];

/** Which replacements are still a value of the kind (no warning then). */
function fits(kind: Kind, value: unknown): boolean {
	if (value === undefined) return true; // every field read is optional
	switch (kind) {
		case 'text':
			return typeof value === 'string';
		case 'date':
			return false; // none of the replacements is a date-time
		case 'state':
			return typeof value === 'string';
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'links':
			return false; // the object replacement holds a value that is not a link
		case 'link':
			return typeof value === 'string';
	}
}

function withValue(payload: IDataObject, path: string[], value: unknown): IDataObject {
	const copy: IDataObject = JSON.parse(JSON.stringify(payload));
	let node: IDataObject = copy;
	for (const key of path.slice(0, -1)) node = node[key] as IDataObject;
	const last = path[path.length - 1];
	if (value === undefined) delete node[last];
	else node[last] = value as IDataObject[string];
	return copy;
}

const RESOURCES = [
	{ event: 'report_created', schema: reportSchema, build: fullReport, rels: ['self', 'organization', 'images'] },
	{ event: 'operation_state_changed', schema: operationSchema, build: fullOperation, rels: ['self', 'report', 'organization'] },
];

describe('the paths the schemas read', () => {
	it.each(RESOURCES.map((r) => [r.event, r] as const))('%s: every one has a kind in this test', (_event, { schema }) => {
		for (const path of schemaPaths(schema)) expect(KINDS).toHaveProperty([path]);
	});
});

for (const resource of RESOURCES) {
	const paths = schemaPaths(resource.schema).flatMap((path) =>
		path.includes('*') ? resource.rels.map((rel) => ({ path: path.replace('*', rel), kind: KINDS[path] })) : [{ path, kind: KINDS[path] }],
	);
	const cases = paths.flatMap(({ path, kind }) => REPLACEMENTS.map(([label, value]) => [path, label, kind, value] as const));

	describe(`${resource.event}: any value at any path read → 200`, () => {
		it.each(cases)('%s replaced by %s', async (path, _label, kind, value) => {
			const payload = withValue(resource.build(), path.split('.'), value);
			const sent = JSON.stringify(payload);
			const run = await runWebhook({ body: notification(resource.event, payload) });
			const item = acceptedItem(run.result);
			expect(run.response.statusCalls).toBe(0);
			// identity is untouched; payload is the very object sent, unchanged
			expect(item).toMatchObject({ event: resource.event, id: payload.id });
			expect(item.payload).toBe(payload);
			expect(JSON.stringify(item.payload)).toBe(sent);
			const warnings = item.warnings as string[];
			if (fits(kind, value)) {
				expect(warnings).toEqual([]);
			} else {
				// one warning, naming the path (or the link / object that holds it)
				expect(warnings).toHaveLength(1);
				const named = warnings[0].split(':')[0];
				const at = `payload.${path}`;
				expect(at.startsWith(named) || named.startsWith(`${at}.`)).toBe(true);
				expect(named.length).toBeGreaterThan('payload'.length);
			}
			// what the warning is about is not output
			if (!fits(kind, value)) {
				if (path === 'createdAt' || path === 'updatedAt') expect(item[path]).toBeNull();
				if (path.startsWith('_links.')) expect(item.links).not.toHaveProperty([path.split('.')[1]]);
				if (path === '_links') expect(item.links).toEqual({});
				if (path === '_links.organization' || path === '_links') expect(item.organizationId).toBeNull();
			}
		});
	});
}

describe('normalized values after a warning', () => {
	it('a state array of non-strings: the workflow state is used instead, with a warning', async () => {
		const payload = { ...fullReport(), state: [1, 2] };
		const item = acceptedItem((await runWebhook({ body: notification('report_created', payload) })).result);
		expect(item.state).toBe('ACCEPTED');
		expect(item.warnings).toEqual(['payload.state: not a string or an array of strings']);
	});

	it('nothing readable about the state: state and label are null', async () => {
		const payload = { ...fullReport(), state: null, phase: 'x', _embedded: { workflow: { state: 3 } } };
		const item = acceptedItem((await runWebhook({ body: notification('report_created', payload) })).result);
		expect(item).toMatchObject({ state: null, stateLabel: null });
		expect(item.warnings).toHaveLength(3);
	});

	it('an unparsable date: null, and the warning docs/keyclic-trigger.md shows', async () => {
		const payload = { ...fullReport(), createdAt: 'yesterday', updatedAt: '2024-13-45T99:99:99Z' };
		const item = acceptedItem((await runWebhook({ body: notification('report_created', payload) })).result);
		expect(item).toMatchObject({ createdAt: null, updatedAt: null });
		expect(item.warnings).toEqual(['payload.createdAt: not an ISO 8601 date-time', 'payload.updatedAt: not an ISO 8601 date-time']);
		expect(item.eventKey).toBe(`report_created:${REPORT_ID}:ACCEPTED:`);
	});

	it('a link list with one bad element: that rel is left out, the others kept', async () => {
		const payload = { ...fullReport(), _links: { self: { href: '/r' }, images: [{ href: '/a' }, { nohref: true }], organization: null } };
		const item = acceptedItem((await runWebhook({ body: notification('report_created', payload) })).result);
		expect(item.links).toEqual({ self: '/r' });
		expect(item.organizationId).toBeNull();
		expect((item.warnings as string[]).map((w) => w.split(':')[0]).sort()).toEqual([
			'payload._links.images',
			'payload._links.organization',
		]);
	});

	it('fields nobody reads are not checked (stateTransitions, unknown fields)', async () => {
		const payload = { ...fullReport(), _embedded: { ...(fullReport()._embedded as IDataObject), stateTransitions: 3 }, whatever: null };
		const item = acceptedItem((await runWebhook({ body: notification('report_created', payload) })).result);
		expect(item.warnings).toEqual([]);
	});

	it('a clean payload has no warnings, and the Raw Envelope output is unchanged', async () => {
		const body = notification('report_created', { ...fullReport(), createdAt: 5 });
		const clean = acceptedItem((await runWebhook({ body: notification('report_created', fullReport()) })).result);
		expect(clean.warnings).toEqual([]);
		const raw = acceptedItem((await runWebhook({ body, params: { options: { outputRaw: true } } })).result);
		expect(raw).toBe(body);
	});
});
