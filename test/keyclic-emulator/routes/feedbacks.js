'use strict';
// Feedbacks (POST /feedbacks/issues, GET /feedbacks/{feedback}) and places (GET /places/{place},
// GET /organizations/{organization}/places): routes of every spec era that has them.
const { paginate } = require('../pagination');
const { serializeFeedback, serializePlace } = require('../serialize/place');
const { createFeedback, feedbackFor } = require('../model/feedbacks');
const { organizationPlaces, placeFor } = require('../model/places');

module.exports = function register(router) {
	router.add('POST', '/feedbacks/issues', ({ core, actor, body }) => {
		const f = createFeedback(core, actor, body);
		return { status: 201, body: serializeFeedback(core, f), headers: { location: `/feedbacks/${f.id}` } };
	});
	router.add('GET', '/feedbacks/:feedback', ({ core, params }) => ({
		status: 200,
		body: serializeFeedback(core, feedbackFor(core, params.feedback)),
	}));
	router.add('GET', '/places/:place', ({ core, actor, params }) => ({
		status: 200,
		body: serializePlace(core, placeFor(core, actor, params.place)),
	}));
	router.add('GET', '/organizations/:organization/places', ({ core, actor, params, query }) => ({
		status: 200,
		body: paginate(organizationPlaces(core, actor, params.organization), `/organizations/${params.organization}/places`, query, (p) =>
			serializePlace(core, p),
		),
	}));
};
