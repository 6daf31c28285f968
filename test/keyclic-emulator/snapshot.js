'use strict';
// Plain view of the emulator data for assertions (emu.state, GET /_emulator/state).

const bySeq = (a, b) => a.seq - b.seq;

function snapshot(core) {
	const iso = (ms) => new Date(ms).toISOString();
	const { store } = core;
	return {
		webhooks: [...store.webhooks.values()].sort(bySeq).map((w) => ({
			id: w.id,
			organization: w.organizationId,
			event: w.event,
			payloadUrl: w.payloadUrl,
			enabled: w.enabled,
			createdAt: iso(w.createdAt),
			updatedAt: iso(w.updatedAt),
		})),
		reports: [...store.reports.values()].sort(bySeq).map((r) => ({
			id: r.id,
			organization: r.organizationId,
			state: r.state,
			description: r.description,
			identificationNumber: r.identificationNumber,
			reference: r.reference,
			operations: store
				.operationsOfReport(r.id)
				.sort(bySeq)
				.map((o) => o.id),
			createdAt: iso(r.createdAt),
			updatedAt: iso(r.updatedAt),
		})),
		operations: [...store.operations.values()].sort(bySeq).map((o) => ({
			id: o.id,
			report: o.reportId,
			organization: o.organizationId,
			name: o.name,
			state: o.state,
			operator: o.operatorId,
			createdAt: iso(o.createdAt),
			updatedAt: iso(o.updatedAt),
		})),
		faults: { ...core.faults },
		deliveries: { recorded: core.deliveries.records.length, pending: core.deliveries.pending },
	};
}

module.exports = { snapshot };
