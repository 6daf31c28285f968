'use strict';
// Makes the trimmed copies in this folder from the full Keyclic Swagger / OpenAPI files (a one-off maintenance script;
// the tests only read the copies). It keeps every top-level field of the spec, the paths whose path starts with one of
// the prefixes (whole path items, unchanged) and the definitions/parameters (Swagger 2.0) or components (OpenAPI 3,
// s25v3.json) those paths reach through $ref (unchanged). Nothing is edited: a kept object is byte-for-byte the
// spec's, keys in the spec's order.
//   node test/keyclic-emulator/specs/trim.js <full-spec.json> <out.json>
const fs = require('node:fs');

const PATH_PREFIXES = [
	'/security/login',
	'/organizations',
	'/webhooks',
	'/reports',
	'/operations',
	'/feedbacks',
	'/places',
	'/categories',
	'/documents',
	'/people/{person}/memberships',
];

/** The OpenAPI 3 Tickets API (s25v3.json, 1 MB in full): only the routes the emulator serves. */
const V3_PATH_PREFIXES = ['/auth/token', '/tickets'];

function trim(spec, prefixes = spec.openapi ? V3_PATH_PREFIXES : PATH_PREFIXES) {
	const keep = new Map();
	const walk = (node) => {
		if (!node || typeof node !== 'object') return;
		if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
			const parts = node.$ref.slice(2).split('/');
			const name = parts.pop();
			const section = parts.join('/');
			if (!keep.has(section)) keep.set(section, new Set());
			if (!keep.get(section).has(name)) {
				keep.get(section).add(name);
				walk(parts.reduce((o, k) => o && o[k], spec)[name]);
			}
		}
		for (const value of Object.values(node)) walk(value);
	};
	const paths = Object.fromEntries(
		Object.entries(spec.paths).filter(([p]) => prefixes.some((prefix) => p === prefix || p.startsWith(`${prefix}/`))),
	);
	walk(paths);
	const pick = (section, all) => Object.fromEntries(Object.entries(all || {}).filter(([name]) => keep.get(section)?.has(name)));
	if (spec.openapi) {
		// security schemes are named by the top-level `security`, not reached through $ref: kept whole
		const components = Object.fromEntries(
			Object.keys(spec.components).map((s) => [
				s,
				s === 'securitySchemes' ? spec.components[s] : pick(`components/${s}`, spec.components[s]),
			]),
		);
		return { ...spec, paths, components };
	}
	return { ...spec, paths, definitions: pick('definitions', spec.definitions), parameters: pick('parameters', spec.parameters) };
}

if (require.main === module) {
	const [input, output] = process.argv.slice(2);
	if (!input || !output) {
		console.error('usage: node trim.js <full-spec.json> <out.json>');
		process.exit(2);
	}
	const spec = JSON.parse(fs.readFileSync(input, 'utf8'));
	fs.writeFileSync(output, `${JSON.stringify(trim(spec), null, '\t')}\n`);
}

module.exports = { trim, PATH_PREFIXES, V3_PATH_PREFIXES };
