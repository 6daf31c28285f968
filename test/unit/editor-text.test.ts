// What a user sees of the nodes in n8n's editor, besides the parameters themselves: the codex (node
// creator), the documentation links, the subtitle, and the copy rules of n8n's UX guidelines.
import { Workflow } from 'n8n-workflow';
import type { ICredentialType, INodeProperties, INodePropertyOptions, INodeType, INodeTypes } from 'n8n-workflow';

import { KeyclicApi } from '../../credentials/KeyclicApi.credentials';
import { KeyclicWebhookSecretApi } from '../../credentials/KeyclicWebhookSecretApi.credentials';
import { Keyclic } from '../../nodes/Keyclic/Keyclic.node';
import keyclicCodex from '../../nodes/Keyclic/Keyclic.node.json';
import { resources } from '../../nodes/Keyclic/actions/router';
import { KeyclicTrigger } from '../../nodes/KeyclicTrigger/KeyclicTrigger.node';
import triggerCodex from '../../nodes/KeyclicTrigger/KeyclicTrigger.node.json';
import { anchorsOf } from '../support/markdown';
import { repoFile, sourceFiles } from '../support/sources';

const keyclic = new Keyclic();
const trigger = new KeyclicTrigger();
const nodes: Array<[INodeType, typeof keyclicCodex]> = [
	[keyclic, keyclicCodex],
	[trigger, triggerCodex],
];
const credentials: ICredentialType[] = [new KeyclicApi(), new KeyclicWebhookSecretApi()];
/** Where the docs are published: a link is this, a file of the repository, and maybe `#<anchor>`. */
const DOCS = 'https://github.com/keyclic/n8n-nodes-keyclic/blob/main/';

/** The repository file a documentation link opens, and the anchor of its section ('' for the whole page). */
const target = (link: string): { file: string; anchor: string } => {
	const [file, anchor = ''] = link.slice(DOCS.length).split('#');
	return { file, anchor };
};

/** Every parameter, with the fields of its collections. */
const allProperties = (properties: INodeProperties[]): INodeProperties[] =>
	properties.flatMap((p) => [p, ...(p.type === 'collection' ? allProperties((p.options ?? []) as INodeProperties[]) : [])]);

describe('codex files', () => {
	it.each(nodes.map(([node, codex]) => [node.description.name, node, codex] as const))(
		'%s: node name, nodeVersion = the default version, categories as n8n gives its own app nodes',
		(name, node, codex) => {
			const { version, defaultVersion } = node.description;
			const current = defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
			expect(codex.node).toBe(`n8n-nodes-keyclic.${name}`);
			expect(codex.nodeVersion).toBe(current.toFixed(1));
			expect(codex.categories).toEqual(['Productivity']);
			expect(codex).not.toHaveProperty('subcategories');
		},
	);

	it('the trigger is at version 2 and its codex says 2.0', () => {
		expect(triggerCodex.nodeVersion).toBe('2.0');
	});

	it('search aliases are English (or the product name)', () => {
		for (const [, codex] of nodes) for (const alias of codex.alias) expect(['demande', 'gmao']).not.toContain(alias);
	});
});

describe('documentation links', () => {
	it('each node has an http documentationUrl (n8n opens it as is) that is its codex primary documentation', () => {
		for (const [node, codex] of nodes) {
			expect(node.description.documentationUrl).toMatch(/^https:\/\//);
			expect(codex.resources.primaryDocumentation.map((d) => d.url)).toEqual([node.description.documentationUrl]);
		}
	});

	it('each node opens its own page of docs/', () => {
		expect(target(String(keyclic.description.documentationUrl))).toEqual({ file: 'docs/keyclic-node.md', anchor: '' });
		expect(target(String(trigger.description.documentationUrl))).toEqual({ file: 'docs/keyclic-trigger.md', anchor: '' });
	});

	it('every node, codex and credential link opens a page of the repository, and a section of it when it names one', () => {
		const links = [
			...nodes.flatMap(([node, codex]) => [
				String(node.description.documentationUrl),
				...codex.resources.primaryDocumentation.map((d) => d.url),
				...codex.resources.credentialDocumentation.map((d) => d.url),
			]),
			...credentials.map((credential) => String(credential.documentationUrl)),
		];
		for (const link of links) {
			expect(link.startsWith(DOCS)).toBe(true);
			const { file, anchor } = target(link);
			expect(file).toMatch(/^(README\.md|docs\/[a-z-]+\.md)$/);
			if (anchor !== '') expect(anchorsOf(repoFile(file))).toContain(anchor);
		}
	});
});

describe('UX copy', () => {
	const visible = [
		...allProperties(keyclic.description.properties),
		...allProperties(trigger.description.properties),
		...credentials.flatMap((c) => c.properties),
	];

	it('placeholders are examples ("e.g. …"); collections say "Add <Thing>" in title case', () => {
		for (const property of visible) {
			if (property.placeholder === undefined) continue;
			if (property.type === 'collection') expect(property.placeholder).toMatch(/^Add [A-Z][a-z]+$/);
			else expect(property.placeholder).toMatch(/^e\.g\. /);
		}
		const modes = visible.flatMap((p) => p.modes ?? []).filter((m) => m.placeholder !== undefined);
		expect(modes.length).toBeGreaterThan(0);
		for (const mode of modes) expect(mode.placeholder).toMatch(/^e\.g\. /);
	});

	it('no French in what the editor shows', () => {
		const texts = visible.flatMap((p) => [
			p.displayName,
			p.description,
			p.placeholder,
			p.hint,
			...((p.options ?? []) as INodePropertyOptions[]).flatMap((o) => [o.name, o.description]),
		]);
		for (const text of texts) if (typeof text === 'string') expect(text).not.toMatch(/\b(demande|plomberie|urgence|gmao|intervenant)\b/i);
	});

	it('the trigger\'s events parameter is "Trigger On" (n8n derives the trigger actions from that name)', () => {
		const events = trigger.description.properties.find((p) => p.name === 'events');
		expect(events?.displayName).toBe('Trigger On');
	});

	it("the node descriptions name what the nodes do (Create and Delete; the trigger's removed operations)", () => {
		expect(keyclic.description.description).toMatch(/create/i);
		expect(keyclic.description.description).toMatch(/delete/i);
		expect(trigger.description.description).toMatch(/removed/);
	});

	it('the Keyclic node\'s subtitle reads "<Operation>: <Resource>" for every operation (n8n-workflow evaluates it)', () => {
		const nodeTypes: INodeTypes = {
			getByName: () => keyclic,
			getByNameAndVersion: () => keyclic,
			getKnownTypes: () => ({}),
		};
		let checked = 0;
		for (const resource of resources) {
			const selector = resource.description.find((p) => p.name === 'operation');
			for (const option of (selector?.options ?? []) as INodePropertyOptions[]) {
				const node = {
					id: 'k',
					name: 'Keyclic',
					type: 'n8n-nodes-keyclic.keyclic',
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: { resource: resource.option.value, operation: option.value },
				};
				const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
				const subtitle = workflow.expression.getSimpleParameterValue(node, String(keyclic.description.subtitle), 'internal', {});
				expect(subtitle).toBe(`${option.name}: ${resource.option.name}`);
				checked++;
			}
		}
		// every operation file of the node was checked (layout.test.ts: one file per option)
		expect(checked).toBe(sourceFiles('nodes/Keyclic/actions').filter(({ file }) => file.endsWith('.operation.ts')).length);
	});
});
