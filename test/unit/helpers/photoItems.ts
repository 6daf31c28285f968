// Input items carrying photos as n8n's own prepareBinaryData writes them (binary data mode 'default' installed once per
// file), for the tests of Report → Add Photo and Report → Create with photos.
import { createHash } from 'node:crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Keyclic } from '../../../nodes/Keyclic/Keyclic.node';
import { useBinaryDataMode } from './binaryData';
import type { Emulator } from './emulator';
import { executeContext } from './n8n';

export const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGOQqzghV3GCAUIBACOuBXkP+H/6AAAAAElFTkSuQmCC',
	'base64',
);
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export type PhotoFile = { bytes: Buffer; fileName: string; mimeType: string };
export const png = (fileName = 'leak.png'): PhotoFile => ({ bytes: PNG, fileName, mimeType: 'image/png' });
export const jpeg = (fileName = 'wall.jpg'): PhotoFile => ({ bytes: JPEG, fileName, mimeType: 'image/jpeg' });

/** n8n-core's binary store in its default (memory) mode for the test file. Registers the file's hooks. */
export function useMemoryBinaryData(): void {
	let cleanUp = () => {};
	beforeAll(async () => {
		cleanUp = (await useBinaryDataMode('default')).cleanUp;
	});
	afterAll(() => cleanUp());
}

/** An input item whose binary fields were written by n8n's own prepareBinaryData. */
export async function itemWithFiles(files: Record<string, PhotoFile>, json: IDataObject = {}): Promise<INodeExecutionData> {
	const { context } = executeContext({ nodeType: new Keyclic() });
	const binary: INodeExecutionData['binary'] = {};
	for (const [field, f] of Object.entries(files)) binary[field] = await context.helpers.prepareBinaryData(f.bytes, f.fileName, f.mimeType);
	return { json, binary };
}

/** The failure of `promise` (which must fail). */
export async function failure(
	promise: Promise<unknown>,
): Promise<Error & { description?: string; httpCode?: string; context?: IDataObject }> {
	const result: unknown = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(result).toBeInstanceOf(Error);
	return result as Error;
}

/** The API calls `emu` receives while `run` runs (the login left out). */
export async function callsDuring(emu: Emulator, run: () => Promise<unknown>): Promise<string[]> {
	const calls: string[] = [];
	const listener = (r: { method: string; path: string }) => calls.push(`${r.method} ${r.path}`);
	emu.events.on('request', listener);
	try {
		await run();
	} finally {
		emu.events.off('request', listener);
	}
	return calls.filter((c) => !c.includes('/security/login'));
}
