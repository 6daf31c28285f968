// The Keyclic Polling Trigger in n8n-core's real PollContext against the emulator, on an API without /tickets (the
// legacy era: the reports and operations lists): what each poll emits, the items against the Keyclic Trigger's for the
// same change, the cursor under faults, manual runs, static data. The Tickets API path (2025 era): polling-tickets.test.ts.
import type { IDataObject } from 'n8n-workflow';

import { MAX_TRACKED, readState, writeState } from '../../nodes/KeyclicPollingTrigger/poll/state';
import type { Tracked } from '../../nodes/KeyclicPollingTrigger/poll/state';
import { startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { byEvent, pollingTrigger, webhookItems } from './helpers/pollTrigger';

const trigger = pollingTrigger;

describe.each(['legacy'] as const)('Keyclic Polling Trigger, %s era', (payloadEra) => {
	let emu: Emulator;
	let org: string;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra });
		org = emu.seed.organizations[0].id;
	});
	afterAll(async () => await emu.close());
	beforeEach(async () => await emu.reset());

	it('first poll records where it starts and emits nothing; then each change once, with the Keyclic Trigger eventKey', async () => {
		const old = emu.createReport({ organization: org, description: 'Before activation' });
		const { run, staticData } = trigger(emu);
		expect((await run()).result).toBeNull();
		expect(readState(staticData, org)?.tracked.has(old.id)).toBe(true);

		const webhook = webhookItems(emu);
		const reports = [1, 2, 3].map((n) => emu.createReport({ organization: org, description: `Leak ${n}` }));
		const created = await run();
		expect(byEvent(created.items)).toEqual(reports.map((r) => `report_created ${r.id}`).sort());
		expect(created.items.every((item) => item.source === 'poll' && item.confirmed === true)).toBe(true);

		emu.transitionReport(reports[0].id, 'accept');
		emu.transitionReport(reports[1].id, 'accept');
		const changed = await run();
		expect(byEvent(changed.items)).toEqual([reports[0].id, reports[1].id].map((id) => `report_state_changed ${id}`).sort());
		expect(changed.items.map((item) => item.previousState)).toEqual(['NEW', 'NEW']);

		const operation = emu.createOperation({ report: reports[0].id, name: 'Fix it' });
		expect(byEvent((await run()).items)).toEqual([`operation_created ${operation.id}`]);
		emu.deleteOperation(operation.id);
		const removed = await run();
		expect(byEvent(removed.items)).toEqual([`operation_removed ${operation.id}`]);
		expect(removed.items[0].previousState).toBe('NEW');

		expect((await run()).result).toBeNull();
		const polled = [...created.items, ...changed.items, ...removed.items].map((item) => item.eventKey).sort();
		const fromWebhook = webhook.filter((item) => item.event !== 'operation_created').map((item) => item.eventKey);
		expect(polled).toEqual(fromWebhook.sort());
		// the same normalized fields, whichever trigger (apart from where it came from and when)
		const ORIGIN = ['receivedAt', 'source', 'previousState', 'confirmed', 'payload'];
		const strip = (item: IDataObject) => Object.fromEntries(Object.entries(item).filter(([key]) => !ORIGIN.includes(key)));
		expect(strip(created.items.find((i) => i.id === reports[2].id)!)).toEqual(strip(webhook.find((i) => i.id === reports[2].id)!));
	});

	it('a quiet poll makes one call per type listed; the cursor is Keyclic createdAt', async () => {
		const { run } = trigger(emu, { events: ['report_created'] });
		emu.createReport({ organization: org, description: 'x' });
		await run();
		const quiet = await run();
		expect(quiet.result).toBeNull();
		expect(quiet.sent.map((s) => `${s.method} ${s.path}`)).toEqual([`GET /organizations/${org}/reports`]);
		expect(quiet.sent[0].query).toMatchObject({ order: 'asc', limit: '100' });
	});

	it('Keyclic failing (500, no answer): the poll fails, nothing moves, the next one emits everything once', async () => {
		const { run, staticData } = trigger(emu);
		await run();
		const before = JSON.stringify(staticData);
		const report = emu.createReport({ organization: org, description: 'During the outage' });
		await emu.setFault({ status500: true });
		await expect(run()).rejects.toMatchObject({ httpCode: '500', message: expect.stringMatching(/^Could not list the reports/) });
		await emu.setFault({ reset: true, down: true });
		await expect(run()).rejects.toThrow(/could not be reached/);
		expect(JSON.stringify(staticData)).toBe(before);
		await emu.setFault({ reset: true });
		expect(byEvent((await run()).items)).toEqual([`report_created ${report.id}`]);
		expect((await run()).result).toBeNull();
	});

	it('429 with Retry-After within the Retry Limit is waited for and the poll succeeds', async () => {
		const { run } = trigger(emu, { events: ['report_created'] });
		await run();
		const report = emu.createReport({ organization: org, description: 'x' });
		await emu.setFault({ errorStatus: { status: 429, retryAfter: 1, paths: '/organizations', times: 1 } });
		const polled = await run();
		expect(byEvent(polled.items)).toEqual([`report_created ${report.id}`]);
		expect(polled.sent).toHaveLength(2);
	});

	it('a manual run returns the latest change and moves nothing', async () => {
		const { run, staticData } = trigger(emu);
		await run();
		const before = JSON.stringify(staticData);
		emu.createReport({ organization: org, description: 'first' });
		const latest = emu.createReport({ organization: org, description: 'latest' });
		const manual = await run('manual');
		expect(manual.items).toHaveLength(1);
		expect(manual.items[0]).toMatchObject({ event: 'report_created', id: latest.id, source: 'poll' });
		expect(JSON.stringify(staticData)).toBe(before);
		expect((await run()).items).toHaveLength(2);
	});

	it('"Emit the Last (Hours)" emits the recent creations on the first poll', async () => {
		const report = emu.createReport({ organization: org, description: 'recent' });
		const { run } = trigger(emu, { options: { emitLastHours: 1 } });
		expect(byEvent((await run()).items)).toEqual([`report_created ${report.id}`]);
		expect((await run()).result).toBeNull();
	});

	it('more than a page of changes: every one once (paging by moving the lower bound)', async () => {
		const { run } = trigger(emu, { events: ['report_created', 'report_state_changed'] });
		await run();
		const reports = Array.from({ length: 230 }, (_, n) => emu.createReport({ organization: org, description: `r${n}` }));
		const polled = await run();
		expect(polled.items).toHaveLength(230);
		expect(new Set(polled.items.map((i) => i.id)).size).toBe(230);
		for (const report of reports.slice(0, 120)) emu.transitionReport(report.id, 'accept');
		const changed = await run();
		expect(changed.items.filter((i) => i.event === 'report_state_changed')).toHaveLength(120);
		expect(changed.items).toHaveLength(120);
	});
});

describe('Keyclic Polling Trigger static data', () => {
	it(`keeps at most ${MAX_TRACKED} resources, the newest, in under 1 MB`, () => {
		const tracked = new Map<string, Tracked>();
		for (let n = 0; n <= MAX_TRACKED; n++) {
			const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
			tracked.set(id, { type: 'operation', state: 'IN_PROGRESS', createdAt: 1_700_000_000 + n, updatedAt: '2025-05-01T08:00:00+02:00' });
		}
		const staticData: IDataObject = {};
		writeState(staticData, { organization: 'o', cursor: { operation: 1_700_000_000 + MAX_TRACKED }, tracked });
		expect(JSON.stringify(staticData).length).toBeLessThan(1_000_000);
		const read = readState(staticData, 'o');
		expect(read?.tracked.size).toBe(MAX_TRACKED);
		expect(read?.tracked.has('00000000-0000-4000-8000-000000000000')).toBe(false);
		expect(read?.tracked.get('00000000-0000-4000-8000-000000000001')).toEqual(tracked.get('00000000-0000-4000-8000-000000000001'));
		expect(readState(staticData, 'another organization')).toBeUndefined();
	});
});
