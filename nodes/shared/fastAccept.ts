import { z } from 'zod';

/**
 * A plain predicate derived mechanically from a zod schema, true only for values the schema accepts.
 *
 * Why: zod 3 builds a parse context, path objects and a copy of every object it walks (passthrough
 * objects copy all their keys) for each notification; for a typical Keyclic payload that is most of the
 * trigger's own cost (see bench/handler.js and BENCHMARKS.md). The predicate does the same checks
 * without allocating. It is SOUND, not complete: `true` means zod accepts the value; `false` only means
 * "ask zod", which then accepts it or explains why not, with its usual messages. So results and error
 * messages are exactly zod's.
 *
 * Kinds it cannot mirror exactly (string checks such as uuid, refinements, anything unknown) are asked to
 * zod itself, leaf by leaf. Schemas that may change what they parse (transform, preprocess, default,
 * catch, pipe, coerce, trim…, lazy) have no predicate (undefined): callers then keep zod's parsed output.
 */
export type Accept = (value: unknown) => boolean;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto: unknown = Object.getPrototypeOf(value);
	// zod calls objects with then/catch functions promises; JSON never has functions
	return (proto === Object.prototype || proto === null) && typeof (value as { then?: unknown }).then !== 'function';
}

class Transforms extends Error {}

const TRANSFORMING = [z.ZodDefault, z.ZodCatch, z.ZodPipeline, z.ZodLazy, z.ZodReadonly, z.ZodFunction, z.ZodPromise];
/** String "checks" that rewrite the value. */
const REWRITING_CHECKS = new Set(['trim', 'toLowerCase', 'toUpperCase']);

/** Throws Transforms when anything inside the schema may change what it parses (or recurses lazily). */
function assertOnlyValidates(schema: unknown, depth = 0): void {
	if (depth > 64) throw new Transforms();
	if (schema instanceof z.ZodType) {
		if (TRANSFORMING.some((kind) => schema instanceof kind)) throw new Transforms();
		if (schema instanceof z.ZodEffects && schema._def.effect.type !== 'refinement') throw new Transforms();
		const def = schema._def as Record<string, unknown>;
		if (def.coerce === true) throw new Transforms();
		if (schema instanceof z.ZodString && schema._def.checks.some((check) => REWRITING_CHECKS.has(check.kind))) {
			throw new Transforms();
		}
		for (const [key, value] of Object.entries(def)) {
			if (key === 'shape' && typeof value === 'function') assertOnlyValidates(Object.values(value() as object), depth + 1);
			else assertOnlyValidates(value, depth + 1);
		}
	} else if (Array.isArray(schema)) {
		for (const item of schema) assertOnlyValidates(item, depth + 1);
	} else if (schema instanceof Map) {
		for (const item of schema.values()) assertOnlyValidates(item, depth + 1);
	}
}

function compile(schema: z.ZodTypeAny): Accept {
	const exact: Accept = (value) => schema.safeParse(value).success;
	if (schema instanceof z.ZodNullable) {
		const inner = compile(schema._def.innerType);
		return (value) => value === null || inner(value);
	}
	if (schema instanceof z.ZodOptional) {
		const inner = compile(schema._def.innerType);
		return (value) => value === undefined || inner(value);
	}
	if (schema instanceof z.ZodString) {
		assertOnlyValidates(schema);
		return schema._def.checks.length === 0 ? (value) => typeof value === 'string' : exact;
	}
	if (schema instanceof z.ZodLiteral) {
		const expected: unknown = schema._def.value;
		return (value) => value === expected;
	}
	if (schema instanceof z.ZodUnknown || schema instanceof z.ZodAny) return () => true;
	if (schema instanceof z.ZodObject) {
		const def = schema._def;
		const catchallIsNever = def.catchall instanceof z.ZodNever;
		if (!catchallIsNever || def.unknownKeys === 'strict') {
			// unknown keys are checked or rejected: zod judges this object
			assertOnlyValidates(schema);
			return exact;
		}
		const fields = Object.entries(schema.shape as z.ZodRawShape).map(([key, value]) => [key, compile(value)] as const);
		return (value) => {
			if (!isPlainObject(value)) return false;
			for (const [key, accept] of fields) if (!accept(value[key])) return false;
			return true;
		};
	}
	if (schema instanceof z.ZodArray) {
		const def = schema._def;
		const element = compile(def.type);
		if (def.minLength || def.maxLength || def.exactLength) return exact; // element already vetted
		return (value) => {
			if (!Array.isArray(value)) return false;
			// an index loop, not every(): zod checks holes of sparse arrays (as undefined) too
			for (let i = 0; i < value.length; i++) if (!element(value[i])) return false;
			return true;
		};
	}
	if (schema instanceof z.ZodRecord) {
		const def = schema._def;
		const valueAccept = compile(def.valueType);
		if (!(def.keyType instanceof z.ZodString) || def.keyType._def.checks.length > 0) {
			assertOnlyValidates(def.keyType);
			return exact;
		}
		return (value) => {
			if (!isPlainObject(value)) return false;
			for (const key in value) if (!valueAccept(value[key])) return false;
			return true;
		};
	}
	if (schema instanceof z.ZodUnion) {
		const options = (schema._def.options as z.ZodTypeAny[]).map(compile);
		return (value) => options.some((accept) => accept(value));
	}
	// refinements, enums, numbers, intersections…: zod answers for this leaf, if it only validates
	assertOnlyValidates(schema);
	return exact;
}

/**
 * The predicate of a schema, or undefined when the schema may transform what it parses (or anything
 * about it is not understood): callers then use zod's parse for every value, as without this module.
 */
export function fastAccept(schema: z.ZodTypeAny): Accept | undefined {
	try {
		return compile(schema);
	} catch {
		return undefined;
	}
}
