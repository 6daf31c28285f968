'use strict';
// The Swagger 2.0 definitions of one era, made strict for the contract check (see docs/emulator.md, "Contract"):
//   - every object schema is closed (additionalProperties: false) unless the spec sets additionalProperties itself,
//     after `allOf` compositions are merged into one object (closing each part would refuse the other part's fields);
//   - the explicit allowances of allowances.js are added (fields Keyclic's docs show and the spec lacks);
//   - draft 4's boolean exclusiveMinimum/Maximum are written in the numeric form Ajv reads;
//   - two spec defects are neutralised, nothing else: the id `pattern` "^\[0-9A-Fa-f]{8}…" whose escaped bracket
//     rejects every real UUID, and PHP-style delimited patterns ("/^#…$/") that JavaScript would read literally.
const fs = require('node:fs');
const path = require('node:path');
const Ajv = require('ajv');
const { ALLOWANCES } = require('./allowances');

/** Emulator era → trimmed Swagger copy in ../specs (see docs/emulator.md, "Contract"). */
const ERA_SPECS = Object.freeze({ legacy: 's20', 2025: 's25' });
/** Era → the OpenAPI 3 spec of the routes its Swagger 2.0 spec lacks (the 2025 Tickets API, "v3"). */
const ERA_V3_SPECS = Object.freeze({ 2025: 's25v3' });

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const clone = (v) => JSON.parse(JSON.stringify(v));

function loadSpec(name) {
	return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'specs', `${name}.json`), 'utf8'));
}

function fixPattern(schema) {
	if (typeof schema.pattern !== 'string') return;
	if (schema.pattern.startsWith('^\\[')) delete schema.pattern;
	else if (/^\/.*\/$/.test(schema.pattern)) schema.pattern = schema.pattern.slice(1, -1);
}

/** Swagger 2.0 writes JSON Schema draft 4's boolean exclusiveMinimum/Maximum; Ajv reads the later numeric form. */
function draft4Bounds(schema) {
	for (const [flag, bound] of [
		['exclusiveMinimum', 'minimum'],
		['exclusiveMaximum', 'maximum'],
	]) {
		if (typeof schema[flag] !== 'boolean') continue;
		if (schema[flag] && bound in schema) schema[flag] = schema[bound];
		else delete schema[flag];
		if (typeof schema[flag] === 'number') delete schema[bound];
	}
}

/** allOf of object schemas ($ref or inline) → one object schema with the union of properties and required. */
function mergeAllOf(schema, definitions) {
	const parts = schema.allOf.map((p) => (p.$ref ? definitions[p.$ref.split('/').pop()] : p));
	if (!parts.every((p) => p && (p.type === 'object' || p.properties) && !p.allOf)) return;
	const merged = { type: 'object', properties: {}, required: [] };
	for (const p of parts) {
		Object.assign(merged.properties, clone(p.properties || {}));
		merged.required.push(...(p.required || []));
		if (p.additionalProperties !== undefined) merged.additionalProperties = p.additionalProperties;
	}
	if (!merged.required.length) delete merged.required;
	delete schema.allOf;
	Object.assign(schema, merged);
}

function strictify(schema, definitions) {
	if (!schema || typeof schema !== 'object') return;
	if (Array.isArray(schema)) return schema.forEach((s) => strictify(s, definitions));
	if (Array.isArray(schema.allOf)) mergeAllOf(schema, definitions);
	fixPattern(schema);
	draft4Bounds(schema);
	if ((schema.type === 'object' || schema.properties) && schema.additionalProperties === undefined) schema.additionalProperties = false;
	for (const [key, value] of Object.entries(schema)) {
		if (key === 'properties') for (const p of Object.values(value)) strictify(p, definitions);
		else if (key !== 'enum' && key !== 'required' && key !== 'default' && key !== 'example') strictify(value, definitions);
	}
}

/** Walks `at` ('Report._links') in a definition and returns the object schema there. */
function schemaAt(definitions, at) {
	const [name, ...keys] = at.split('.');
	let s = definitions[name];
	for (const k of keys) {
		if (!s) break;
		s = s.properties ? s.properties[k] : undefined;
		if (s && s.$ref) s = definitions[s.$ref.split('/').pop()];
		if (s && s.type === 'array' && s.items) s = s.items.$ref ? definitions[s.items.$ref.split('/').pop()] : s.items;
	}
	if (!s) throw new Error(`contract allowance: no schema at ${at}`);
	return s;
}

