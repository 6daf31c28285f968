import type { IDataObject } from 'n8n-workflow';

export type RecordingServer = { url: string; received: Array<{ path: string; headers: IDataObject }>; close: () => Promise<void> };

/** A local server that records what it received (see recordingServer.js). */
export declare function startRecordingServer(file: { body: Buffer; contentType: string }): Promise<RecordingServer>;
