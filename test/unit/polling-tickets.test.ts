// The Keyclic Polling Trigger on Keyclic's Tickets API (the 2025 era), in n8n-core's real PollContext against the
// emulator on a clock the tests move (dates are to the second: a stopped clock makes equal timestamps): the cursor on
// Keyclic's updatedAt, paging by the lower bound, equal timestamps on a page boundary, a ticket changed mid-scan, both
// readings of stateChangeTouchesUpdatedAt, the recheck (removals), first poll, manual run, faults, static data.
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { RECHECK_BATCH, RECHECK_EVERY_POLLS, SETTLE_POLLS } from '../../nodes/KeyclicPollingTrigger/poll/detectTickets';
import { LOOKBACK_SECONDS } from '../../nodes/KeyclicPollingTrigger/poll/detect';
import { MAX_TRACKED, readStored, writeState, writeTicketsState } from '../../nodes/KeyclicPollingTrigger/poll/state';
import type { Tracked } from '../../nodes/KeyclicPollingTrigger/poll/state';
import { startEmulator } from './helpers/emulator';
import type { Emulator, SentRequest } from './helpers/emulator';
import type { HttpHandler } from './helpers/n8n';
import { byEvent, pollingTrigger, webhookItems } from './helpers/pollTrigger';

const START = Date.parse('2025-05-01T08:00:00Z');
const ticketsCalls = (sent: SentRequest[]) => sent.filter((s) => s.path.startsWith('/tickets'));

/** Polls until the recheck ran (it runs on every RECHECK_EVERY_POLLS-th poll); the items of every poll. */
async function pollThroughRecheck(run: () => Promise<{ items: IDataObject[] }>): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for (let n = 0; n < RECHECK_EVERY_POLLS; n++) items.push(...(await run()).items);
	return items;
}

