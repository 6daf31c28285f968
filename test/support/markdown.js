'use strict';
// Markdown as GitHub renders it, for the tests that check the docs' links: the anchors its headings get and the
// relative links a page holds (nothing inside code). File-system work stays in JS (see sources.js).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** The text of a page without its fenced code blocks (each line kept, emptied, so line numbers stay). */
function withoutCode(markdown) {
	let fence = null;
	return markdown.split('\n').map((line) => {
		const marker = /^\s*(```|~~~)/.exec(line);
		if (marker && (fence === null || marker[1] === fence)) {
			fence = fence === null ? marker[1] : null;
			return '';
		}
		return fence === null ? line.replace(/`[^`]*`/g, '') : '';
	});
}

/** GitHub's anchor for a heading: the text it shows, lowercase, punctuation but `-` and `_` dropped, spaces to `-`. */
function githubSlug(heading) {
	return heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/[*`]/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

/** Every anchor of a page: its headings' (a repeated one gets -1, -2… as on GitHub) and its `<a id|name="…">`. */
function anchorsOf(markdown) {
	const anchors = new Set();
	const seen = new Map();
	const lines = markdown.split('\n');
	let fence = null;
	for (const line of lines) {
		const marker = /^\s*(```|~~~)/.exec(line);
		if (marker && (fence === null || marker[1] === fence)) fence = fence === null ? marker[1] : null;
		if (fence !== null || marker) continue;
		const heading = /^#{1,6} (.+?)#*\s*$/.exec(line);
		if (heading) {
			const slug = githubSlug(heading[1]);
			const count = seen.get(slug) ?? 0;
			seen.set(slug, count + 1);
			anchors.add(count === 0 ? slug : `${slug}-${count}`);
		}
		for (const [, id] of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id);
	}
	return anchors;
}

/** The relative links of a page (not http(s), not mailto), outside code: [{ line, target }]. */
function relativeLinks(markdown) {
	return withoutCode(markdown).flatMap((text, index) =>
		[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
			.map((m) => m[1])
			.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
			.map((target) => ({ line: index + 1, target })),
	);
}

/**
 * The dead relative links of `file` (relative to `root`, the repository by default): a path that does not exist, or
 * an #anchor its target page does not have. One line each: `docs/a.md:12: b.md#c: no heading "c" in docs/b.md`.
 */
function deadLinks(file, root = ROOT) {
	const page = path.join(root, file);
	return relativeLinks(fs.readFileSync(page, 'utf8')).flatMap(({ line, target }) => {
		const [pathPart, anchor] = target.split('#');
		const resolved = pathPart === '' ? page : path.resolve(path.dirname(page), decodeURI(pathPart));
		const shown = path.relative(root, resolved).split(path.sep).join('/');
		const where = `${file}:${line}: ${target}`;
		if (!fs.existsSync(resolved)) return [`${where}: ${shown} does not exist`];
		if (anchor === undefined || anchor === '') return [];
		if (!resolved.endsWith('.md')) return [`${where}: an anchor in a file that is not Markdown`];
		return anchorsOf(fs.readFileSync(resolved, 'utf8')).has(anchor) ? [] : [`${where}: no heading "${anchor}" in ${shown}`];
	});
}

module.exports = { githubSlug, anchorsOf, relativeLinks, deadLinks };
