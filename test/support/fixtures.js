'use strict';
// Notification bodies for tests: the shared Keyclic fixtures (../shared/keyclic/fixtures, read-only,
// both payload eras and both event spellings) and this project's own extra ones (test/fixtures).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** The shared fixtures folder: beside the clone (../shared) or named by KEYCLIC_SHARED_DIR. */
function sharedFixturesDir() {
	const candidates = [
		process.env.KEYCLIC_SHARED_DIR && path.join(process.env.KEYCLIC_SHARED_DIR, 'keyclic', 'fixtures'),
		path.join(ROOT, '..', 'shared', 'keyclic', 'fixtures'),
	].filter(Boolean);
	const found = candidates.find((dir) => fs.existsSync(dir));
	if (!found) throw new Error(`shared Keyclic fixtures not found (looked in ${candidates.join(', ')})`);
	return found;
}

function readJsonDir(dir) {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, body: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/** [{ file, body }] for every shared fixture. */
function sharedFixtures() {
	return readJsonDir(sharedFixturesDir());
}

/** [{ file, body }] for this project's own fixtures. */
function projectFixtures() {
	return readJsonDir(path.join(ROOT, 'test', 'fixtures'));
}

module.exports = { sharedFixtures, projectFixtures, sharedFixturesDir };
