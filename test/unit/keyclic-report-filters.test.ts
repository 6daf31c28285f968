// Report → Get Many's filters of the 2021 and 2025 lists (states[], priority, archived, has documents,
// due and scheduled bounds, phase, member), in n8n-core's real ExecuteContext against the in-process emulator.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { errorAgainst, runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';

const list = (filters: IDataObject) => ({
	resource: 'report',
	operation: 'getAll',
	organization: { __rl: true, mode: 'id', value: '2cfb5108-682f-4648-85a1-0f15dbca0780' },
	returnAll: true,
	filters,
});

describe.each(['legacy', '2025'])('Report → Get Many filters (%s era)', (payloadEra) => {
	let emu: Emulator;
	const ids: Record<string, string> = {};
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra });
		const org = emu.seed.organizations[0].id;
		const make = (name: string, body: IDataObject) => {
			ids[name] = emu.createReport({ organization: org, description: name, ...body }).id;
		};
		make('urgent-due-may', { priority: 1, dueBy: '2025-05-10T00:00:00Z', scheduledAt: '2025-05-02T08:00:00Z' });
		make('normal-due-june', { priority: 2, dueBy: '2025-06-10T00:00:00Z' });
		make('low', { priority: 3 });
		emu.transitionReport(ids.low, 'accept');
		const response = await fetch(`${emu.url}/reports/${ids['normal-due-june']}`, {
			method: 'PATCH',
			headers: emu.authHeaders(),
			body: JSON.stringify({ archived: true }),
		});
		expect(response.status).toBe(200);
	});
	afterAll(async () => await emu.close());

	const descriptions = (output: Array<{ json: IDataObject }>) => output.map((item) => item.json.description).sort();

	it('States: several state codes, sent as states[]', async () => {
		const { output, sent } = await runAgainst(emu, list({ states: 'NEW, ACCEPTED' }));
		expect(sent[0].search.filter(([key]) => key === 'states[]')).toEqual([
			['states[]', 'NEW'],
			['states[]', 'ACCEPTED'],
		]);
		expect(descriptions(output)).toEqual(['low', 'normal-due-june', 'urgent-due-may']);
		const accepted = await runAgainst(emu, list({ states: 'ACCEPTED' }));
		expect(descriptions(accepted.output)).toEqual(['low']);
	});

	it('Priority, Archived, Has Documents', async () => {
		const urgent = await runAgainst(emu, list({ priority: '1' }));
		expect(urgent.sent[0].query.priority).toBe('1');
		expect(descriptions(urgent.output)).toEqual(['urgent-due-may']);
		const archived = await runAgainst(emu, list({ archived: true }));
		expect(archived.sent[0].query.archived).toBe('true');
		expect(descriptions(archived.output)).toEqual(['normal-due-june']);
		const notArchived = await runAgainst(emu, list({ archived: false }));
		expect(descriptions(notArchived.output)).toEqual(['low', 'urgent-due-may']);
		const documents = await runAgainst(emu, list({ hasDocuments: true }));
		expect(documents.sent[0].query.has_documents).toBe('true');
		expect(documents.output).toEqual([]);
	});

	it('Due and Scheduled bounds, as ISO 8601 under their Keyclic names', async () => {
		const due = await runAgainst(emu, list({ afterDueBy: '2025-05-01T00:00:00Z', beforeDueBy: '2025-06-01T00:00:00Z' }));
		expect(due.sent[0].query).toMatchObject({ afterDueBy: '2025-05-01T00:00:00.000Z', beforeDueBy: '2025-06-01T00:00:00.000Z' });
		expect(descriptions(due.output)).toEqual(['urgent-due-may']);
		const scheduled = await runAgainst(emu, list({ scheduledAfter: '2025-05-01T00:00:00Z', scheduledBefore: '2025-05-03T00:00:00Z' }));
		expect(scheduled.sent[0].query).toMatchObject({
			scheduled_at_after: '2025-05-01T00:00:00.000Z',
			scheduled_at_before: '2025-05-03T00:00:00.000Z',
		});
		expect(descriptions(scheduled.output)).toEqual(['urgent-due-may']);
	});

	it('Phase and Member are sent as given', async () => {
		const member = emu.seed.technician.membershipId;
		const { sent } = await runAgainst(emu, list({ phase: 'NEW', member }));
		expect(sent[0].query).toMatchObject({ phase: 'NEW', member });
	});

	it('a bound that is not a date is refused before any call, naming the filter', async () => {
		const error = await errorAgainst(emu, list({ afterDueBy: 'soon' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The "Due After" parameter is not a date: "soon"');
	});
});
