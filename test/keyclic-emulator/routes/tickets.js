'use strict';
// The Tickets API ("v3", s25v3.json), 2025 era only (404 in the legacy era, as a route Keyclic does not have):
//   POST /auth/token {grantType: 'external_auth', idToken} → {accessToken, idToken, tokenType}
//   GET /tickets, GET|PATCH|DELETE /tickets/{identifier}, GET /tickets/{identifier}/workflow-transitions
// Every /tickets call needs X-Organization-Id. Tickets are the 2025 reports and operations (model/tickets.js).
const { HttpError, badRequest, unauthorized } = require('../errors');
const { checkAppKey } = require('../auth');
const { serializeTicket, v3State } = require('../serialize/ticket');
const { transitionsFrom } = require('../workflow');
const { TRANSITION_LABELS } = require('../state-machines');
const model = require('../model/tickets');
const { requireObject } = require('../model/validate');

const V3 = { eras: ['2025'], api: 'v3' };

function v3Transition(core, kind, t) {
	return {
		_links: { self: { href: `/workflow-transitions/${t.id}` } },
		id: t.id,
		name: TRANSITION_LABELS[t.name] || t.name,
		description: `Transition « ${t.name} » de ${t.from} vers ${t.to}`,
		fields: [],
		required: [],
		_embedded: { from: v3State(core, kind, t.from), to: v3State(core, kind, t.to) },
	};
}

/** POST /auth/token: exchanges an idToken for an access token. The login's idToken is accepted with ticketsToken 'exchange' only. */
function exchangeToken({ core, req, body }) {
	checkAppKey(core, req);
	requireObject(body);
	if (body.grantType !== 'external_auth')
		throw badRequest('grantType: The value you selected is not a valid choice (external_auth).', 'grantType');
	if (typeof body.idToken !== 'string' || body.idToken === '') throw badRequest('idToken: This value should not be blank.', 'idToken');
	const { claims, error } = core.tokens.verify(body.idToken);
	const person = claims && claims.use === 'id' && core.store.people.get(claims.sub);
	if (error || !person || core.options.ticketsToken !== 'exchange') throw unauthorized('Invalid token');
	return {
		status: 200,
		body: { accessToken: core.tokens.issue(person, { aud: 'tickets' }), idToken: body.idToken, tokenType: 'Bearer' },
		headers: { 'content-type': 'application/json' },
	};
}

module.exports = function register(router) {
	router.add('POST', '/auth/token', exchangeToken, { ...V3, public: true });
	router.add(
		'GET',
		'/tickets',
		({ core, req, actor, query }) => {
			const organization = model.organizationHeader(core, req, actor);
			const q = model.parseTicketQuery(core, query);
			const list = model.queryTickets(core, organization, q);
			return { status: 200, body: model.halCollection(list, '/tickets', query, q, (t) => serializeTicket(core, t.kind, t.rec)) };
		},
		V3,
	);
	const one = (handler) => (ctx) => {
		const organization = model.organizationHeader(ctx.core, ctx.req, ctx.actor);
		return handler(ctx, model.findTicket(ctx.core, organization, ctx.params.identifier));
	};
	router.add(
		'GET',
		'/tickets/:identifier',
		one(({ core }, t) => ({ status: 200, body: serializeTicket(core, t.kind, t.rec) })),
		V3,
	);
	router.add(
		'PATCH',
		'/tickets/:identifier',
		one(({ core, req, body }, t) => {
			if (!/^application\/merge-patch\+json\b/i.test(req.headers['content-type'] || '')) {
				throw new HttpError(415, 'Unsupported Media Type: PATCH /tickets/{identifier} takes Content-Type: application/merge-patch+json.');
			}
			model.patchTicket(core, t, body);
			return { status: 200, body: serializeTicket(core, t.kind, t.rec) };
		}),
		V3,
	);
	router.add(
		'DELETE',
		'/tickets/:identifier',
		one(({ core, actor }, t) => {
			model.deleteTicket(core, actor, t);
			return { status: 204 };
		}),
		V3,
	);
	router.add(
		'GET',
		'/tickets/:identifier/workflow-transitions',
		one(({ core, query }, t) => {
			const q = model.parsePageQuery(core, query);
			const list = transitionsFrom(core.machines[t.kind], t.rec.state);
			return {
				status: 200,
				body: model.halCollection(list, `/tickets/${t.rec.id}/workflow-transitions`, query, q, (x) => v3Transition(core, t.kind, x)),
			};
		}),
		V3,
	);
};
