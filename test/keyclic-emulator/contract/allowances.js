'use strict';
// Fields the contract check accepts although the Swagger definition lacks them (or types them otherwise), each because
// Keyclic's own documentation shows them. Nothing else is allowed beyond the spec. Each entry:
//   specs: the spec copies it applies to; at: 'Definition.property.…' (an object schema); then either
//   property + schema (one more property, closed like the rest) or replace (merged into the schema at `at`).
// Sources: Keyclic's public developer docs (github.com/Keyclic/docs-en, technical.rst and integration.rst), and
// examples/events/README.md of this repository, which records the same two deviations for the notification samples.

const LINK = { type: 'object', properties: { href: { type: 'string' } }, required: ['href'] };
const TRACKING = { $ref: '#/definitions/Tracking' };

const ALLOWANCES = Object.freeze([
	{
		// docs-en technical.rst, pagination example: `_links` has `previous` beside self/first/last/next.
		specs: ['s20', 's25'],
		at: 'PaginationLinks',
		property: 'previous',
		schema: LINK,
	},
	{
		// docs-en technical.rst, error example: each entry of `_embedded.errors` is `{message, path}` (the field in error);
		// the spec's Error refers to itself and has no `path`.
		specs: ['s20'],
		at: 'Error._embedded',
		property: 'errors',
		schema: {
			type: 'array',
			items: { type: 'object', properties: { message: { type: 'string' }, path: { type: 'string' } }, required: ['message'] },
		},
	},
	{
		// docs-en technical.rst and integration.rst (and examples/events/README.md): the legacy `state` is a string
		// ("NEW"); the 2.4.32 spec types it string[].
		specs: ['s20'],
		at: 'Report',
		property: 'state',
		schema: { type: 'string' },
	},
	{
		specs: ['s20'],
		at: 'Operation',
		property: 'state',
		schema: { type: 'string' },
	},
	{
		// examples/events/README.md (after integration.rst's payload example): `_embedded.tracking` is the Tracking object
		// GET …/tracking returns; the spec types it string.
		specs: ['s20'],
		at: 'Report._embedded',
		property: 'tracking',
		schema: TRACKING,
	},
	{
		specs: ['s20'],
		at: 'Operation._embedded',
		property: 'tracking',
		schema: TRACKING,
	},
]);

module.exports = { ALLOWANCES };
