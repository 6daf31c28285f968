'use strict';
// Fixed demo data. Organization ids are those of the shared fixtures (legacy and 2025 shapes), so
// fixture payloads and emulator payloads point at the same organizations.

const DEMO_USER = Object.freeze({
	id: 'e3b8a4f2-6c1d-4f5e-9a7b-2d4c6e8f0a1b',
	login: 'demo@keyclic.example',
	password: 'demo-password',
	givenName: 'Camille',
	familyName: 'Démo',
	jobTitle: 'Gestionnaire technique',
});

/**
 * A technician, member of organization 1 only; cannot log in (no password). The person an operation is
 * assigned to in the examples ("assign it to the electrician").
 */
const TECHNICIAN = Object.freeze({
	id: '9d2f6b8e-3a4c-4e71-b5d0-6c8e1f2a3b4d',
	login: 'electricien@keyclic.example',
	password: null,
	givenName: 'Sam',
	familyName: 'Électricien',
	jobTitle: 'Électricien',
	membershipId: '1e7c9a5b-2f3d-4b86-a0e4-7d9f1b2c3e5a',
});

const ORGANIZATIONS = Object.freeze([
	Object.freeze({
		id: '2cfb5108-682f-4648-85a1-0f15dbca0780',
		name: 'Bailleur Démo Lyon',
		alternateName: 'Résidence Les Canuts',
		description: 'Organisation de démonstration (émulateur Keyclic)',
		referencePrefix: 'CANUTS',
		membershipId: '5a0c2f3e-8d7b-4c61-9e2a-3f4b5c6d7e81',
	}),
	Object.freeze({
		id: '50959713-c14e-4906-a96e-5f71704870ba',
		name: 'Syndic Démo Villeurbanne',
		alternateName: 'Copropriété Gratte-Ciel',
		description: 'Seconde organisation de démonstration (émulateur Keyclic)',
		referencePrefix: 'GRATTE',
		membershipId: '6b1d3a4f-9e8c-4d72-8f3b-4a5c6d7e8f92',
	}),
]);

/** Exists but the demo user is not a member of it: every access answers 403. */
const FOREIGN_ORGANIZATION = Object.freeze({
	id: '7f3e9c1a-5b2d-4e8f-a6c4-1d0b9e8f7a6c',
	name: 'Organisation Tierce',
	alternateName: 'Non membre',
	description: "Organisation dont l'utilisateur de démo n'est pas membre",
	referencePrefix: 'TIERCE',
	membershipId: null,
});

const APP_KEYS = Object.freeze(['com.keyclic.app']);
const CREATED_AT = Date.parse('2019-01-15T10:00:00+01:00');

/** The demo content added by `seedSampleData` / CLI `--seed` (no webhooks, so nothing is delivered). */
const SAMPLE_REPORTS = Object.freeze([
	{
		organization: ORGANIZATIONS[0].id,
		description: "Fuite d'eau au plafond du hall B (près de l'ascenseur) – sol glissant.",
		tags: ['plomberie', 'fuite'],
		priority: 1,
		transitions: ['accept'],
		operations: [{ name: 'Recherche et réparation de fuite – hall B', description: "Localiser l'origine de la fuite et réparer." }],
	},
	{
		organization: ORGANIZATIONS[1].id,
		description: "L'ascenseur est bloqué au 3e étage, portes fermées.",
		tags: ['ascenseur'],
		priority: 2,
		transitions: [],
		operations: [],
	},
]);

module.exports = { DEMO_USER, TECHNICIAN, ORGANIZATIONS, FOREIGN_ORGANIZATION, APP_KEYS, CREATED_AT, SAMPLE_REPORTS };
