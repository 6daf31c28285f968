'use strict';
// State-machine logic: allowed transitions from a state, lookup by name or WorkflowTransition id.
const { stableUuid } = require('./time');
const { badRequest } = require('./errors');

/** Checks and freezes a machine definition ({initialState, states, finalStates, transitions[]}). */
function compileMachine(kind, def) {
	if (!def || !Array.isArray(def.states) || !Array.isArray(def.transitions) || !def.states.includes(def.initialState)) {
		throw new TypeError(`stateMachines.${kind}: needs initialState, states[] and transitions[]`);
	}
	const transitions = def.transitions.map((t) => {
		if (!def.states.includes(t.from) || !def.states.includes(t.to) || typeof t.name !== 'string') {
			throw new TypeError(`stateMachines.${kind}: bad transition ${JSON.stringify(t)}`);
		}
		return Object.freeze({ ...t, id: stableUuid(`${kind}:transition:${t.name}:${t.from}:${t.to}`) });
	});
	return Object.freeze({
		kind,
		initialState: def.initialState,
		states: [...def.states],
		finalStates: [...(def.finalStates || [])],
		transitions,
	});
}

/** Transitions leaving `state`, in definition order. */
function transitionsFrom(machine, state) {
	return machine.transitions.filter((t) => t.from === state);
}

/** Names of the transitions allowed from `state` (the legacy `_embedded.stateTransitions`). */
function allowedNames(machine, state) {
	return [...new Set(transitionsFrom(machine, state).map((t) => t.name))];
}

/** The transition named (or with the id) `nameOrId` from `state`, or a 400 listing the allowed ones. */
function findTransition(machine, state, nameOrId) {
	if (typeof nameOrId !== 'string' || nameOrId === '') {
		throw badRequest('transition: This value should not be blank.', 'transition');
	}
	const found = transitionsFrom(machine, state).find((t) => t.name === nameOrId || t.id === nameOrId);
	if (found) return found;
	const allowed = allowedNames(machine, state);
	throw badRequest(
		`Transition "${nameOrId}" is not allowed for this ${machine.kind} in state ${state}. Allowed transitions: ${
			allowed.length ? allowed.join(', ') : 'none (final state)'
		}.`,
		'transition',
	);
}

module.exports = { compileMachine, transitionsFrom, allowedNames, findTransition };
