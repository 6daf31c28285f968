'use strict';
// Generated large Keyclic reports for the benchmarks: a real shared fixture (2025 workflow shape, the
// biggest one) grown with many HAL items of the kinds Keyclic really sends, until it reaches a target
// size. One "unit" adds: 1 embedded child Operation, 2 workflow transitions, 2 legacy stateTransitions
// names, 4 equipment links, 2 image links and 1 embedded document (≈ 8 KB). ≈1 MB is ~125 units: hundreds
// of transitions, links and embedded items. Deterministic (no randomness), so runs are comparable.
const { keyclicFixtures } = require('../test/support/fixtures');

const BASE_FIXTURE = 'report_state_changed.v2025-shape.json';

function clone(value) {
	return JSON.parse(JSON.stringify(value));
}

/** A UUID that passes the node's check, unique per (kind, n). */
function uuid(kind, n) {
	return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const link = (href, key, id) => ({ href, iriTemplate: { mapping: { [key]: id } } });

function addUnit(payload, templates, n) {
	const { child, transition, document } = templates;
	const emb = payload._embedded;
	const c = clone(child);
	c.id = uuid(1, n);
	c.name = `${c.name} #${n}`;
	c._links.self.href = `/operations/${c.id}`;
	emb.children.push(c);
	for (let k = 0; k < 2; k++) {
		const t = clone(transition);
		t.id = uuid(2, 2 * n + k);
		t.name = `${t.name} ${n}.${k}`;
		emb.workflow.transitions.push(t);
		emb.stateTransitions.push(`transition_${n}_${k}`);
	}
	for (let k = 0; k < 4; k++) {
		const id = uuid(3, 4 * n + k);
		payload._links.equipments.push(link(`/equipments/${id}`, 'identifier', id));
	}
	for (let k = 0; k < 2; k++) {
		const id = uuid(4, 2 * n + k);
		payload._links.images.push(link(`/reports/${payload.id}/images/${id}`, 'image', id));
	}
	const d = clone(document);
	d.id = uuid(5, n);
	d._links.self.href = `/documents/${d.id}`;
	emb.documents.push(d);
}

/**
 * A `reportStateChanged` notification of about `targetBytes` (JSON.stringify length, never less than the
 * base fixture). Returns { body, bytes, units, counts: { children, transitions, links, documents } }.
 */
function largeReport(targetBytes) {
	const base = keyclicFixtures().find((f) => f.file === BASE_FIXTURE).body;
	const body = clone(base);
	const p = body.payload;
	const emb = p._embedded;
	const templates = {
		child: clone(emb.children[0]),
		transition: clone(emb.workflow.transitions[0]),
		document: clone(emb.documents[0]),
	};
	emb.stateTransitions = emb.stateTransitions || [];
	p._links.images = p._links.images || [];
	const baseBytes = JSON.stringify(body).length;
	// measure one unit on a scratch copy, then add as many as needed in one go
	const probe = clone(body);
	addUnit(probe.payload, templates, 0);
	const unitBytes = JSON.stringify(probe).length - baseBytes;
	const units = Math.max(0, Math.round((targetBytes - baseBytes) / unitBytes));
	for (let n = 0; n < units; n++) addUnit(p, templates, n);
	const text = JSON.stringify(body);
	return {
		body,
		text,
		bytes: Buffer.byteLength(text),
		units,
		counts: {
			children: emb.children.length,
			transitions: emb.workflow.transitions.length,
			stateTransitions: emb.stateTransitions.length,
			links: Object.values(p._links).reduce((s, v) => s + (Array.isArray(v) ? v.length : 1), 0),
			documents: emb.documents.length,
		},
	};
}

module.exports = { largeReport, uuid, BASE_FIXTURE };
