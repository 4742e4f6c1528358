-- Approving the minutes locks the meeting's record; a later change is an
-- amendment (who, when, why, what) and raises the minutes' version.

ALTER TABLE meeting ADD COLUMN approved_by TEXT;
ALTER TABLE meeting ADD COLUMN approved_at TEXT;
ALTER TABLE meeting ADD COLUMN minutes_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE amendment (
    id          TEXT PRIMARY KEY NOT NULL,
    meeting_id  TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,     -- the minutes' version this amendment makes
    opened_by   TEXT NOT NULL,
    opened_at   TEXT NOT NULL,
    why         TEXT NOT NULL,
    what        TEXT,                 -- set when the amendment is finished
    closed_at   TEXT
) STRICT;
CREATE INDEX amendment_meeting ON amendment (meeting_id, version);
