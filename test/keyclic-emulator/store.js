'use strict';
// In-memory data: people, organizations, memberships (fixed seed) and webhooks, reports,
// operations (created at run time). Timestamps are ms since epoch; `seq` breaks createdAt ties.
const { DEMO_USER, TECHNICIAN, ORGANIZATIONS, FOREIGN_ORGANIZATION, CREATED_AT } = require('./seed');
const { notFound, forbidden } = require('./errors');

class Store {
	constructor() {
		const { membershipId: technicianMembership, ...technician } = TECHNICIAN;
		this.people = new Map([DEMO_USER, technician].map((p) => [p.id, { ...p, createdAt: CREATED_AT, updatedAt: CREATED_AT }]));
		this.organizations = new Map(
			[...ORGANIZATIONS, FOREIGN_ORGANIZATION].map((o) => [o.id, { ...o, createdAt: CREATED_AT, updatedAt: CREATED_AT }]),
		);
		/** [{id, personId, organizationId}] */
		this.memberships = [
			...ORGANIZATIONS.map((o) => ({ id: o.membershipId, personId: DEMO_USER.id, organizationId: o.id, roles: ['ROLE_ADMIN'] })),
			{ id: technicianMembership, personId: TECHNICIAN.id, organizationId: ORGANIZATIONS[0].id, roles: ['ROLE_SERVICE_PROVIDER'] },
		];
		this.reset();
	}

	/** Drops every webhook, report and operation (seed data stays). */
	reset() {
		this.webhooks = new Map();
		this.reports = new Map();
		this.operations = new Map();
		/** Photos and documents (model/files.js). */
		this.files = new Map();
		this.feedbacks = new Map();
		/** Places and categories added with emu.addPlace / emu.addCategory (the seed ones are fixed). */
		this.extraPlaces = [];
		this.extraCategories = [];
		this.counters = { seq: 0, report: 0, operation: 0 };
	}

	nextSeq() {
		return ++this.counters.seq;
	}

	personByLogin(login) {
		return [...this.people.values()].find((p) => p.login === login && p.password) || null;
	}

	isMember(personId, organizationId) {
		return this.memberships.some((m) => m.personId === personId && m.organizationId === organizationId);
	}

	memberOrganizations(personId) {
		return [...this.organizations.values()].filter((o) => this.isMember(personId, o.id));
	}

	/** The membership matching `member` (membership id or person id) in an organization, or null. */
	findMember(organizationId, member) {
		return this.memberships.find((m) => m.organizationId === organizationId && (m.id === member || m.personId === member)) || null;
	}

	/** Organization the actor may use: 404 if unknown, 403 if not a member. */
	organizationFor(actor, id) {
		const org = this.organizations.get(id);
		if (!org) throw notFound(`Organization "${id}" not found.`);
		if (!this.isMember(actor.id, id)) throw forbidden('You are not a member of this organization.');
		return org;
	}

	/** Any resource of a map with an organizationId: 404 if unknown, 403 if the actor is not a member. */
	resourceFor(actor, kind, id) {
		const map = { webhook: this.webhooks, report: this.reports, operation: this.operations }[kind];
		const item = map.get(id);
		const label = kind[0].toUpperCase() + kind.slice(1);
		if (!item) throw notFound(`${label} "${id}" not found.`);
		if (!this.isMember(actor.id, item.organizationId)) throw forbidden(`Access denied to this ${kind}.`);
		return item;
	}

	membersOf(organizationId) {
		return this.memberships.filter((m) => m.organizationId === organizationId);
	}

	operationsOfReport(reportId) {
		return [...this.operations.values()].filter((o) => o.reportId === reportId);
	}
}

module.exports = { Store };
