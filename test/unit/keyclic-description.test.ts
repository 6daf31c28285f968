// The Keyclic node's description: what n8n (and an AI agent) reads of it.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import pkg from '../../package.json';
import codex from '../../nodes/Keyclic/Keyclic.node.json';

const { description } = new Keyclic();
const operationsOf = (resource: string): INodePropertyOptions[] => {
	const property = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
	return (property?.options ?? []) as INodePropertyOptions[];
};

describe('Keyclic node description', () => {
	it("every list search a parameter names is in the node's methods.listSearch, and only those are", () => {
		// the names in the description (resource locators' list modes, also inside collections)
		const named = new Set<string>();
		const visit = (value: unknown): void => {
			if (Array.isArray(value)) value.forEach(visit);
			else if (typeof value === 'object' && value !== null) {
				for (const [key, inner] of Object.entries(value)) {
					if (key === 'searchListMethod' && typeof inner === 'string') named.add(inner);
					else visit(inner);
				}
			}
		};
		visit(description.properties);
		const { listSearch } = new Keyclic().methods;
		expect(named.size).toBeGreaterThan(0);
		expect(Object.keys(listSearch).sort()).toEqual([...named].sort());
		for (const name of named) expect(typeof listSearch[name as keyof typeof listSearch]).toBe('function');
	});

	it('is the regular node "keyclic", usable as an AI tool, with the Keyclic API credential, registered in package.json', () => {
		expect(description).toMatchObject({ name: 'keyclic', displayName: 'Keyclic', usableAsTool: true, version: 1 });
		expect(description.credentials).toEqual([{ name: 'keyclicApi', required: true }]);
		expect(pkg.n8n.nodes).toContain('dist/nodes/Keyclic/Keyclic.node.js');
		expect(codex.node).toBe('n8n-nodes-keyclic.keyclic');
	});

	it('offers the operations of the issue table, each with an action sentence for agents', () => {
		const table: Record<string, string[]> = {
			report: ['addComment', 'addPhoto', 'changeState', 'create', 'get', 'getComments', 'getAll', 'getPhotos', 'getTracking', 'update'],
			operation: [
				'addComment',
				'addPhoto',
				'assign',
				'changeState',
				'create',
				'delete',
				'get',
				'getComments',
				'getAll',
				'getPhotos',
				'getTracking',
				'update',
			],
			organization: ['getAll'],
			place: ['get', 'getAll'],
			category: ['getAll'],
			member: ['getAll'],
			document: ['delete', 'get', 'getAll', 'upload'],
		};
		for (const [resource, operations] of Object.entries(table)) {
			const options = operationsOf(resource);
			expect(options.map((o) => o.value)).toEqual(operations);
			for (const option of options) expect(option.action).toMatch(/^[A-Z][a-z]+ /);
		}
	});

	it('Delete says plainly what it destroys', () => {
		const del = operationsOf('operation').find((o) => o.value === 'delete');
		expect(del?.description).toMatch(/Permanently delete/);
		expect(del?.description).toMatch(/cannot be undone/);
	});

	it('every parameter an agent may fill, and every field of a collection, has a description', () => {
		const missing: string[] = [];
		for (const property of description.properties) {
			if (['operation', 'resource'].includes(property.name)) continue;
			if (property.type === 'collection') {
				for (const field of (property.options ?? []) as INodeProperties[])
					if (!field.description) missing.push(`${property.name}.${field.name}`);
			} else if (!property.description) missing.push(property.name);
		}
		expect(missing).toEqual([]);
	});
});
