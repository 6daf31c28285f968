'use strict';
// HAL link objects as the Keyclic API writes them: {href (relative), iriTemplate: {mapping}} (docs/keyclic-api.md §3).

const link = (href, mapping) => ({ href, iriTemplate: { mapping } });
const organizationLink = (id) => link(`/organizations/${id}`, { organization: id });
const personLink = (id) => link(`/people/${id}`, { person: id });
const reportLink = (id) => link(`/reports/${id}`, { report: id });

/** Drops null/undefined fields: Swagger 2.0 has no null, and a resource without a value leaves the field out. */
const withoutNulls = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

module.exports = { link, organizationLink, personLink, reportLink, withoutNulls };
