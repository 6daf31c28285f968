'use strict';
// The docs' links: in README.md, CONTRIBUTING.md and every page under docs/, each relative link opens a file that
// exists, and each #anchor a heading of its target page (GitHub's slug rules, test/support/markdown.js).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { anchorsOf, deadLinks, githubSlug, relativeLinks } = require('../support/markdown');
const { filesUnder } = require('../support/sources');
const { ROOT } = require('./checks');

const PAGES = ['README.md', 'CONTRIBUTING.md', ...filesUnder('docs', '.md')];

describe('the docs have no dead link', () => {
	test('the pages checked hold relative links and anchors (the check has something to check)', () => {
		expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/keyclic-trigger.md', 'docs/keyclic-node.md']));
		const links = PAGES.flatMap((file) => relativeLinks(fs.readFileSync(path.join(ROOT, file), 'utf8')).map((l) => l.target));
		expect(links.length).toBeGreaterThan(50);
		expect(links.filter((target) => target.includes('#')).length).toBeGreaterThan(20);
	});

	test.each(PAGES)('%s: every relative link and anchor resolves', (file) => {
		expect(deadLinks(file)).toEqual([]);
	});
});

describe('the link check', () => {
	let root;
	beforeAll(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'keyclic-links-'));
		fs.mkdirSync(path.join(root, 'docs'));
		fs.writeFileSync(
			path.join(root, 'docs', 'page.md'),
			[
				'# A page',
				'## Keyclic → Postgres (data warehouse)',
				'## Output',
				'## Output',
				'```',
				'# not a heading',
				'[inside code](missing.md)',
				'```',
			].join('\n'),
		);
		fs.writeFileSync(
			path.join(root, 'README.md'),
			[
				'[ok](docs/page.md) [ok](docs/page.md#keyclic--postgres-data-warehouse) [ok](docs/page.md#output-1) [ok](#top)',
				'[dead file](docs/gone.md) `[in code](nowhere.md)` [web](https://example.com/x.md#y)',
				'[dead anchor](docs/page.md#not-a-heading) [dead here](#nowhere)',
				'<a id="top"></a>',
			].join('\n'),
		);
	});
	afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

	test('names each dead file and dead anchor, with its line, and nothing else', () => {
		expect(deadLinks('README.md', root)).toEqual([
			'README.md:2: docs/gone.md: docs/gone.md does not exist',
			'README.md:3: docs/page.md#not-a-heading: no heading "not-a-heading" in docs/page.md',
			'README.md:3: #nowhere: no heading "nowhere" in README.md',
		]);
		expect(deadLinks('docs/page.md', root)).toEqual([]);
	});

	test("GitHub's slugs: lowercase, punctuation dropped but - and _, spaces to -, repeated headings numbered", () => {
		expect(githubSlug('Keyclic lost the webhooks: publish again')).toBe('keyclic-lost-the-webhooks-publish-again');
		expect(githubSlug('Manual registration (default)')).toBe('manual-registration-default');
		expect(githubSlug("Contract: answers held to `Keyclic`'s Swagger specs")).toBe('contract-answers-held-to-keyclics-swagger-specs');
		expect(githubSlug('snake_case and [a link](x.md)')).toBe('snake_case-and-a-link');
		expect([...anchorsOf('## A\n## A\n## A')]).toEqual(['a', 'a-1', 'a-2']);
	});
});
