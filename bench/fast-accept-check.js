'use strict';
// Guard for nodes/shared/fastAccept.ts: on the shared fixtures, a generated report and the
// malformed bodies of the e2e suite, mutated at random (deterministic seed), the fast predicate must never
// accept what zod rejects (unsound), and checkPayload must give the same verdict, messages and resource
// content as zod alone. Run by bench/handler.js before measuring; standalone: node bench/fast-accept-check.js
const path = require('node:path');

const { sharedFixtures } = require('../test/support/fixtures');
const { badBodies } = require('../test/support/expectations');
const { largeReport } = require('./payloads');

const DIST = path.resolve(__dirname, '..', 'dist', 'nodes', 'KeyclicTrigger');
const ODD_VALUES = [
	undefined, null, 3, 'x', '', [], {}, [1], ['a'], { href: 5 }, { href: 'h' }, [{ href: 'h' }], [{}], true,
	'2024-01-01T00:00:00Z', 'not a date', 'b2635fda-d283-4d07-8c27-12b3aab86249', { reference: 1 }, { name: 'n' },
	'Report', 'Operation', { state: {} }, { state: { key: 'K' } },
];

const clone = (x) => JSON.parse(JSON.stringify(x));
/** JSON with sorted keys: equal content, whatever the key order. */
const canonical = (x) =>
	JSON.stringify(x, (k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((key) => [key, v[key]])) : v));

function paths(value, prefix = [], out = []) {
	if (value && typeof value === 'object') {
		for (const key of Object.keys(value)) {
			out.push([...prefix, key]);
			if (prefix.length < 4) paths(value[key], [...prefix, key], out);
		}
	}
	return out;
}

function checkFastAccept({ perBase = 1500, seed = 7 } = {}) {
	const schemas = require(path.join(DIST, '..', 'shared', 'schemas.js'));
	const { checkPayload } = require(path.join(DIST, 'webhook', 'envelope.js'));
	if (!schemas.PAYLOAD_ACCEPT) return { skipped: 'this build has no PAYLOAD_ACCEPT' };
	let s = seed;
	const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
	const bases = [
		...sharedFixtures().map((f) => f.body.payload),
		largeReport(64 * 1024).body.payload,
		...badBodies().map((b) => b.body && b.body.payload).filter((p) => p && typeof p === 'object' && !Array.isArray(p)),
	];
	const out = { cases: 0, zodAccepted: 0, unsound: 0, incomplete: 0, checkPayloadDifferences: 0, examples: [] };
	for (const base of bases) {
		const ps = paths(base);
		for (let i = 0; i < perBase; i++) {
			const p = clone(base);
			for (let j = Math.floor(rnd() * 4); j > 0 && ps.length; j--) {
				const at = ps[Math.floor(rnd() * ps.length)];
				let o = p;
				for (const seg of at.slice(0, -1)) if (o && typeof o === 'object') o = o[seg];
				if (o && typeof o === 'object') {
					const v = ODD_VALUES[Math.floor(rnd() * ODD_VALUES.length)];
					if (v === undefined) delete o[at[at.length - 1]];
					else o[at[at.length - 1]] = clone(v);
				}
			}
			for (const type of ['report', 'operation']) {
				out.cases += 1;
				const fast = schemas.PAYLOAD_ACCEPT[type] ? schemas.PAYLOAD_ACCEPT[type](p) : false;
				const zod = schemas.PAYLOAD_SCHEMAS[type].safeParse(p);
				if (zod.success) out.zodAccepted += 1;
				if (fast && !zod.success) {
					out.unsound += 1;
					if (out.examples.length < 3) out.examples.push(zod.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`));
				}
				if (!fast && zod.success) out.incomplete += 1;
				// checkPayload vs zod alone: same verdict, same messages, same resource content
				const event = type === 'report' ? 'report_created' : 'operation_created';
				const got = checkPayload(event, p);
				if (p.type === (type === 'report' ? 'Report' : 'Operation')) {
					const want = zod.success
						? { ok: true, resource: zod.data }
						: { ok: false, problems: zod.error.issues.map((x) => `${['payload', ...x.path].join('.')}: ${x.message}`) };
					if (canonical(got) !== canonical(want)) out.checkPayloadDifferences += 1;
				}
			}
		}
	}
	return out;
}

module.exports = { checkFastAccept };

if (require.main === module) {
	const r = checkFastAccept();
	console.log(JSON.stringify(r, null, 2));
	process.exit(r.unsound || r.checkPayloadDifferences ? 1 : 0);
}
