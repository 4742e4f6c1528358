-- Roundtable schema on PostgreSQL, version 4: approved minutes and amendments.
-- Kept in step with sqlite/0004_minutes_approval.sql.
-- A shipped migration is never edited: add a new file instead.

ALTER TABLE meeting ADD COLUMN approved_by text;
ALTER TABLE meeting ADD COLUMN approved_at timestamptz;
ALTER TABLE meeting ADD COLUMN minutes_version bigint NOT NULL DEFAULT 0;

CREATE TABLE amendment (
    id          uuid PRIMARY KEY,
    meeting_id  uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    version     bigint NOT NULL,
    opened_by   text NOT NULL,
    opened_at   timestamptz NOT NULL,
    why         text NOT NULL,
    what        text,
    closed_at   timestamptz
);
CREATE INDEX amendment_meeting ON amendment (meeting_id, version);
