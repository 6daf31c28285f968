// Operation → Update with the fields of s25's TaskPatch (archived, category, completed, dueBy, priority,
// tags), in n8n-core's real ExecuteContext against the in-process emulator (2025 era).
import { runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';

describe('Operation → Update: TaskPatch fields (2025 era)', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra: '2025' });
	});
	afterAll(async () => await emu.close());

	it('PATCHes only the fields given, under their TaskPatch names, and outputs the operation', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'TaskPatch' });
		const operation = emu.createOperation({ report: report.id, name: 'Visite' });
		const urgent = (report.priority as { id: string }).id;
		const category = '4a6c8e0f-1b3d-4f5a-9c7e-0d2f4a6c8e0f';
		const { output, sent } = await runAgainst(emu, {
			resource: 'operation',
			operation: 'update',
			operationId: operation.id,
			updateFields: {
				archived: true,
				category,
				completed: true,
				dueBy: '2025-05-20T10:00:00Z',
				priority: urgent,
				tags: ' plomberie, , urgent ',
			},
		});
		expect(sent).toEqual([
			expect.objectContaining({
				method: 'PATCH',
				path: `/operations/${operation.id}`,
				body: {
					category,
					priority: urgent,
					archived: true,
					completed: true,
					dueBy: '2025-05-20T10:00:00.000Z',
					tags: ['plomberie', 'urgent'],
				},
			}),
		]);
		expect(output[0].json).toMatchObject({
			id: operation.id,
			archived: true,
			dueBy: '2025-05-20T10:00:00+00:00',
			tags: ['plomberie', 'urgent'],
			priority: { id: urgent },
		});
	});

	it('Archived off is sent as false (not left out)', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Unarchive' });
		const operation = emu.createOperation({ report: report.id, name: 'Visite' });
		const { sent, output } = await runAgainst(emu, {
			resource: 'operation',
			operation: 'update',
			operationId: operation.id,
			updateFields: { archived: false },
		});
		expect(sent[0].body).toEqual({ archived: false });
		expect(output[0].json).toMatchObject({ archived: false });
	});
});
