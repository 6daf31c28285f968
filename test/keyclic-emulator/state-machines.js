'use strict';
// Copy of the legacy Keyclic state machines (docs/keyclic-api.md §6, from
// Keyclic/docs-en report_workflow.png / operation_workflow.png) plus display metadata for the
// WorkflowState objects. Labels and colours follow the shared fixtures.

const DEFAULT_MACHINES = Object.freeze({
	report: {
		initialState: 'NEW',
		states: ['NEW', 'ACCEPTED', 'REFUSED', 'ON_HOLD', 'IN_PROGRESS', 'CLOSED'],
		finalStates: ['REFUSED', 'CLOSED'],
		transitions: [
			{ name: 'accept', from: 'NEW', to: 'ACCEPTED' },
			{ name: 'refuse', from: 'NEW', to: 'REFUSED' },
			{ name: 'refuse', from: 'ACCEPTED', to: 'REFUSED' },
			{ name: 'hold', from: 'ACCEPTED', to: 'ON_HOLD' },
			{ name: 'progress', from: 'ACCEPTED', to: 'IN_PROGRESS' },
			{ name: 'progress', from: 'ON_HOLD', to: 'IN_PROGRESS' },
			{ name: 'close', from: 'IN_PROGRESS', to: 'CLOSED' },
		],
	},
	operation: {
		initialState: 'NEW',
		states: ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED'],
		finalStates: ['RESOLVED'],
		transitions: [
			{ name: 'assign', from: 'NEW', to: 'ASSIGNED' },
			{ name: 'progress', from: 'ASSIGNED', to: 'IN_PROGRESS' },
			{ name: 'resolve', from: 'IN_PROGRESS', to: 'RESOLVED' },
		],
	},
});

/** Operation states that let a report be closed (docs/keyclic-api.md §6: "resolved or refused"). */
const OPERATION_DONE_STATES = Object.freeze(['RESOLVED', 'REFUSED']);

const STATE_META = Object.freeze({
	NEW: { name: 'Nouvelle', color: '#90A4AE', progression: 0, allowAdd: true, allowDispatch: true },
	ACCEPTED: { name: 'Acceptée', color: '#42A5F5', progression: 0.25, allowAdd: true, allowDispatch: true },
	ASSIGNED: { name: 'Assignée', color: '#29B6F6', progression: 0.3, allowAdd: true, allowDispatch: false },
	ON_HOLD: { name: 'En attente', color: '#FFB300', progression: 0.4, allowAdd: true, allowDispatch: false },
	IN_PROGRESS: { name: 'En cours', color: '#7E57C2', progression: 0.6, allowAdd: true, allowDispatch: false },
	RESOLVED: { name: 'Terminée', color: '#66BB6A', progression: 1, allowAdd: false, allowDispatch: false },
	CLOSED: { name: 'Clôturée', color: '#66BB6A', progression: 1, allowAdd: false, allowDispatch: false },
	REFUSED: { name: 'Refusée', color: '#EF5350', progression: 1, allowAdd: false, allowDispatch: false },
});

const TRANSITION_LABELS = Object.freeze({
	accept: 'Accepter',
	refuse: 'Refuser',
	hold: 'Mettre en attente',
	progress: 'Démarrer',
	close: 'Clôturer',
	assign: 'Assigner',
	resolve: 'Terminer',
	reset: 'Réinitialiser',
});

function stateMeta(key) {
	return STATE_META[key] || { name: key, color: '#9E9E9E', progression: 0, allowAdd: true, allowDispatch: false };
}

module.exports = { DEFAULT_MACHINES, OPERATION_DONE_STATES, stateMeta, TRANSITION_LABELS };
