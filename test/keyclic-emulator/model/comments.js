'use strict';
// Comments and reminders on operations (POST/GET /operations/{operation}/comments) and the optional
// comment of a workflow transition (`text`, `datetime` of WorkflowData, API 2.13.20+). They are kept as
// activities; GET answers the API's ActivityPagination {results[], next} (not a HAL collection).
const crypto = require('node:crypto');
const v = require('./validate');

const COMMENT_TYPES = ['Comment', 'Reminder'];

/** Validates a CommentData body {text, type?}; returns {text, type}. */
function commentData(body) {
	v.requireObject(body);
	v.rejectExtraFields(body, ['text', 'type']);
	const errors = [];
	const text = v.str(body, 'text', errors, { required: true, min: 1, max: 10000 });
	if (text !== null && text.trim() === '') errors.push({ message: 'This value should not be blank.', path: 'text' });
	const type = body.type === undefined ? 'Comment' : body.type;
	if (!COMMENT_TYPES.includes(type))
		errors.push({ message: `The value you selected is not a valid choice (${COMMENT_TYPES.join(', ')}).`, path: 'type' });
	v.throwIf(errors);
	return { text, type };
}

/** The optional `text` and `datetime` of a WorkflowData body, validated. */
function transitionExtras(body) {
	v.rejectExtraFields(body, ['transition', 'text', 'datetime']);
	const errors = [];
	const text = v.str(body, 'text', errors, { max: 10000 });
	const at = v.date(body, 'datetime', errors);
	v.throwIf(errors);
	return { text, at };
}

/** Records an activity on a resource (its `activities` array). */
function addActivity(core, actor, resource, { verb, text, type = 'Comment', at = null }) {
	resource.activities = resource.activities || [];
	const entry = { id: crypto.randomUUID(), verb, text, type, actorId: actor.id, time: at ?? core.clock() };
	resource.activities.push(entry);
	return entry;
}

/** ActivityPagination of an operation's comments (newest first), as GET /operations/{operation}/comments. */
function activityPage(core, resource) {
	const results = [...(resource.activities || [])]
		.filter((a) => a.text)
		.reverse()
		.map((a) => ({
			actor: `/people/${a.actorId}`,
			verb: a.verb,
			object: a.id,
			title: a.type,
			message: a.text,
			time: core.date(a.time),
			origin: `/operations/${resource.id}`,
		}));
	// `next` is a string in the spec and what it holds is not documented: one page, so no `next` at all.
	return { results };
}

module.exports = { commentData, transitionExtras, addActivity, activityPage };
