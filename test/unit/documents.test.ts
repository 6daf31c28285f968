// Document → Get Many / Get (with Download) / Delete in n8n-core's real ExecuteContext against the
// in-process emulator, files streamed into n8n's binary store (memory and filesystem modes).
import { createHash } from 'node:crypto';

import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import { useBinaryDataMode } from './helpers/binaryData';
import type { BinaryMode, BinaryStore } from './helpers/binaryData';
import { runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { executeContext } from './helpers/n8n';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function run(emu: Emulator, params: IDataObject, items: INodeExecutionData[] = [{ json: {} }]): Promise<INodeExecutionData[]> {
	// n8n logs in first (the credential has no token yet)
	return (await runAgainst(emu, { resource: 'document', ...params }, items, { credential: { accessToken: '' } })).output;
}

async function bytesOf(item: INodeExecutionData, field: string): Promise<Buffer> {
	const { context } = executeContext({ nodeType: new Keyclic(), items: [item] });
	return await context.helpers.getBinaryDataBuffer(0, field);
}

/** Posts a document through the emulator's own route (as Keyclic's app would). */
async function postDocument(emu: Emulator, kind: 'report' | 'operation', id: string, name: string): Promise<IDataObject & { id: string }> {
	const token = (await (
		await fetch(`${emu.url}/security/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-keyclic-app': emu.seed.appKey },
			body: JSON.stringify({ login: 'demo@keyclic.example', password: 'demo-password' }),
		})
	).json()) as { accessToken: string };
	const res = await fetch(`${emu.url}/${kind}s/${id}/documents`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-keyclic-app': emu.seed.appKey, authorization: `Bearer ${token.accessToken}` },
		body: JSON.stringify({
			container: kind,
			type: 'quote',
			file: { content: `data:application/pdf;base64,${PDF.toString('base64')}`, contentType: 'application/pdf', name },
			permission: { targetGroup: 'ROLE_ADMIN' },
		}),
	});
	expect(res.status).toBe(201);
	return (await res.json()) as IDataObject & { id: string };
}

describe.each<BinaryMode>(['default', 'filesystem'])('Document resource, binary data mode %s', (mode) => {
	let store: BinaryStore;
	let emu: Emulator;
	beforeAll(async () => {
		store = await useBinaryDataMode(mode);
		emu = await startEmulator({ payloadEra: '2025', errorFormat: 'problem' });
	});
	afterAll(async () => {
		await emu.close();
		store.cleanUp();
	});

	test('Get Many of a report, with Download: one item per document, the file as binary; without: JSON only', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Leak' });
		const first = await postDocument(emu, 'report', report.id, 'quote.pdf');
		const second = await postDocument(emu, 'report', report.id, 'invoice.pdf');
		const withFiles = await run(emu, {
			operation: 'getAll',
			documentParent: 'report',
			parentId: report.id,
			returnAll: true,
			download: true,
		});
		expect(withFiles.map((i) => i.json.id).sort()).toEqual([first.id, second.id].sort());
		for (const item of withFiles) {
			expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: (item.json.file as IDataObject).name });
			expect(sha(await bytesOf(item, 'data'))).toBe(sha(PDF));
		}
		const jsonOnly = await run(emu, { operation: 'getAll', documentParent: 'report', parentId: report.id, returnAll: false, limit: 1 });
		expect(jsonOnly).toHaveLength(1);
		expect(jsonOnly[0].binary).toBeUndefined();
		const requestsToHost = emu.fileHost.requests.length;
		expect(requestsToHost).toBeGreaterThanOrEqual(2);
		for (const request of emu.fileHost.requests) expect(request.headers.authorization).toBeUndefined();
	});

	test('Get of an operation document with Download into a named field; Delete removes it for good', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Leak' });
		const op = emu.createOperation({ report: report.id, name: 'Fix' });
		const doc = await postDocument(emu, 'operation', op.id, 'signed report.pdf');
		const [got] = await run(emu, { operation: 'get', documentId: doc.id, download: true, binaryPropertyName: 'pdf' });
		expect(got.json).toMatchObject({ id: doc.id, type: 'Document' });
		expect(got.binary?.pdf.fileName).toBe('signed report.pdf');
		expect(sha(await bytesOf(got, 'pdf'))).toBe(sha(PDF));
		const listed = await run(emu, { operation: 'getAll', documentParent: 'operation', parentId: op.id, returnAll: true });
		expect(listed.map((i) => i.json.id)).toEqual([doc.id]);
		expect(await run(emu, { operation: 'delete', documentId: doc.id })).toEqual([
			{ json: { id: doc.id, deleted: true }, pairedItem: { item: 0 } },
		]);
		const gone = await run(emu, { operation: 'get', documentId: doc.id }).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(gone).toBeInstanceOf(Error);
		expect((gone as Error).message).toBe('Could not get the document: The resource you are requesting could not be found');
	});

	test('Upload: the input binary file ends in Keyclic byte for byte, with its name, MIME type, type and target group', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Leak' });
		const { context } = executeContext({ nodeType: new Keyclic() });
		const item: INodeExecutionData = {
			json: {},
			binary: { data: await context.helpers.prepareBinaryData(PDF, 'cmms work order.pdf', 'application/pdf') },
		};
		const [out] = await run(
			emu,
			{ operation: 'upload', documentParent: 'report', parentId: report.id, documentFields: { type: 'invoice', targetGroup: 'tg-1' } },
			[item],
		);
		expect(out.json).toMatchObject({
			type: 'Document',
			file: { name: 'cmms work order.pdf', contentType: 'application/pdf' },
			permission: { targetGroup: 'tg-1' },
		});
		const [stored] = emu.documents('report', report.id);
		expect(stored).toMatchObject({ name: 'cmms work order.pdf', contentType: 'application/pdf', sha256: sha(PDF) });
		const gif = { json: {}, binary: { data: await context.helpers.prepareBinaryData(Buffer.from('GIF89a'), 'a.gif', 'image/gif') } };
		const refused = await run(emu, { operation: 'upload', documentParent: 'report', parentId: report.id }, [gif]).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect((refused as Error).message).toBe('Keyclic does not accept "image/gif" files as a document (binary field "data", item 0)');
		expect((refused as Error & { description: string }).description).toMatch(
			/^Keyclic accepts: text\/csv, .*application\/pdf, .*application\/zip\./,
		);
		expect(emu.documents('report', report.id)).toHaveLength(1);
	});

	test('bad input is refused before any call', async () => {
		const calls: string[] = [];
		const listener = (r: { path: string }) => calls.push(r.path);
		emu.events.on('request', listener);
		try {
			const badId = await run(emu, { operation: 'get', documentId: 'x' }).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect((badId as Error).message).toBe('The "Document ID" parameter is not a Keyclic ID: "x"');
			const noField = await run(emu, {
				operation: 'get',
				documentId: '00000000-0000-4000-8000-000000000003',
				download: true,
				binaryPropertyName: '',
			}).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect((noField as Error).message).toBe('The "Put Output File in Field" parameter is empty');
			expect(calls).toEqual([]);
		} finally {
			emu.events.off('request', listener);
		}
	});
});

describe('Document → Upload to a report on the 2020/2021 API (legacy era)', () => {
	let store: BinaryStore;
	let emu: Emulator;
	beforeAll(async () => {
		store = await useBinaryDataMode('default');
		emu = await startEmulator({ payloadEra: 'legacy' });
	});
	afterAll(async () => {
		await emu.close();
		store.cleanUp();
	});

	test('a JSON file passes the check before the call (the 2025 list); Keyclic answers 400, and the error says which APIs refuse the type', async () => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Leak' });
		const { context } = executeContext({ nodeType: new Keyclic() });
		const json = {
			json: {},
			binary: { data: await context.helpers.prepareBinaryData(Buffer.from('{"a":1}'), 'export.json', 'application/json') },
		};
		const refused = await run(emu, { operation: 'upload', documentParent: 'report', parentId: report.id }, [json]).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(refused).toBeInstanceOf(NodeApiError);
		expect((refused as NodeApiError).httpCode).toBe('400');
		expect((refused as NodeApiError).description).toMatch(
			/The file is "application\/json", which only the Keyclic API of 2025 takes: the APIs of 2020 and 2021 refuse it\. If yours is one of them, send the file as one of text\/csv, .*application\/zip/,
		);
		expect(emu.documents('report', report.id)).toHaveLength(0);

		const pdf = { json: {}, binary: { data: await context.helpers.prepareBinaryData(PDF, 'quote.pdf', 'application/pdf') } };
		const [out] = await run(emu, { operation: 'upload', documentParent: 'report', parentId: report.id }, [pdf]);
		expect(out.json).toMatchObject({ file: { name: 'quote.pdf', contentType: 'application/pdf' } });
		expect(emu.documents('report', report.id)).toHaveLength(1);
	});
});
