'use strict';
const crypto = require('node:crypto');
// Feedbacks (POST /feedbacks/issues, GET /feedbacks/{feedback}) and places (GET /places/{place},
// GET /organizations/{organization}/places) and a feedback's comments (GET|POST /feedbacks/{feedback}/comments,
// a report's comments go there): routes of every spec era that has them.
const { paginate } = require('../pagination');
const { serializeFeedback, serializePlace } = require('../serialize/place');
const { createFeedback, feedbackFor } = require('../model/feedbacks');
const { organizationPlaces, placeFor } = require('../model/places');
const { commentData } = require('../model/comments');
const { pageActivities } = require('../model/activity-paging');

/** A feedback's comments as ActivityPagination (newest first), as GET /operations/{operation}/comments. */
function feedbackComments(core, f, query) {
	const results = [...f.comments].reverse().map((c) => ({
		actor: `/people/${c.actorId}`,
		verb: 'comment',
		object: c.id,
		title: c.type,
		message: c.text,
		time: core.date(c.time),
		origin: `/feedbacks/${f.id}`,
	}));
	return pageActivities({ results }, query);
}

module.exports = function register(router) {
	router.add('POST', '/feedbacks/issues', ({ core, actor, body }) => {
		const f = createFeedback(core, actor, body);
		return { status: 201, body: serializeFeedback(core, f), headers: { location: `/feedbacks/${f.id}` } };
	});
	router.add('GET', '/feedbacks/:feedback', ({ core, params }) => ({
		status: 200,
		body: serializeFeedback(core, feedbackFor(core, params.feedback)),
	}));
	router.add('POST', '/feedbacks/:feedback/comments', ({ core, actor, params, body }) => {
		const f = feedbackFor(core, params.feedback);
		const { text, type } = commentData(body);
		f.comments.push({ id: crypto.randomUUID(), text, type, actorId: actor.id, time: core.clock() });
		// 200, not 201: the only success both specs declare for this route
		return { status: 200, body: serializeFeedback(core, f) };
	});
	router.add('GET', '/feedbacks/:feedback/comments', ({ core, params, query }) => ({
		status: 200,
		body: feedbackComments(core, feedbackFor(core, params.feedback), query),
	}));
	router.add('GET', '/places/:place', ({ core, actor, params }) => ({
		status: 200,
		body: serializePlace(core, placeFor(core, actor, params.place)),
	}));
	router.add('GET', '/organizations/:organization/places', ({ core, actor, params, query }) => ({
		status: 200,
		body: paginate(
			organizationPlaces(core, actor, params.organization, query.get('query')),
			`/organizations/${params.organization}/places`,
			query,
			(p) => serializePlace(core, p),
		),
	}));
};
