'use strict';
// n8n versions every CI run proves the node against: the current 2.x and the last 1.x line.
const SUPPORTED = ['2.41.1', '1.123.81'];

/** Versions for this run: KEYCLIC_N8N_VERSIONS="2.41.1" narrows it (e.g. while developing). */
function versionsUnderTest() {
	const wanted = (process.env.KEYCLIC_N8N_VERSIONS || '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
	return wanted.length ? wanted : SUPPORTED;
}

/**
 * The one version of the suites that run a single n8n (load, browser): the newest supported one when it is under
 * test, else the first under test (KEYCLIC_N8N_VERSIONS=1.123.81 runs them on 1.x).
 */
function oneVersionUnderTest() {
	const versions = versionsUnderTest();
	return versions.includes(SUPPORTED[0]) ? SUPPORTED[0] : versions[0];
}

module.exports = { SUPPORTED, versionsUnderTest, oneVersionUnderTest, LATEST: SUPPORTED[0] };