describe.each([true, false])('Keyclic Polling Trigger on /tickets, stateChangeTouchesUpdatedAt %s', (touches) => {
	let emu: Emulator;
	let org: string;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra: '2025', clock: () => START, stateChangeTouchesUpdatedAt: touches });
		org = emu.seed.organizations[0].id;
	});
	afterAll(async () => await emu.close());
	beforeEach(async () => await emu.reset());
	const tick = (seconds = 1) => emu.advanceClock(seconds * 1000);

	it('first poll emits nothing; then each change once, with the Keyclic Trigger eventKey and fields', async () => {
		const old = emu.createReport({ organization: org, description: 'Before activation' });
		const { run, staticData } = pollingTrigger(emu);
		tick();
		expect((await run()).result).toBeNull();
		const stored = readStored(staticData, org);
		expect(stored?.api).toBe('tickets');
		expect(stored?.state.tracked.get(old.id)).toMatchObject({ type: 'report', state: 'NEW' });

		const webhook = webhookItems(emu);
		tick();
		const reports = [1, 2, 3].map((n) => emu.createReport({ organization: org, description: `Leak ${n}` }));
		const created = await run();
		expect(byEvent(created.items)).toEqual(reports.map((r) => `report_created ${r.id}`).sort());
		expect(created.items.every((item) => item.source === 'poll' && item.confirmed === true && item.previousState === null)).toBe(true);

		tick();
		emu.transitionReport(reports[0].id, 'accept');
		emu.transitionReport(old.id, 'accept');
		const changed = touches ? await run() : { items: await pollThroughRecheck(run) };
		expect(byEvent(changed.items)).toEqual([reports[0].id, old.id].map((id) => `report_state_changed ${id}`).sort());
		expect(changed.items.map((item) => item.previousState)).toEqual(['NEW', 'NEW']);

		tick();
		const operation = emu.createOperation({ report: reports[1].id, name: 'Fix it' });
		const opCreated = await run();
		expect(byEvent(opCreated.items)).toEqual([`operation_created ${operation.id}`]);
		expect(opCreated.items[0]).toMatchObject({ resourceType: 'operation', reportId: reports[1].id, state: 'NEW' });
		tick();
		emu.deleteOperation(operation.id);
		const removed = await pollThroughRecheck(run);
		expect(byEvent(removed)).toEqual([`operation_removed ${operation.id}`]);
		expect(removed[0].previousState).toBe('NEW');
		expect((await run()).result).toBeNull();

		const polled = [...created.items, ...changed.items, ...opCreated.items, ...removed].map((item) => item.eventKey).sort();
		expect(polled).toEqual(webhook.map((item) => item.eventKey).sort());
		// the same normalized fields as the Keyclic Trigger's, but for where it came from and when, and the links and payload
		// (the Tickets API's serialization of the same report)
		const ORIGIN = ['receivedAt', 'source', 'previousState', 'confirmed', 'payload', 'links'];
		const strip = (item: IDataObject) => Object.fromEntries(Object.entries(item).filter(([key]) => !ORIGIN.includes(key)));
		for (const item of [...created.items, ...changed.items, ...opCreated.items]) {
			expect(strip(item)).toEqual(strip(webhook.find((w) => w.eventKey === item.eventKey)!));
		}
	});

	it('a quiet poll makes one call: GET /tickets from the cursor minus the look-back, on Keyclic updatedAt', async () => {
		const { run } = pollingTrigger(emu);
		emu.createReport({ organization: org, description: 'x' });
		const newest = new Date(Math.floor(emu.now() / 1000) * 1000);
		await run();
		emu.advanceClock(3600_000); // Keyclic's clock, not n8n's, sets the cursor
		const quiet = await run();
		expect(quiet.result).toBeNull();
		expect(quiet.sent.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /tickets']);
		expect(quiet.sent[0].query).toEqual({
			'updatedAt[after]': new Date(newest.getTime() - LOOKBACK_SECONDS * 1000).toISOString(),
			'order[updatedAt]': 'asc',
			limit: '50',
		});
		expect(quiet.sent[0].headers).toMatchObject({ 'X-Organization-Id': org });
		// once the cursor has not moved for SETTLE_POLLS polls, the window is not read again: from the cursor's second
		for (let n = 1; n < SETTLE_POLLS; n++) await run();
		expect((await run()).sent[0].query['updatedAt[after]']).toBe(newest.toISOString());
		tick();
		const report = emu.createReport({ organization: org, description: 'y' });
		expect(byEvent((await run()).items)).toEqual([`report_created ${report.id}`]);
		expect((await run()).sent[0].query['updatedAt[after]']).toBe(new Date(emu.now() - LOOKBACK_SECONDS * 1000).toISOString());
	});

	it('equal timestamps across page boundaries: every ticket once, none twice', async () => {
		const { run } = pollingTrigger(emu, { events: ['report_created', 'report_state_changed'] });
		await run();
		tick();
		const reports = Array.from({ length: 120 }, (_, n) => emu.createReport({ organization: org, description: `r${n}` }));
		const polled = await run();
		expect(polled.items).toHaveLength(120);
		expect(new Set(polled.items.map((i) => i.id)).size).toBe(120);
		// pages of one second go on by page number under the same bound
		const calls = ticketsCalls(polled.sent).map((s) => `${s.query['updatedAt[after]']} page ${s.query.page ?? '1'}`);
		const second = new Date(Math.floor(emu.now() / 1000) * 1000).toISOString();
		expect(calls.slice(1)).toEqual([`${second} page 2`, `${second} page 3`]);
		tick();
		for (const report of reports.slice(0, 70)) emu.transitionReport(report.id, 'accept');
		// within the look-back window, a state change is seen even when it did not move updatedAt
		const changed = await run();
		expect(changed.items.filter((i) => i.event === 'report_state_changed')).toHaveLength(70);
		expect(changed.items).toHaveLength(70);
		expect((await run()).result).toBeNull();
	});

	it('past the look-back, state changes are seen by the scan, or (updatedAt not moved) by the recheck, a batch at a time', async () => {
		const { run } = pollingTrigger(emu, { events: ['report_state_changed'] });
		const reports = Array.from({ length: RECHECK_BATCH + 20 }, (_, n) => emu.createReport({ organization: org, description: `r${n}` }));
		await run();
		tick(LOOKBACK_SECONDS + 60);
		emu.createReport({ organization: org, description: 'moves the cursor' });
		expect((await run()).result).toBeNull();
		tick(LOOKBACK_SECONDS + 60);
		for (const report of reports) emu.transitionReport(report.id, 'accept');
		if (touches) {
			expect((await run()).items).toHaveLength(reports.length);
			return;
		}
		const first = await pollThroughRecheck(run);
		expect(first).toHaveLength(RECHECK_BATCH);
		const second = await pollThroughRecheck(run);
		expect(byEvent([...first, ...second])).toEqual(reports.map((r) => `report_state_changed ${r.id}`).sort());
	});

	it('paging moves the lower bound to the last updatedAt read; a ticket changed mid-scan is read again, not skipped', async () => {
		const reports: Array<{ id: string }> = [];
		let pages = -Infinity; // the first poll's pages do not count
		const midScan =
			(next: HttpHandler): HttpHandler =>
			async (options: IHttpRequestOptions) => {
				const answer = await next(options);
				if (new URL(options.url).pathname === '/tickets' && ++pages === 1) {
					// between the first and second page of the scan: the first report read changes
					tick();
					emu.transitionReport(reports[0].id, 'accept');
				}
				return answer;
			};
		const { run } = pollingTrigger(emu, { events: ['report_created', 'report_state_changed'] }, { http: midScan });
		await run();
		for (let n = 0; n < 75; n++) {
			tick();
			reports.push(emu.createReport({ organization: org, description: `r${n}` }));
		}
		pages = 0;
		const polled = await run();
		expect(byEvent(polled.items.filter((i) => i.event === 'report_created'))).toEqual(reports.map((r) => `report_created ${r.id}`).sort());
		const bounds = ticketsCalls(polled.sent).map((s) => s.query['updatedAt[after]']);
		expect(new Set(bounds).size).toBe(bounds.length); // every page a new lower bound, no page number
		expect(ticketsCalls(polled.sent).every((s) => s.query.page === undefined)).toBe(true);
		const changes = polled.items.filter((i) => i.event === 'report_state_changed');
		if (touches) expect(byEvent(changes)).toEqual([`report_state_changed ${reports[0].id}`]);
		else {
			expect(changes).toEqual([]);
			expect(byEvent(await pollThroughRecheck(run))).toEqual([`report_state_changed ${reports[0].id}`]);
		}
		expect((await run()).result).toBeNull();
	});

	it('"Recheck Open Tickets Every" 1: a removed operation is seen at the next poll, for one call per open ticket', async () => {
		const { run } = pollingTrigger(emu, { options: { recheckEvery: 1 } });
		const report = emu.createReport({ organization: org, description: 'x' });
		const operation = emu.createOperation({ report: report.id, name: 'Fix it' });
		await run();
		tick(LOOKBACK_SECONDS + 60);
		emu.deleteOperation(operation.id);
		const polled = await run();
		expect(byEvent(polled.items)).toEqual([`operation_removed ${operation.id}`]);
		// the scan, then one GET per tracked open ticket the scan did not read (the report, unless its removed child moved it)
		const calls = polled.sent.map((s) => `${s.method} ${s.path}`);
		expect(calls[0]).toBe('GET /tickets');
		expect(calls.slice(1).sort()).toEqual(expect.arrayContaining([`GET /tickets/${operation.id}`]));
		expect(calls.slice(1).every((c) => [operation.id, report.id].some((id) => c === `GET /tickets/${id}`))).toBe(true);
	});

	it('"Emit the Last (Hours)" emits the creations of those hours before the newest change on the first poll', async () => {
		const older = emu.createReport({ organization: org, description: 'two hours before' });
		emu.advanceClock(2 * 3600_000);
		const recent = emu.createReport({ organization: org, description: 'recent' });
		const { run } = pollingTrigger(emu, { options: { emitLastHours: 1 } });
		expect(byEvent((await run()).items)).toEqual([`report_created ${recent.id}`]);
		expect(older.id).not.toBe(recent.id);
		expect((await run()).result).toBeNull();
	});

	it('a manual run returns the latest change and moves nothing', async () => {
		const { run, staticData } = pollingTrigger(emu);
		emu.createReport({ organization: org, description: 'first' });
		await run();
		const before = JSON.stringify(staticData);
		tick();
		const latest = emu.createReport({ organization: org, description: 'latest' });
		const manual = await run('manual');
		expect(manual.items).toHaveLength(1);
		expect(manual.items[0]).toMatchObject({ event: 'report_created', id: latest.id, source: 'poll' });
		expect(JSON.stringify(staticData)).toBe(before);
		expect(byEvent((await run()).items)).toEqual([`report_created ${latest.id}`]);
	});

	it('Keyclic failing (500, no answer, 429, a malformed page): the poll fails, nothing moves, the next one emits everything once', async () => {
		let malformed = false;
		const answer =
			(next: HttpHandler): HttpHandler =>
			async (options) => {
				const real = await next(options);
				return malformed ? { _embedded: { item: [{ id: 'x' }] }, _links: {} } : real;
			};
		const { run, staticData } = pollingTrigger(emu, {}, { http: answer });
		await run();
		const before = JSON.stringify(staticData);
		tick();
		const report = emu.createReport({ organization: org, description: 'During the outage' });
		await emu.setFault({ status500: true });
		await expect(run()).rejects.toMatchObject({ httpCode: '500', message: expect.stringMatching(/^Could not list the tickets/) });
		await emu.setFault({ reset: true, down: true });
		await expect(run()).rejects.toThrow(/could not be reached/);
		await emu.setFault({ reset: true, errorStatus: { status: 429, retryAfter: 60, paths: '/tickets' } });
		await expect(run()).rejects.toMatchObject({ httpCode: '429' });
		await emu.setFault({ reset: true });
		malformed = true;
		await expect(run()).rejects.toMatchObject({
			message: 'Could not poll Keyclic: unexpected answer from GET /tickets',
			description: expect.stringMatching(/ticket x has no readable createdAt or updatedAt\. Nothing was emitted/),
		});
		malformed = false;
		expect(JSON.stringify(staticData)).toBe(before);
		expect(byEvent((await run()).items)).toEqual([`report_created ${report.id}`]);
		expect((await run()).result).toBeNull();
	});

	it('429 with Retry-After within the Retry Limit is waited for and the poll succeeds', async () => {
		const { run } = pollingTrigger(emu, { events: ['report_created'] });
		await run();
		tick();
		const report = emu.createReport({ organization: org, description: 'x' });
		await emu.setFault({ errorStatus: { status: 429, retryAfter: 1, paths: '/tickets', times: 1 } });
		const polled = await run();
		expect(byEvent(polled.items)).toEqual([`report_created ${report.id}`]);
		expect(polled.sent).toHaveLength(2);
	});
});

