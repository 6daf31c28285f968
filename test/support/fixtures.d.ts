// Types of the JS helper ./fixtures.js (file-system work stays in JS: the n8n lint rules forbid it in .ts files).
import type { IDataObject } from 'n8n-workflow';

/** A notification body as Keyclic POSTs it. */
export interface FixtureBody extends IDataObject {
	event: string;
	payload: IDataObject;
}

export interface Fixture {
	/** File name, e.g. `report_created.json`. */
	file: string;
	body: FixtureBody;
}

/** Every Keyclic fixture in examples/events (both payload eras, both spellings), sorted by file name. */
export function keyclicFixtures(): Fixture[];

/** Absolute path of examples/events. */
export const FIXTURES_DIR: string;
