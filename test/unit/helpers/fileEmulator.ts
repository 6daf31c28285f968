// The in-process Keyclic emulator (test/keyclic-emulator, plain JavaScript) as the photo tests use it:
// the part of its module API they need, typed.
import type { IDataObject } from 'n8n-workflow';

export type StoredFile = { id: string; name: string; contentType: string; size: number; sha256: string; href: string; bytes: Buffer };
export type RecordedRequest = { method: string; path: string; headers: IDataObject };

export interface Emulator {
	url: string;
	seed: { appKey: string; organizations: Array<{ id: string }> };
	events: NodeJS.EventEmitter;
	fileHost: { url: string; requests: RecordedRequest[] };
	fileRequests: RecordedRequest[];
	createReport(body: IDataObject): IDataObject & { id: string };
	createOperation(body: IDataObject): IDataObject & { id: string };
	addPhoto(kind: 'report' | 'operation', id: string, file: { name: string; contentType: string; bytes: Buffer; href?: string }): StoredFile;
	photos(kind: 'report' | 'operation', id: string): StoredFile[];
	documents(kind: 'report' | 'operation', id: string): StoredFile[];
	reset(): Promise<void>;
	close(): Promise<void>;
}

type EmulatorModule = { createEmulator(options: IDataObject): Promise<Emulator> };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const emulatorModule: EmulatorModule = require('../../keyclic-emulator');

/** An emulator on a free port (127.0.0.1) with these options (see test/keyclic-emulator/README.md). */
export async function startEmulator(options: IDataObject = {}): Promise<Emulator> {
	return await emulatorModule.createEmulator({ port: 0, ...options });
}
