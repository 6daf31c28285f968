'use strict';
// Reports: creation (emulator convenience: the real API creates them from feedbacks), lookup,
// listing and workflow transitions (legacy state machine, docs/keyclic-api.md §6).
const crypto = require('node:crypto');
const { badRequest, forbidden } = require('../errors');
const { findTransition } = require('../workflow');
const { OPERATION_DONE_STATES } = require('../state-machines');
const { serializeReport } = require('../serialize');
const v = require('./validate');
const { transitionExtras, addActivity } = require('./comments');
const { IMAGE_TYPES, addFile, fileFromBody } = require('./files');

const pad6 = (n) => String(n).padStart(6, '0');

/**
 * Emulator-only `photos` of POST /reports: FileData {content, contentType, name} of JPEG or PNG images, stored on the
 * report's feedback before reportCreated goes out (a report the occupant filed with photos, in one call).
 */
function photosOf(body, errors) {
	if (body.photos === undefined) return [];
	if (!Array.isArray(body.photos)) {
		errors.push({ message: 'This value should be of type array.', path: 'photos' });
		return [];
	}
	const photos = [];
	for (const [i, photo] of body.photos.entries()) {
		try {
			const file = fileFromBody(photo, `photos[${i}]`, ['content', 'contentType', 'name']);
			if (IMAGE_TYPES.includes(file.contentType)) photos.push(file);
			else
				errors.push({
					message: `The mime type "${file.contentType}" is not valid. Allowed: ${IMAGE_TYPES.join(', ')}.`,
					path: `photos[${i}].contentType`,
				});
		} catch (e) {
			if (!Array.isArray(e.errors)) throw e;
			errors.push(...e.errors);
		}
	}
	return photos;
}

function createReport(core, actor, body) {
	v.requireObject(body);
	const errors = [];
	if (typeof body.organization !== 'string' || body.organization === '') {
		errors.push({ message: 'This value should not be blank.', path: 'organization' });
	}
	const data = {
		description: v.str(body, 'description', errors, { required: true, min: 1 }),
		name: v.str(body, 'name', errors),
		identificationNumber: v.str(body, 'identificationNumber', errors),
		reference: v.str(body, 'reference', errors),
		tags: v.tags(body, errors),
		priority: v.priority(body, errors),
		dueAt: v.date(body, body.dueBy !== undefined ? 'dueBy' : 'dueAt', errors),
		scheduledAt: v.date(body, 'scheduledAt', errors),
		placeId: v.str(body, 'place', errors),
		categoryId: v.str(body, 'category', errors),
	};
	const photos = photosOf(body, errors);
	v.throwIf(errors);
	if (!core.store.isMember(actor.id, body.organization)) throw forbidden('You are not a member of this organization.');
	const org = core.store.organizations.get(body.organization);
	const now = core.clock();
	const n = ++core.store.counters.report;
	const state = core.machines.report.initialState;
	const report = {
		id: crypto.randomUUID(),
		organizationId: org.id,
		...data,
		identificationNumber: data.identificationNumber || `DEM-${new Date(now).getUTCFullYear()}-${pad6(n)}`,
		reference: data.reference || `${org.referencePrefix}-${pad6(n)}`,
		state,
		history: [{ state, at: now }],
		createdBy: actor.id,
		createdAt: now,
		updatedAt: now,
		seq: core.store.nextSeq(),
	};
	core.store.reports.set(report.id, report);
	for (const photo of photos) addFile(core, { kind: 'report', id: report.id }, 'photo', photo);
	core.notify('reportCreated', report.organizationId, () => serializeReport(core, report));
	return report;
}

function organizationReports(core, actor, organizationId) {
	core.store.organizationFor(actor, organizationId);
	return [...core.store.reports.values()].filter((r) => r.organizationId === organizationId);
}

function transitionReport(core, actor, id, body) {
	const report = core.store.resourceFor(actor, 'report', id);
	v.requireObject(body);
	const t = findTransition(core.machines.report, report.state, body.transition);
	const extras = transitionExtras(body);
	if (t.name === 'close' || t.to === 'CLOSED') {
		const open = core.store.operationsOfReport(report.id).filter((o) => !OPERATION_DONE_STATES.includes(o.state));
		if (open.length) {
			throw badRequest(
				`The report cannot be closed: ${open.length} operation(s) are not resolved or refused (${open
					.map((o) => `${o.id} is ${o.state}`)
					.join(', ')}).`,
				'transition',
			);
		}
	}
	const now = core.clock();
	addActivity(core, actor, report, { verb: `transition:${t.name}`, text: extras.text, at: extras.at });
	report.state = t.to;
	report.history.push({ state: t.to, at: now });
	if (core.options.stateChangeTouchesUpdatedAt) report.updatedAt = now;
	core.notify('reportStateChanged', report.organizationId, () => serializeReport(core, report));
	return report;
}

module.exports = { createReport, organizationReports, transitionReport };
