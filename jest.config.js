// Two projects: `unit` (TypeScript, hand-built n8n contexts, milliseconds) and `e2e` (a real n8n process).
const ignore = ['<rootDir>/.e2e/', '<rootDir>/node_modules/', '<rootDir>/dist/'];

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			testEnvironment: 'node',
			modulePathIgnorePatterns: ignore,
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
		},
		{
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
			testEnvironment: 'node',
			modulePathIgnorePatterns: ignore,
			slowTestThreshold: 120,
		},
	],
};
