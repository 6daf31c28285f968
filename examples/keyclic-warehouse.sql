-- Tables for examples/keyclic-to-postgres.json: the latest known state of every Keyclic report and
-- operation, one row each, written by n8n's stock Postgres node. Run once in your warehouse database:
--   psql -h <host> -U <user> -d <database> -f examples/keyclic-warehouse.sql
-- Two triggers feed the same upserts: the Keyclic Trigger (webhook, at once) and the Keyclic Polling Trigger (every
-- 5 minutes: what n8n missed while it was down, state changes and removed operations included). The upserts are
-- INSERT … ON CONFLICT … DO UPDATE … WHERE <newer, and changed>: a change that arrives late (an older updated_at)
-- never overwrites a newer state, and the same change again (re-delivered, or brought by both triggers) writes nothing.

CREATE TABLE IF NOT EXISTS keyclic_reports (
	report_id       uuid PRIMARY KEY,                 -- Report id (payload.id)
	organization_id text,                             -- last segment of _links.organization
	state           text,                             -- state code: NEW, ACCEPTED, IN_PROGRESS, CLOSED…
	state_label     text,                             -- label in the organization's language, when sent
	created_at      timestamptz,                      -- payload.createdAt
	updated_at      timestamptz,                      -- payload.updatedAt: decides which notification is newest
	last_event      text NOT NULL,                    -- report_created | report_state_changed
	event_key       text NOT NULL,                    -- the triggers' eventKey of the change kept (event:id:state:updatedAt)
	received_at     timestamptz NOT NULL,             -- when n8n received that notification (webhook) or found the change (poll)
	source          text,                             -- webhook | poll: which trigger brought the change kept
	written_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS keyclic_operations (
	operation_id    uuid PRIMARY KEY,                 -- Operation id (payload.id)
	report_id       text,                             -- parent report (last segment of _links.report)
	organization_id text,
	state           text,                             -- NEW, ASSIGNED, IN_PROGRESS, RESOLVED…
	state_label     text,
	created_at      timestamptz,
	updated_at      timestamptz,
	removed         boolean NOT NULL DEFAULT false,   -- true once operation_removed was received, from either trigger (sticky)
	last_event      text NOT NULL,                    -- operation_created | operation_state_changed | operation_removed
	event_key       text NOT NULL,
	received_at     timestamptz NOT NULL,
	source          text,                             -- webhook | poll
	written_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS keyclic_operations_report_id ON keyclic_operations (report_id);

-- Tables made by an earlier version of this file (before the polling trigger): add the column it writes.
ALTER TABLE keyclic_reports ADD COLUMN IF NOT EXISTS source text;
ALTER TABLE keyclic_operations ADD COLUMN IF NOT EXISTS source text;
