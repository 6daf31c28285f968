'use strict';
// Notification bodies for tests: the Keyclic webhook fixtures kept in this repository (examples/events,
// both payload eras and both event spellings; see its README). Nothing outside the clone is read.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES_DIR = path.join(ROOT, 'examples', 'events');
const EXPECTED_COUNT = 12;

/** [{ file, body }] for every Keyclic fixture, sorted by file name. Throws, never skips, if they are missing. */
function keyclicFixtures() {
	if (!fs.existsSync(FIXTURES_DIR)) throw new Error(`Keyclic fixtures folder ${FIXTURES_DIR} is missing: restore examples/events from git`);
	const files = fs
		.readdirSync(FIXTURES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
	if (files.length < EXPECTED_COUNT) {
		throw new Error(
			`expected ${EXPECTED_COUNT} Keyclic fixtures in ${FIXTURES_DIR}, found ${files.length}: restore examples/events from git`,
		);
	}
	return files.map((file) => ({ file, body: JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, file), 'utf8')) }));
}

module.exports = { keyclicFixtures, FIXTURES_DIR };
