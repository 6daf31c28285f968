// Test projects. `unit` is TypeScript in n8n-core's real contexts (test/unit/helpers/n8n.ts); the others are
// plain JavaScript: `package` checks the packed tarball, `harness` the real-n8n installer's rules,
// `emulator` the local Keyclic API emulator,
// and `e2e`, `queue`, `load`, `ui`, `faults` run a REAL n8n (see test/harness). scripts/test-all.js runs them all.
// The unit and emulator projects hold every emulator answer to Keyclic's Swagger spec (test/keyclic-emulator/contract).
const CONTRACT = '<rootDir>/test/keyclic-emulator/contract/jest-setup.js';
const ignore = ['<rootDir>/.e2e/', '<rootDir>/node_modules/', '<rootDir>/dist/'];
const IN_PROCESS_TIMEOUT = '<rootDir>/test/in-process-timeout.js';

const js = (name, extra = {}) => ({
	displayName: name,
	testMatch: [`<rootDir>/test/${name}/**/*.test.js`],
	testEnvironment: 'node',
	modulePathIgnorePatterns: ignore,
	slowTestThreshold: 120,
	...extra,
});

module.exports = {
	// the order files start in: the real-n8n ones longest first, a queue stack and a single n8n in turn
	testSequencer: '<rootDir>/test/harness/sequencer.js',
	projects: [
		{
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			testEnvironment: 'node',
			modulePathIgnorePatterns: ignore,
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
			setupFilesAfterEnv: [IN_PROCESS_TIMEOUT, CONTRACT],
		},
		js('package'),
		js('harness'),
		js('emulator', { setupFilesAfterEnv: [IN_PROCESS_TIMEOUT, CONTRACT] }),
		js('e2e'),
		js('queue'),
		js('load'),
		js('ui'),
		js('faults'),
	],
};
