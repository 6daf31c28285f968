// The source layout CONTRIBUTING.md's Layout section promises: one file per operation (its parameters beside
// its execute), one folder per resource gathered by the router, and an action node that does not lean on the trigger.
import type { INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../nodes/Keyclic/actions/router';
import { repoFile, sourceFiles } from '../support/sources';

/** Every resource and operation of the router, as the editor names them: `Report → Get Many`. */
function routerOperations(): string[] {
	return resources.flatMap((resource) => {
		const selector = resource.description.find((property) => property.name === 'operation');
		return ((selector?.options ?? []) as INodePropertyOptions[]).map((option) => `${resource.option.name} → ${option.name}`);
	});
}

/** The rows of docs/keyclic-node.md's table of the operations (the one whose first columns are resource, operation). */
function docsOperationRows(): string[][] {
	const section = repoFile('docs/keyclic-node.md').split('\n## Operations\n')[1] ?? '';
	const table = section.slice(section.indexOf('| resource | operation |')).split('\n\n')[0];
	return table
		.split('\n')
		.slice(2)
		.map((line) =>
			line
				.replace(/^\|/, '')
				.replace(/\|$/, '')
				.split(' | ')
				.map((cell) => cell.trim()),
		);
}

/** Every `file imports path` line of the sources under `dir` whose imported path matches `forbidden`. */
function importsMatching(dir: string, forbidden: RegExp): string[] {
	return sourceFiles(dir).flatMap(({ file, text }) =>
		[...text.matchAll(/from '([^']+)'/g)]
			.map((m) => m[1])
			.filter((path) => forbidden.test(path))
			.map((path) => `${file} imports ${path}`),
	);
}

describe('source layout', () => {
	it('nothing under nodes/Keyclic imports from nodes/KeyclicTrigger (what both use is in nodes/common)', () => {
		expect(sourceFiles('nodes/Keyclic').length).toBeGreaterThan(10);
		expect(importsMatching('nodes/Keyclic', /KeyclicTrigger/)).toEqual([]);
	});

	it('nodes/common imports from neither node', () => {
		expect(sourceFiles('nodes/common').length).toBeGreaterThan(5);
		expect(importsMatching('nodes/common', /\/Keyclic(Trigger)?\//)).toEqual([]);
	});

	it('each resource folder has one <operation>.operation.ts per option of its Operation parameter', () => {
		for (const resource of resources) {
			const folder = `nodes/Keyclic/actions/${String(resource.option.value)}`;
			const files = sourceFiles(folder)
				.map(({ file }) => file.slice(folder.length + 1))
				.filter((name) => name.endsWith('.operation.ts'))
				.map((name) => name.replace(/\.operation\.ts$/, ''));
			const selector = resource.description.find((property) => property.name === 'operation');
			const values = ((selector?.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
			expect(files.sort()).toEqual([...values].sort());
			expect(Object.keys(resource.operations).sort()).toEqual([...values].sort());
		}
	});

	it("each operation's parameters show for its resource and operation only, and are all in the node", () => {
		for (const resource of resources) {
			for (const [name, operation] of Object.entries(resource.operations)) {
				expect(typeof ('executeItems' in operation ? operation.executeItems : operation.execute)).toBe('function');
				expect(operation.description.length).toBeGreaterThan(0);
				for (const property of operation.description) {
					expect(property.displayOptions?.show).toMatchObject({ resource: [resource.option.value], operation: [name] });
					expect(resource.description).toContain(property);
				}
			}
		}
	});

	it("docs/keyclic-node.md's operation table has one row per operation of the router, each with its API call and the versions that have it", () => {
		const rows = docsOperationRows();
		expect(rows.map(([resource, operation]) => `${resource} → ${operation}`).sort()).toEqual(routerOperations().sort());
		for (const [resource, operation, what, versions] of rows) {
			expect({ operation: `${resource} → ${operation}`, call: /`(GET|POST|PATCH|DELETE) \/[^`]+`/.test(what) }).toEqual({
				operation: `${resource} → ${operation}`,
				call: true,
			});
			expect({ operation: `${resource} → ${operation}`, versions }).toEqual({
				operation: `${resource} → ${operation}`,
				versions: expect.stringMatching(/^20(18|20|21|25)–20(21|25)\b/),
			});
		}
	});

	it("the README's Operations overview names every operation of each resource", () => {
		const overview = repoFile('README.md').split('\n### Keyclic node\n')[1]?.split('\n## ')[0] ?? '';
		const listed = [...overview.matchAll(/^- \*\*([^*]+)\*\*: (.+)$/gm)].flatMap(([, resource, operations]) =>
			operations.split(', ').map((operation) => `${resource} → ${operation.trim()}`),
		);
		expect(listed.sort()).toEqual(routerOperations().sort());
	});
});
