'use strict';
// GET /organizations/{organization}/categories: the s18–s21 route (the 2025 API has none: 404 there, as
// for a route Keyclic does not have). Fixed categories, two for organization 1, one for organization 2, plus
// those emu.addCategory adds; `query` (s20–s21) keeps those whose name contains it.
const crypto = require('node:crypto');
const { paginate } = require('../pagination');
const { link, organizationLink } = require('../serialize/links');
const { notFound } = require('../errors');
const { ORGANIZATIONS, CREATED_AT } = require('../seed');
const { matchesQuery } = require('../model/places');

const CATEGORIES = Object.freeze([
	{ id: '4a6c8e0f-1b3d-4f5a-9c7e-0d2f4a6c8e01', organizationId: ORGANIZATIONS[0].id, name: 'Plomberie', color: '#1E88E5' },
	{ id: '4a6c8e0f-1b3d-4f5a-9c7e-0d2f4a6c8e02', organizationId: ORGANIZATIONS[0].id, name: 'Électricité', color: '#FDD835' },
	{ id: '4a6c8e0f-1b3d-4f5a-9c7e-0d2f4a6c8e03', organizationId: ORGANIZATIONS[1].id, name: 'Ascenseur', color: '#8E24AA' },
]);

function serializeCategory(core, c) {
	return {
		type: 'Category',
		id: c.id,
		name: c.name,
		color: c.color,
		createdAt: core.date(CREATED_AT),
		updatedAt: core.date(CREATED_AT),
		_links: { self: link(`/categories/${c.id}`, { category: c.id }), organization: organizationLink(c.organizationId) },
	};
}

module.exports = function register(router) {
	router.add('GET', '/organizations/:organization/categories', ({ core, actor, params, query, url }) => {
		if (core.options.payloadEra === '2025') throw notFound(`No route found for "GET ${url.pathname}".`);
		core.store.organizationFor(actor, params.organization);
		const list = [...CATEGORIES, ...core.store.extraCategories]
			.filter((c) => c.organizationId === params.organization && matchesQuery(c.name, query.get('query')))
			.map((c) => ({ ...c, createdAt: CREATED_AT, seq: 0 }));
		return {
			status: 200,
			body: paginate(list, `/organizations/${params.organization}/categories`, query, (c) => serializeCategory(core, c), { sort: false }),
		};
	});
};

/** Adds a category to an organization (module API emu.addCategory). */
function addCategory(core, { organizationId, name, color = '#607D8B' }) {
	const category = { id: crypto.randomUUID(), organizationId, name, color };
	core.store.extraCategories.push(category);
	return category;
}

module.exports.CATEGORIES = CATEGORIES;
module.exports.addCategory = addCategory;
