// Operation → Add Photo in n8n-core's real ExecuteContext against the in-process emulator: the call the API
// version has (known from the operation before sending), the file from an input binary field in memory and
// filesystem binary modes, and bad input refused before any call.
import { createHash } from 'node:crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import { MAX_UPLOAD_BYTES } from '../../nodes/Keyclic/helpers/upload';
import { useBinaryDataMode } from './helpers/binaryData';
import type { BinaryMode, BinaryStore } from './helpers/binaryData';
import { runAgainst, startEmulator } from './helpers/emulator';
import type { Emulator } from './helpers/emulator';
import { executeContext } from './helpers/n8n';
import { rejectionOf } from './helpers/bodies';
import type { NodeFailure } from './helpers/bodies';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGOQqzghV3GCAUIBACOuBXkP+H/6AAAAAElFTkSuQmCC', 'base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** An input item whose binary field was written by n8n's own prepareBinaryData (in the current binary mode). */
async function itemWithFile(field: string, bytes: Buffer, fileName: string, mimeType: string): Promise<INodeExecutionData> {
	const { context } = executeContext({ nodeType: new Keyclic() });
	return { json: {}, binary: { [field]: await context.helpers.prepareBinaryData(bytes, fileName, mimeType) } };
}

async function run(emu: Emulator, params: IDataObject, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// n8n logs in first (the credential has no token yet)
	return (await runAgainst(emu, { resource: 'operation', operation: 'addPhoto', ...params }, items, { credential: { accessToken: '' } }))
		.output;
}

function recordRequests(emu: Emulator): { calls: string[]; stop: () => void } {
	const calls: string[] = [];
	const listener = (r: { method: string; path: string }) => calls.push(`${r.method} ${r.path}`);
	emu.events.on('request', listener);
	return { calls, stop: () => emu.events.off('request', listener) };
}

describe.each<BinaryMode>(['default', 'filesystem'])('Operation → Add Photo, binary data mode %s', (mode) => {
	let store: BinaryStore;
	let legacy: Emulator;
	let modern: Emulator;
	beforeAll(async () => {
		store = await useBinaryDataMode(mode);
		legacy = await startEmulator();
		modern = await startEmulator({ payloadEra: '2025', errorFormat: 'problem' });
	});
	afterAll(async () => {
		await legacy.close();
		await modern.close();
		store.cleanUp();
	});

	const newOperation = (emu: Emulator) => {
		const report = emu.createReport({ organization: emu.seed.organizations[0].id, description: 'Leak' });
		return emu.createOperation({ report: report.id, name: 'Fix' });
	};

	test('s18–s21: reads the operation, then POST /operations/{id}/images {image: data URI}; outputs the operation', async () => {
		const op = newOperation(legacy);
		const requests = recordRequests(legacy);
		try {
			const output = await run(legacy, { operationId: op.id }, [await itemWithFile('data', PNG, 'after.png', 'image/png')]);
			expect(requests.calls.filter((c) => !c.includes('/security/login'))).toEqual([
				`GET /operations/${op.id}`,
				`POST /operations/${op.id}/images`,
			]);
			expect(output).toHaveLength(1);
			expect(output[0].json).toMatchObject({ type: 'Operation', id: op.id });
			expect((output[0].json._links as IDataObject).images).toHaveLength(1);
			const [photo] = legacy.photos('operation', op.id);
			expect(photo).toMatchObject({ contentType: 'image/png', sha256: sha(PNG) });
		} finally {
			requests.stop();
		}
	});

	test('s25: POST /operations/{id}/attachments {content, contentType, name} from a custom binary field', async () => {
		const op = newOperation(modern);
		const requests = recordRequests(modern);
		try {
			await run(modern, { operationId: op.id, binaryPropertyName: 'photo' }, [
				await itemWithFile('photo', PNG, 'after repair.png', 'image/png'),
			]);
			expect(requests.calls).toContain(`POST /operations/${op.id}/attachments`);
			expect(requests.calls.some((c) => c.includes('/images'))).toBe(false);
			expect(modern.photos('operation', op.id)[0]).toMatchObject({ name: 'after repair.png', contentType: 'image/png', sha256: sha(PNG) });
		} finally {
			requests.stop();
		}
	});

	test('bad input is refused before any call: missing binary field, MIME type Keyclic does not accept, file too large', async () => {
		const op = newOperation(legacy);
		const requests = recordRequests(legacy);
		try {
			const missing = await rejectionOf<NodeFailure>(run(legacy, { operationId: op.id, binaryPropertyName: 'photo' }, [{ json: {} }]));
			// n8n's own assertBinaryData wording: names the field and the item
			expect(missing.message).toBe(
				"This operation expects the node's input data to contain a binary file 'photo', but none was found [item 0]",
			);

			const pdf = await itemWithFile('data', Buffer.from('%PDF-1.4'), 'quote.pdf', 'application/pdf');
			const wrongType = await rejectionOf<NodeFailure>(
				run(legacy, { operationId: op.id }, [await itemWithFile('data', PNG, 'ok.png', 'image/png'), pdf]),
			);
			expect(wrongType.message).toBe('Keyclic does not accept "application/pdf" files as an operation photo (binary field "data", item 1)');
			expect(wrongType.description).toBe(
				'Keyclic accepts: image/jpeg, image/jpg, image/png. Convert the file first, or fix its MIME type.',
			);
			expect(wrongType.context?.itemIndex).toBe(1);

			const big = await itemWithFile('data', Buffer.alloc(MAX_UPLOAD_BYTES + 1, 1), 'big.png', 'image/png');
			const tooBig = await rejectionOf<NodeFailure>(run(legacy, { operationId: op.id }, [big]));
			expect(tooBig.message).toBe(`The file in binary field "data" (item 0) is too large: ${MAX_UPLOAD_BYTES + 1} bytes`);
			expect(tooBig.description).toMatch(/at most 67108864 bytes \(64 MiB\): Keyclic publishes no limit/);

			// item 0 of the wrong-type run was valid and went out; nothing else reached Keyclic
			expect(requests.calls.filter((c) => !c.includes('/security/login'))).toEqual([
				`GET /operations/${op.id}`,
				`POST /operations/${op.id}/images`,
			]);
		} finally {
			requests.stop();
		}
	});

	test("Keyclic's refusals come back through the error path: an unknown operation", async () => {
		const error = await rejectionOf<NodeFailure>(
			run(legacy, { operationId: '00000000-0000-4000-8000-000000000002' }, [await itemWithFile('data', PNG, 'a.png', 'image/png')]),
		);
		expect(error.message).toBe('Could not add the photo to the operation: The resource you are requesting could not be found');
	});
});