function applyAllowances(definitions, spec) {
	for (const a of ALLOWANCES) {
		if (!a.specs.includes(spec)) continue;
		const target = schemaAt(definitions, a.at);
		if (a.property) {
			target.properties[a.property] = clone(a.schema);
			strictify(target.properties[a.property], definitions);
		}
		if (a.replace) Object.assign(target, clone(a.replace));
	}
}

/**
 * OpenAPI 3.0 (s25v3) read as the Swagger 2.0 the rest of the check knows: components.schemas become definitions, a
 * response's schema is its hal+json (else json) content's, `nullable` becomes a `null` type. One defect of the spec is
 * neutralised: API Platform lists in `required` the names of links and embedded resources that are not properties of
 * the object (Ticket requires "organization", "place", "feedback"; WorkflowTransition "from", "to"), which no object
 * matching the declared properties could satisfy: `required` keeps the declared properties only.
 */
function openApiAsSwagger(spec) {
	const s = JSON.parse(JSON.stringify(spec).replaceAll('"#/components/schemas/', '"#/definitions/'));
	const fix = (schema) => {
		if (!schema || typeof schema !== 'object') return;
		if (Array.isArray(schema)) return schema.forEach(fix);
		if (schema.nullable === true) {
			if (schema.type) schema.type = [schema.type, 'null'];
			else if (schema.anyOf) schema.anyOf.push({ type: 'null' });
		}
		delete schema.nullable;
		if (Array.isArray(schema.required) && schema.properties) schema.required = schema.required.filter((k) => k in schema.properties);
		for (const [key, value] of Object.entries(schema)) if (key !== 'enum' && key !== 'example' && key !== 'default') fix(value);
	};
	for (const item of Object.values(s.paths)) {
		for (const operation of Object.values(item)) {
			for (const response of Object.values((operation && operation.responses) || {})) {
				const content = response.content;
				if (!content) continue;
				const media = content['application/hal+json'] || content['application/json'] || Object.values(content)[0];
				response.schema = media.schema;
				fix(response.schema);
			}
		}
	}
	fix(s.components.schemas);
	return { definitions: s.components.schemas, paths: s.paths };
}

const cache = new Map();

/** {spec, ajv, definitions, paths, validate(definitionName, value) → errors[]} for an era (cached). */
function eraSchemas(era) {
	const specName = ERA_SPECS[era];
	if (!specName) throw new Error(`contract: no spec for era ${era}`);
	return specSchemas(specName);
}

/** The same for a spec copy by name (s20, s25, s25v3). */
function specSchemas(specName) {
	if (cache.has(specName)) return cache.get(specName);
	const raw = loadSpec(specName);
	const spec = raw.openapi ? openApiAsSwagger(raw) : raw;
	const definitions = clone(spec.definitions);
	for (const d of Object.values(definitions)) strictify(d, definitions);
	applyAllowances(definitions, specName);
	const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
	ajv.addFormat('date-time', DATE_TIME);
	ajv.addFormat('uuid', UUID);
	ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\/\/\S+$/i);
	ajv.addFormat('email', /^\S+@\S+$/);
	// API Platform's IRIs are relative ("/tickets/…") or absolute
	ajv.addFormat('iri-reference', /^\S*$/);
	for (const f of ['string', 'int32', 'int64', 'float', 'double', 'password', 'binary', 'byte', 'duration']) ajv.addFormat(f, true);
	ajv.addSchema({ $id: 'keyclic', definitions });
	const compiled = new Map();
	const entry = {
		spec: specName,
		paths: spec.paths,
		definitions,
		/** Ajv errors ([] when valid) of `value` against a definition name or an inline schema of the spec. */
		validate(schema, value) {
			const key = typeof schema === 'string' ? schema : JSON.stringify(schema);
			if (!compiled.has(key)) {
				const s = typeof schema === 'string' ? { $ref: `keyclic#/definitions/${schema}` } : rebase(clone(schema));
				strictify(s, definitions);
				compiled.set(key, ajv.compile(s));
			}
			const fn = compiled.get(key);
			return fn(value) ? [] : fn.errors;
		},
	};
	cache.set(specName, entry);
	return entry;
}

/** Inline response schemas use "#/definitions/X": point them at the registered spec. */
function rebase(schema) {
	if (!schema || typeof schema !== 'object') return schema;
	if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/definitions/')) schema.$ref = `keyclic${schema.$ref}`;
	for (const v of Object.values(schema)) rebase(v);
	return schema;
}

module.exports = { eraSchemas, specSchemas, ERA_SPECS, ERA_V3_SPECS, loadSpec };
