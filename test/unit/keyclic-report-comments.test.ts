// Report → Add Comment / Get Comments: through the feedback the report comes from (its _links.feedback,
// GET|POST /feedbacks/{feedback}/comments), in n8n-core's real ExecuteContext against the in-process emulator.
import { NodeOperationError } from 'n8n-workflow';

import { errorAgainst, runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';

describe.each(['legacy', '2025'])('Report comments through its feedback (%s era)', (payloadEra) => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra });
	});
	afterAll(async () => await emu.close());

	it('Add Comment posts on the feedback; Get Comments lists them newest first, paged until a short page', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Commentaires du signalement' });
		const feedback = /\/feedbacks\/([^/]+)/.exec(String((report._links as { feedback: { href: string } }).feedback.href))?.[1];
		const first = await runAgainst(emu, {
			resource: 'report',
			operation: 'addComment',
			reportId: report.id,
			text: '  Merci, nous passons lundi  ',
		});
		expect(first.sent.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /reports/${report.id}`, `POST /feedbacks/${feedback}/comments`]);
		expect(first.sent[1].body).toEqual({ text: 'Merci, nous passons lundi' });
		expect(first.output[0].json).toMatchObject({
			reportId: report.id,
			feedbackId: feedback,
			text: 'Merci, nous passons lundi',
			feedback: { type: 'Feedback' },
		});
		for (let i = 2; i <= 3; i++)
			await runAgainst(emu, { resource: 'report', operation: 'addComment', reportId: report.id, text: `Message ${i}` });

		const all = await runAgainst(emu, { resource: 'report', operation: 'getComments', reportId: report.id, returnAll: false, limit: 2 });
		expect(all.sent.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /reports/${report.id}`, `GET /feedbacks/${feedback}/comments`]);
		expect(all.sent[1].query).toEqual({ page: '1', limit: '2' });
		expect(all.output.map((item) => item.json.message)).toEqual(['Message 3', 'Message 2']);
		const everything = await runAgainst(emu, { resource: 'report', operation: 'getComments', reportId: report.id, returnAll: true });
		expect(everything.output.map((item) => item.json.message)).toEqual(['Message 3', 'Message 2', 'Merci, nous passons lundi']);
	});

	it('an empty comment is refused before any call', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Vide' });
		const error = await errorAgainst(emu, { resource: 'report', operation: 'addComment', reportId: report.id, text: '   ' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The "Comment" parameter is empty');
	});
});