describe('Keyclic Polling Trigger: which API, and its static data', () => {
	it('on an API without /tickets it looks once, then polls the lists; a lists state goes on with /tickets where it is', async () => {
		const legacy = await startEmulator({ clock: () => START });
		try {
			const { run, staticData } = pollingTrigger(legacy);
			const first = await run();
			expect(first.sent[0].path).toBe('/tickets');
			expect(readStored(staticData, legacy.seed.organizations[0].id)).toMatchObject({ api: 'lists', probed: true });
			expect((await run()).sent.some((s) => s.path === '/tickets')).toBe(false);
		} finally {
			await legacy.close();
		}
		const emu = await startEmulator({ payloadEra: '2025', clock: () => START });
		try {
			const org = emu.seed.organizations[0].id;
			const known = emu.createReport({ organization: org, description: 'tracked by the lists' });
			const { run, staticData } = pollingTrigger(emu);
			// a state written by the lists path before this version read /tickets (v1, no `api`)
			writeState(staticData, {
				organization: org,
				cursor: { report: Math.floor(START / 1000) },
				tracked: new Map<string, Tracked>([
					[known.id, { type: 'report', state: 'NEW', createdAt: Math.floor(START / 1000), updatedAt: new Date(START).toISOString() }],
				]),
			});
			delete (staticData.keyclicPoll as IDataObject).api;
			emu.advanceClock(60_000);
			emu.transitionReport(known.id, 'accept');
			const fresh = emu.createReport({ organization: org, description: 'new' });
			expect(byEvent((await run()).items)).toEqual([`report_created ${fresh.id}`, `report_state_changed ${known.id}`].sort());
			expect(readStored(staticData, org)?.api).toBe('tickets');
		} finally {
			await emu.close();
		}
	});

	it(`keeps at most ${MAX_TRACKED} tickets, the most recently changed, in under 1 MB`, () => {
		const tracked = new Map<string, Tracked>();
		for (let n = 0; n <= MAX_TRACKED; n++) {
			const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
			const updatedAt = new Date(START + n * 1000).toISOString().replace('.000Z', '+00:00');
			tracked.set(id, { type: n % 2 ? 'operation' : 'report', state: 'IN_PROGRESS', createdAt: 1_700_000_000, updatedAt });
		}
		const staticData: IDataObject = {};
		writeTicketsState(staticData, {
			organization: 'o',
			cursor: START / 1000 + MAX_TRACKED,
			tracked,
			polls: 3,
			recheckAfter: '',
			settled: 0,
		});
		expect(JSON.stringify(staticData).length).toBeLessThan(1_000_000);
		const read = readStored(staticData, 'o');
		expect(read?.api).toBe('tickets');
		expect(read?.state.tracked.size).toBe(MAX_TRACKED);
		expect(read?.state.tracked.has('00000000-0000-4000-8000-000000000000')).toBe(false);
		expect(read?.state.tracked.get('00000000-0000-4000-8000-000000000001')).toEqual(tracked.get('00000000-0000-4000-8000-000000000001'));
		expect(readStored(staticData, 'another organization')).toBeUndefined();
	});
});
