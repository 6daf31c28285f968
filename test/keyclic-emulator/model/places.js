'use strict';
// Places (the buildings a report is about): one fixed place per demo organization, so a feedback
// (POST /feedbacks/issues) can name one and GET /organizations/{organization}/places lists them.
const crypto = require('node:crypto');
const { ORGANIZATIONS, CREATED_AT } = require('../seed');
const { notFound } = require('../errors');

const PLACES = Object.freeze([
	Object.freeze({
		id: '0c4a8e2d-7b91-4f3c-a5d6-e8f9a0b1c2d3',
		organizationId: ORGANIZATIONS[0].id,
		name: 'Résidence Les Canuts – Bâtiment B',
		latitude: 45.7797,
		longitude: 4.8286,
	}),
	Object.freeze({
		id: '1d5b9f3e-8ca2-4a4d-b6e7-f9a0b1c2d3e4',
		organizationId: ORGANIZATIONS[1].id,
		name: 'Copropriété Gratte-Ciel – Tour A',
		latitude: 45.7699,
		longitude: 4.8797,
	}),
]);

/** The seed places and those added with emu.addPlace (forgotten on reset). */
const allPlaces = (core) => [...PLACES, ...core.store.extraPlaces];
const placeById = (core, id) => allPlaces(core).find((p) => p.id === id) || null;

/** Whether `name` contains the free text of a list's `query` (s20+; what Keyclic compares is not documented: the name here). */
const matchesQuery = (name, query) => !query || String(name).toLowerCase().includes(String(query).toLowerCase());

/** The places of an organization the actor may read (404/403 as the organization), filtered by `query`. */
function organizationPlaces(core, actor, organizationId, query = null) {
	core.store.organizationFor(actor, organizationId);
	return allPlaces(core)
		.filter((p) => p.organizationId === organizationId && matchesQuery(p.name, query))
		.map((p) => ({ ...p, createdAt: CREATED_AT, seq: 0 }));
}

/** Adds a place to an organization (module API emu.addPlace). */
function addPlace(core, { organizationId, name }) {
	const place = { id: crypto.randomUUID(), organizationId, name, latitude: 45.76, longitude: 4.84 };
	core.store.extraPlaces.push(place);
	return place;
}

/** One place the actor may read. */
function placeFor(core, actor, id) {
	const place = placeById(core, id);
	if (!place) throw notFound(`Place "${id}" not found.`);
	core.store.organizationFor(actor, place.organizationId);
	return { ...place, createdAt: CREATED_AT };
}

module.exports = { PLACES, placeById, organizationPlaces, placeFor, addPlace, matchesQuery };
