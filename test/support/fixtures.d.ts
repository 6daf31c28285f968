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

/** Every shared Keyclic fixture (../shared/keyclic/fixtures or $KEYCLIC_SHARED_DIR/keyclic/fixtures), sorted by file name. */
export function sharedFixtures(): Fixture[];

/** This project's own fixtures (test/fixtures). */
export function projectFixtures(): Fixture[];

/** Absolute path of the shared fixtures folder. */
export function sharedFixturesDir(): string;
