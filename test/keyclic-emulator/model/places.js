'use strict';
// Places (the buildings a report is about): one fixed place per demo organization, so a feedback
// (POST /feedbacks/issues) can name one and GET /organizations/{organization}/places lists them.
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

const placeById = (id) => PLACES.find((p) => p.id === id) || null;

/** The places of an organization the actor may read (404/403 as the organization). */
function organizationPlaces(core, actor, organizationId) {
	core.store.organizationFor(actor, organizationId);
	return PLACES.filter((p) => p.organizationId === organizationId).map((p) => ({ ...p, createdAt: CREATED_AT, seq: 0 }));
}

/** One place the actor may read. */
function placeFor(core, actor, id) {
	const place = placeById(id);
	if (!place) throw notFound(`Place "${id}" not found.`);
	core.store.organizationFor(actor, place.organizationId);
	return { ...place, createdAt: CREATED_AT };
}

module.exports = { PLACES, placeById, organizationPlaces, placeFor };
