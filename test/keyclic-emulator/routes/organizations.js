'use strict';
// GET /organizations (the actor's, paginated), GET /organizations/:organization.
const { paginate } = require('../pagination');
const { serializeOrganization } = require('../serialize');

module.exports = function register(router) {
	router.add('GET', '/organizations', ({ core, actor, query }) => ({
		status: 200,
		body: paginate(core.store.memberOrganizations(actor.id), '/organizations', query, (o) => serializeOrganization(core, o), {
			sort: false,
		}),
	}));
	router.add('GET', '/organizations/:organization', ({ core, actor, params }) => ({
		status: 200,
		body: serializeOrganization(core, core.store.organizationFor(actor, params.organization)),
	}));
};
