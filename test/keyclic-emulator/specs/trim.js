'use strict';
// Makes the trimmed copies in this folder from the full Keyclic Swagger files (a one-off maintenance script; the
// tests only read the copies). It keeps every top-level field of the spec, the paths whose path starts with one of
// PATH_PREFIXES (whole path items, unchanged) and the definitions/parameters those paths reach through $ref
// (unchanged). Nothing is edited: a kept object is byte-for-byte the spec's, keys in the spec's order.
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

function trim(spec) {
	const keep = { definitions: new Set(), parameters: new Set() };
	const walk = (node) => {
		if (!node || typeof node !== 'object') return;
		if (typeof node.$ref === 'string') {
			const [, section, name] = node.$ref.split('/');
			if (keep[section] && !keep[section].has(name)) {
				keep[section].add(name);
				walk(spec[section][name]);
			}
		}
		for (const value of Object.values(node)) walk(value);
	};
	const paths = Object.fromEntries(
		Object.entries(spec.paths).filter(([p]) => PATH_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`))),
	);
	walk(paths);
	const pick = (section) => Object.fromEntries(Object.entries(spec[section]).filter(([name]) => keep[section].has(name)));
	return { ...spec, paths, definitions: pick('definitions'), parameters: pick('parameters') };
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

module.exports = { trim, PATH_PREFIXES };
