// Types of ./examples.js (file-system work stays in JS: the n8n lint rules forbid it in .ts files).
import type { IDataObject } from 'n8n-workflow';

/** The `payload` of examples/events/<file>: a Report or an Operation as the Keyclic API serializes it. */
export function examplePayload(file: string): IDataObject;
