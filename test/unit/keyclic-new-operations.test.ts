// The Keyclic node's Report Create, Get Tracking and Operation Get Comments / Get Tracking, run in
// n8n-core's real ExecuteContext against the in-process Keyclic emulator (both payload eras).
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import { MAX_COMMENT_PAGES } from '../../nodes/Keyclic/actions/operation/getComments.operation';
import { errorAgainst, runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { executeContext } from './helpers/n8n';

const GEO = { latitude: 45.7797, longitude: 4.8286 };

async function get(emu: Emulator, path: string): Promise<{ status: number; body: IDataObject }> {
	const response = await fetch(`${emu.url}${path}`, { headers: emu.authHeaders() });
	return { status: response.status, body: (await response.json()) as IDataObject };
}

describe.each(['legacy', '2025'])('Keyclic node against the emulator (%s era)', (payloadEra) => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ payloadEra });
	});
	afterAll(async () => await emu.close());

	const place = () => emu.seed.places[0];
	const org = () => emu.seed.organizations[0].id;

	describe('Report → Create', () => {
		it('POSTs a FeedbackData to /feedbacks/issues, follows the feedback to its report and outputs the report', async () => {
			const { output, sent } = await runAgainst(emu, {
				resource: 'report',
				operation: 'create',
				place: place().id,
				description: '  Fuite au plafond du hall B  ',
				additionalFields: { ...GEO, visibility: 'VISIBILITY_PUBLIC' },
			});
			expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /feedbacks/issues', expect.stringMatching(/^GET \/reports\//)]);
			expect(sent[0].body).toEqual({
				place: place().id,
				visibility: 'VISIBILITY_PUBLIC',
				description: 'Fuite au plafond du hall B',
				geo: { point: GEO },
			});
			expect(output).toHaveLength(1);
			const report = output[0].json;
			expect(report).toMatchObject({ type: 'Report', description: 'Fuite au plafond du hall B' });
			expect(sent[1].path).toBe(`/reports/${String(report.id)}`);
			// the report is filed in the place's organization and knows its place
			const again = await get(emu, `/reports/${String(report.id)}`);
			expect(again.body).toMatchObject({ _links: { place: { href: `/places/${place().id}` } } });
			expect(output[0].pairedItem).toEqual({ item: 0 });
			const listed = await get(emu, `/organizations/${org()}/reports`);
			expect(JSON.stringify(listed.body)).toContain(String(report.id));
		});

		it('Simplify outputs the trigger fields of the new report', async () => {
			const { output } = await runAgainst(emu, {
				resource: 'report',
				operation: 'create',
				place: place().id,
				description: 'Ascenseur bloqué',
				additionalFields: GEO,
				simplify: true,
			});
			expect(output[0].json).toMatchObject({ resourceType: 'report', organizationId: org(), payload: { description: 'Ascenseur bloqué' } });
		});

		it('says clearly when Keyclic has not made the report yet, with the feedback', async () => {
			emu.holdFeedbackReports(true);
			try {
				const { output, sent } = await runAgainst(emu, {
					resource: 'report',
					operation: 'create',
					place: place().id,
					description: 'Porte de garage',
					additionalFields: GEO,
				});
				expect(sent).toHaveLength(1);
				expect(output[0].json).toMatchObject({
					reportCreated: false,
					reportId: null,
					feedbackId: expect.any(String),
					feedback: { type: 'Feedback' },
				});
				expect(String(output[0].json.message)).toMatch(/has not made a report from it yet/);
			} finally {
				emu.holdFeedbackReports(false);
			}
		});

		it('refuses a Place ID that is not a UUID before any call', async () => {
			const error = await errorAgainst(emu, { resource: 'report', operation: 'create', place: 'hall B' });
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe('The "Place" parameter is not a Keyclic ID: "hall B"');
		});

		it('a place Keyclic does not know: Keyclic’s field error, with the 400', async () => {
			const error = await errorAgainst(emu, {
				resource: 'report',
				operation: 'create',
				place: '00000000-0000-4000-8000-000000000000',
				additionalFields: GEO,
			});
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe('Could not create the report: Bad request - please check your parameters');
			expect(error.description).toMatch(/place/);
		});
	});

	describe('Get Tracking', () => {
		it('Report: GET /reports/{id}/tracking, the tracking with the report ID', async () => {
			const report = emu.createReport({ organization: org(), description: 'Tracking' });
			const { output, sent } = await runAgainst(emu, { resource: 'report', operation: 'getTracking', reportId: report.id });
			expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /reports/${report.id}/tracking`]);
			const expected = (await get(emu, `/reports/${report.id}/tracking`)).body;
			expect(output).toEqual([{ json: { reportId: report.id, ...expected }, pairedItem: { item: 0 } }]);
		});

		it('Operation: GET /operations/{id}/tracking', async () => {
			const report = emu.createReport({ organization: org(), description: 'Tracking op' });
			const operation = emu.createOperation({ report: report.id, name: 'Visite' });
			const { output } = await runAgainst(emu, { resource: 'operation', operation: 'getTracking', operationId: operation.id });
			const expected = (await get(emu, `/operations/${operation.id}/tracking`)).body;
			expect(output[0].json).toEqual({ operationId: operation.id, ...expected });
		});

		it('an unknown report: the 404 names the operation and the API versions that have it', async () => {
			const error = await errorAgainst(emu, {
				resource: 'report',
				operation: 'getTracking',
				reportId: '00000000-0000-4000-8000-000000000000',
			});
			expect(error.httpCode).toBe('404');
			expect(error.description).toMatch(
				/Report → Get Tracking \(GET \/reports\/\{report\}\/tracking\) exists in Keyclic API 1\.28 \(2018\) to 2\.75/,
			);
		});
	});

	describe('Operation → Get Comments', () => {
		let operationId: string;
		beforeAll(async () => {
			const report = emu.createReport({ organization: org(), description: 'Commentaires' });
			operationId = emu.createOperation({ report: report.id, name: 'Réparation' }).id;
			for (let i = 1; i <= 205; i++) emu.commentOperation(operationId, `Commentaire ${i}`);
		}, 60000);

		it('Return All pages with page/limit until a page has fewer results than asked for', async () => {
			const { output, sent } = await runAgainst(emu, { resource: 'operation', operation: 'getComments', operationId, returnAll: true });
			expect(sent.map((r) => r.query)).toEqual([
				{ page: '1', limit: '100' },
				{ page: '2', limit: '100' },
				{ page: '3', limit: '100' },
			]);
			expect(output).toHaveLength(205);
			// newest first, as Keyclic lists them
			expect(output[0].json).toMatchObject({ message: 'Commentaire 205' });
			expect(output[204].json).toMatchObject({ message: 'Commentaire 1' });
			expect(output.every((item) => item.pairedItem !== undefined)).toBe(true);
		});

		it('Limit asks for no more than it needs and stops', async () => {
			const { output, sent } = await runAgainst(emu, {
				resource: 'operation',
				operation: 'getComments',
				operationId,
				returnAll: false,
				limit: 3,
			});
			expect(sent.map((r) => r.query)).toEqual([{ page: '1', limit: '3' }]);
			expect(output.map((item) => item.json.message)).toEqual(['Commentaire 205', 'Commentaire 204', 'Commentaire 203']);
		});

		it('an operation without comments gives no item', async () => {
			const report = emu.createReport({ organization: org(), description: 'Sans commentaire' });
			const quiet = emu.createOperation({ report: report.id, name: 'Rien' }).id;
			const { output } = await runAgainst(emu, { resource: 'operation', operation: 'getComments', operationId: quiet, returnAll: true });
			expect(output).toEqual([]);
		});
	});
});

describe('Operation → Get Comments against a Keyclic that ignores "page"', () => {
	it('stops after the page cap with an error that says so', async () => {
		let calls = 0;
		const fullPage = { results: Array.from({ length: 100 }, (_, i) => ({ message: `c${i}` })), next: 'opaque' };
		const { context } = executeContext({
			nodeType: new Keyclic(),
			parameters: {
				resource: 'operation',
				operation: 'getComments',
				operationId: '3f2b4c6d-8e9f-4a1b-9c2d-3e4f5a6b7c8d',
				returnAll: true,
			},
			credentials: {
				keyclicApi: { baseUrl: 'https://keyclic.invalid', applicationKey: 'com.keyclic.app', language: 'en-US', accessToken: 't' },
			},
			items: [{ json: {} }],
			http: async () => {
				calls++;
				return structuredClone(fullPage);
			},
		});
		const error: unknown = await new Keyclic().execute.call(context).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			`Could not get the comments of the operation: Keyclic kept sending full pages after ${MAX_COMMENT_PAGES}`,
		);
		expect(calls).toBe(MAX_COMMENT_PAGES);
	});
});
