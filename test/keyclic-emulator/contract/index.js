'use strict';
// The contract check: every answer of the emulator's API routes (and every notification payload) is validated against
// the Swagger definition of that route in the emulator's era, made strict (schemas.js). Enabled by the environment
// variable KEYCLIC_EMULATOR_CONTRACT=1 (set by jest-setup.js for the unit and emulator test projects, inherited by
// child processes). A violation is recorded (takeViolations) and the answer is replaced by a 500 that names it, so a
// test cannot pass on a shape Keyclic would not send. See docs/emulator.md, "Contract".
const { eraSchemas, specSchemas, ERA_SPECS, ERA_V3_SPECS } = require('./schemas');

const ENV = 'KEYCLIC_EMULATOR_CONTRACT';

/** Routes only the emulator has (docs/emulator.md "Differences from the real API"): the definition their answer must match. */
const EMULATOR_ONLY = Object.freeze({ 'POST /reports': { 201: 'Report' } });

const violations = [];

const enabled = () => process.env[ENV] === '1';

function enable() {
	process.env[ENV] = '1';
}

/** The violations recorded since the last call (and forgets them). */
function takeViolations() {
	return violations.splice(0);
}

const swaggerPath = (pattern) => pattern.replace(/:(\w+)/g, '{$1}');

function describeErrors(errors) {
	return errors
		.slice(0, 8)
		.map((e) => {
			const where = e.instancePath || '(root)';
			if (e.keyword === 'additionalProperties') return `${where} has "${e.params.additionalProperty}", which the spec does not define`;
			if (e.keyword === 'required') return `${where} lacks required "${e.params.missingProperty}"`;
			return `${where} ${e.message}`;
		})
		.join('; ');
}

/**
 * What the spec says of one answer: null when it matches, else a sentence.
 * @param {{era: string, method: string, pattern: string|null, status: number, body: any, errorFormat?: 'vnd'|'problem'}} a
 *   pattern: the emulator route ('/webhooks/:webhook'), null when no route matched.
 */
function checkResponse({ era, method, pattern, status, body, errorFormat }) {
	if (status >= 400) {
		// The error format is its own switch (Keyclic changed it at 2.17.2, between the two eras): vnd.error is the
		// 2.4.32 `Error`, problem the 2.75.2 `Problem`, whatever the route.
		const schemas = eraSchemas(errorFormat === 'problem' ? '2025' : 'legacy');
		const name = errorFormat === 'problem' ? 'Problem' : 'Error';
		const errors = schemas.validate(name, body);
		return errors.length ? `${status} error body is not a ${schemas.spec} ${name}: ${describeErrors(errors)}` : null;
	}
	let schemas = eraSchemas(era);
	const key = `${method} ${pattern}`;
	const only = EMULATOR_ONLY[key];
	let schema;
	if (only) {
		if (!(status in only)) return `${status} is not an answer of the emulator-only route ${key}`;
		schema = only[status];
	} else {
		const operationOf = (s) => {
			const item = pattern && s.paths[swaggerPath(pattern)];
			return item && item[method.toLowerCase()];
		};
		let operation = operationOf(schemas);
		// the era's Tickets API ("v3", OpenAPI 3): its routes and the Swagger 2.0 spec's share no method and path
		if (!operation && ERA_V3_SPECS[era]) {
			const v3 = specSchemas(ERA_V3_SPECS[era]);
			operation = operationOf(v3);
			if (operation) schemas = v3;
		}
		if (!operation)
			return `${method} ${pattern && swaggerPath(pattern)} is not a route of ${schemas.spec} (era ${era}), yet it answered ${status}`;
		const response = operation.responses[String(status)];
		if (!response) return `${status} is not a declared answer of ${method} ${swaggerPath(pattern)} in ${schemas.spec}`;
		schema = response.schema;
	}
	if (!schema) return body === undefined ? null : `${status} of ${key} has a body, the spec declares none`;
	const errors = schemas.validate(schema, body);
	const what = typeof schema === 'string' ? schema : schema.$ref ? schema.$ref.split('/').pop() : 'the declared schema';
	return errors.length ? `not a ${schemas.spec} ${what}: ${describeErrors(errors)}` : null;
}

/** A notification payload (Report or Operation, as GET serializes it): null when it matches its definition. */
function checkPayload(era, payload) {
	const schemas = eraSchemas(era);
	const name = payload && payload.type;
	if (name !== 'Report' && name !== 'Operation') return `payload type ${JSON.stringify(name)} is neither Report nor Operation`;
	const errors = schemas.validate(name, payload);
	return errors.length ? `not a ${schemas.spec} ${name}: ${describeErrors(errors)}` : null;
}

/** Throws when violations were recorded since the last call (and forgets them): the jest hooks' check. */
function assertNoViolations() {
	const found = takeViolations();
	if (found.length) throw new Error(`The Keyclic emulator answered outside its Swagger spec (contract check):\n- ${found.join('\n- ')}`);
}

/** Records a violation; returns the message. */
function record(message) {
	violations.push(message);
	return message;
}

module.exports = {
	enable,
	enabled,
	takeViolations,
	assertNoViolations,
	checkResponse,
	checkPayload,
	record,
	EMULATOR_ONLY,
	ERA_SPECS,
	ENV,
};
