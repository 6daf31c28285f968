-- Tables for examples/keyclic-to-postgres.json: the latest known state of every Keyclic report and
-- operation, one row each, written by n8n's stock Postgres node. Run once in your warehouse database:
--   psql -h <host> -U <user> -d <database> -f examples/keyclic-warehouse.sql
-- The workflow upserts with INSERT … ON CONFLICT … DO UPDATE … WHERE <newer>, so a notification that
-- arrives late (an older updated_at) never overwrites a newer state, and a re-delivery changes nothing.
-- Its nightly run (Schedule Trigger → Keyclic Get Many of reports and of operations) goes through the same
-- upsert, so what was missed while n8n was down is caught up; it writes only rows whose state or updated_at
-- it changes, and marks removed the operations the full listing no longer returns.

CREATE TABLE IF NOT EXISTS keyclic_reports (
	report_id       uuid PRIMARY KEY,                 -- Report id (payload.id)
	organization_id text,                             -- last segment of _links.organization
	state           text,                             -- state code: NEW, ACCEPTED, IN_PROGRESS, CLOSED…
	state_label     text,                             -- label in the organization's language, when sent
	created_at      timestamptz,                      -- payload.createdAt
	updated_at      timestamptz,                      -- payload.updatedAt: decides which notification is newest
	last_event      text NOT NULL,                    -- report_created | report_state_changed | listed (the nightly run)
	event_key       text NOT NULL,                    -- the trigger's eventKey of the notification kept (listed:<id>:<state>:<updatedAt>)
	received_at     timestamptz NOT NULL,             -- when n8n received that notification (or listed the report)
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
	removed         boolean NOT NULL DEFAULT false,   -- true once operation_removed was received (sticky), or the nightly full listing no longer returned it (not_listed)
	last_event      text NOT NULL,                    -- operation_created | operation_state_changed | operation_removed | listed | not_listed
	event_key       text NOT NULL,
	received_at     timestamptz NOT NULL,
	written_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS keyclic_operations_report_id ON keyclic_operations (report_id);
