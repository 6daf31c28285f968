export type BinaryMode = 'default' | 'filesystem';

export type BinaryStore = { folder: string; files: () => string[]; cleanUp: () => void };

/** Installs n8n-core's BinaryDataService in `mode` (see binaryData.js). */
export declare function useBinaryDataMode(mode: BinaryMode): Promise<BinaryStore>;
