'use strict';
// GET /organizations (the actor's, paginated), GET /organizations/:organization, its members (s18–s21 route: absent
// from s25, so the 2025 era answers 404 as Keyclic does).
const { paginate } = require('../pagination');
const { serializeOrganization, serializeMember } = require('../serialize');

module.exports = function register(router) {
	router.add('GET', '/organizations', ({ core, actor, query }) => ({
		status: 200,
		body: paginate(core.store.memberOrganizations(actor.id), '/organizations', query, (o) => serializeOrganization(core, o), {
			sort: false,
		}),
	}));
	router.add(
		'GET',
		'/organizations/:organization/members',
		({ core, actor, params, query }) => {
			core.store.organizationFor(actor, params.organization);
			return {
				status: 200,
				body: paginate(
					core.store.membersOf(params.organization),
					`/organizations/${params.organization}/members`,
					query,
					(m) => serializeMember(core, m),
					{ sort: false },
				),
			};
		},
		{ eras: ['legacy'] },
	);
	router.add('GET', '/organizations/:organization', ({ core, actor, params }) => ({
		status: 200,
		body: serializeOrganization(core, core.store.organizationFor(actor, params.organization)),
	}));
};
