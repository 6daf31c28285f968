'use strict';
// Small resources: Organization, Person, Webhook, Priority.
const { link, organizationLink } = require('./links');
const { stableUuid } = require('../time');

function serializeOrganization(core, o) {
	return {
		type: 'Organization',
		id: o.id,
		name: o.name,
		alternateName: o.alternateName,
		description: o.description,
		enabled: true,
		createdAt: core.date(o.createdAt),
		updatedAt: core.date(o.updatedAt),
		_links: { self: organizationLink(o.id) },
	};
}

function serializePerson(core, p) {
	return {
		type: 'Person',
		id: p.id,
		givenName: p.givenName,
		familyName: p.familyName,
		email: p.login,
		username: p.login,
		jobTitle: p.jobTitle,
		optIn: false,
		enabled: true,
		createdAt: core.date(p.createdAt),
		updatedAt: core.date(p.updatedAt),
		_links: {
			self: link(`/people/${p.id}`, { person: p.id }),
			image: link(`/people/${p.id}/image`, { person: p.id }),
		},
	};
}

function serializeWebhook(core, w) {
	return {
		type: 'Webhook',
		id: w.id,
		event: w.event,
		payloadUrl: w.payloadUrl,
		enabled: w.enabled,
		createdAt: core.date(w.createdAt),
		updatedAt: core.date(w.updatedAt),
		_links: {
			self: link(`/webhooks/${w.id}`, { webhook: w.id }),
			organization: organizationLink(w.organizationId),
		},
	};
}

/** Member: a person's membership of an organization (GET /organizations/{organization}/members). */
function serializeMember(core, m) {
	const person = core.store.people.get(m.personId);
	return {
		type: 'Member',
		id: m.id,
		roles: [...(m.roles || [])],
		createdAt: core.date(person.createdAt),
		updatedAt: core.date(person.updatedAt),
		_links: {
			self: link(`/members/${m.id}`, { member: m.id }),
			organization: organizationLink(m.organizationId),
			person: link(`/people/${m.personId}`, { person: m.personId }),
		},
		_embedded: { person: serializePerson(core, person) },
	};
}

const PRIORITIES = {
	1: { name: 'Urgente', color: '#E53935' },
	2: { name: 'Normale', color: '#FFA000' },
	3: { name: 'Basse', color: '#43A047' },
};

/** 2025-era priority object; legacy serializations use the bare integer. */
function priorityObject(position) {
	const p = PRIORITIES[position] || PRIORITIES[2];
	return { type: 'Priority', id: stableUuid(`priority:${position}`), name: p.name, color: p.color, position };
}

module.exports = { serializeOrganization, serializePerson, serializeMember, serializeWebhook, priorityObject, PRIORITIES };
