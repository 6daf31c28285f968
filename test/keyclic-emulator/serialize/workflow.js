'use strict';
// WorkflowState / WorkflowTransition objects, `_embedded.workflow`, metrics and legacy tracking.
const { stateMeta, TRANSITION_LABELS } = require('../state-machines');
const { transitionsFrom } = require('../workflow');
const { stableUuid } = require('../time');
const { organizationLink } = require('./links');

const stateId = (kind, key) => stableUuid(`${kind}:state:${key}`);

/** WorkflowState: legacy era (s20) has `key`, 2025 era (s25) `reference` and `backgroundColor` instead. */
function stateObject(core, kind, key) {
	const meta = stateMeta(key);
	const base = {
		type: 'WorkflowState',
		id: stateId(kind, key),
		name: meta.name,
		description: `Statut « ${meta.name} »`,
		color: meta.color,
		progression: meta.progression,
		end: core.machines[kind].finalStates.includes(key),
		allowAdd: meta.allowAdd,
		allowDispatch: meta.allowDispatch,
	};
	if (core.options.payloadEra === '2025') return { ...base, reference: key, backgroundColor: '#FFFFFF' };
	return { ...base, key };
}

function transitionObject(core, kind, t) {
	const base = {
		type: 'WorkflowTransition',
		id: t.id,
		name: TRANSITION_LABELS[t.name] || t.name,
		description: `Transition « ${t.name} » de ${t.from} vers ${t.to}`,
		from: stateObject(core, kind, t.from),
		to: stateObject(core, kind, t.to),
	};
	return core.options.payloadEra === '2025' ? { ...base, fields: [], required: [] } : { ...base, commentRequired: false };
}

const round2 = (n) => Math.round(n * 100) / 100;
const duration = (s) => ({ hours: round2(s / 3600), minutes: round2(s / 60), seconds: Math.round(s) });

/** When the resource reached a final state (ms), or null. */
function endedAt(core, kind, resource) {
	const last = resource.history[resource.history.length - 1];
	return core.machines[kind].finalStates.includes(last.state) ? last.at : null;
}

/** Seconds the resource has been open (until its final state, or until now). */
function openSeconds(core, kind, resource) {
	return Math.max(0, ((endedAt(core, kind, resource) ?? core.clock()) - resource.createdAt) / 1000);
}

function metrics(core, kind, resource) {
	const firstMove = resource.history[1] ? resource.history[1].at : core.clock();
	const end = endedAt(core, kind, resource);
	return [
		{ name: 'Délai de prise en charge', duration: duration(Math.max(0, (firstMove - resource.createdAt) / 1000)) },
		{ name: 'Temps de résolution', duration: duration(end ? (end - resource.createdAt) / 1000 : 0) },
	];
}

/** `_embedded.workflow` = {state, transitions, metrics}. */
function workflowEmbedded(core, kind, resource) {
	return {
		state: stateObject(core, kind, resource.state),
		transitions: transitionsFrom(core.machines[kind], resource.state).map((t) => transitionObject(core, kind, t)),
		metrics: metrics(core, kind, resource),
	};
}

/** Legacy Tracking {state, progression{resolved,total}, time, checkpoints[]} (also GET …/tracking). */
function tracking(core, kind, resource, progression) {
	return {
		state: resource.state,
		progression,
		time: Math.round(openSeconds(core, kind, resource)),
		checkpoints: resource.history.map((h) => {
			const s = stateObject(core, kind, h.state);
			return {
				createdAt: core.date(h.at),
				state: [h.state],
				data: {
					type: 'CheckpointState',
					id: s.id,
					// the state's code: `key` in the legacy CheckpointState (s20), `reference` in the 2025 one (s25)
					...(core.options.payloadEra === '2025' ? { reference: h.state } : { key: h.state }),
					name: s.name,
					description: s.description,
					color: s.color,
					progression: s.progression,
					end: s.end,
					allowAdd: s.allowAdd,
					allowDispatch: s.allowDispatch,
				},
				_links: { organization: organizationLink(resource.organizationId) },
			};
		}),
	};
}

module.exports = { stateObject, workflowEmbedded, tracking, openSeconds };
