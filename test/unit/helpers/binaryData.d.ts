export type BinaryMode = 'default' | 'filesystem';

/** The part of n8n-core's BinaryDataService the tests watch (how the node reads a file: whole or as a stream). */
export type BinaryService = {
	getAsBuffer(binaryData: object): Promise<Buffer>;
	getAsStream(binaryDataId: string, chunkSize?: number): Promise<NodeJS.ReadableStream>;
};

export type BinaryStore = { service: BinaryService; folder: string; files: () => string[]; cleanUp: () => void };

/** Installs n8n-core's BinaryDataService in `mode` (see binaryData.js). */
export declare function useBinaryDataMode(mode: BinaryMode): Promise<BinaryStore>;
