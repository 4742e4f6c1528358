-- Roundtable schema, version 3: running a meeting. Attendance by agency and
-- by person, item timing, what each agency shared about each case, the
-- panel's assessment and outcome at each hearing, and actions with their
-- reported progress.
-- A shipped migration is never edited: add a new file instead.

-- present, apologies, sent_in_writing, absent
CREATE TABLE agency_attendance (
    meeting_id  TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agency_id   TEXT NOT NULL REFERENCES agency (id),
    status      TEXT NOT NULL,
    PRIMARY KEY (meeting_id, agency_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendee (
    id            TEXT PRIMARY KEY NOT NULL,
    meeting_id    TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agency_id     TEXT REFERENCES agency (id),
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT,
    -- Acknowledged the confidentiality statement the chair read.
    acknowledged  INTEGER NOT NULL DEFAULT 0,
    arrived_at    TEXT,   -- HH:MM when late
    left_at       TEXT    -- HH:MM when leaving early
) STRICT;
CREATE INDEX attendee_meeting ON attendee (meeting_id, position);

-- Where the meeting is, and each item's timer: seconds already spent plus,
-- while it runs, when its timer was last started.
ALTER TABLE meeting ADD COLUMN current_item_id TEXT;
ALTER TABLE meeting ADD COLUMN started_at TEXT;
ALTER TABLE meeting ADD COLUMN ended_at TEXT;
ALTER TABLE agenda_item ADD COLUMN status TEXT NOT NULL DEFAULT 'to_come';
ALTER TABLE agenda_item ADD COLUMN timer_started_at TEXT;
ALTER TABLE agenda_item ADD COLUMN actual_seconds INTEGER NOT NULL DEFAULT 0;

-- The panel's assessment at a hearing.
ALTER TABLE hearing ADD COLUMN summary TEXT;
ALTER TABLE hearing ADD COLUMN risk_rag TEXT;          -- red, amber, green
ALTER TABLE hearing ADD COLUMN risk_likelihood INTEGER; -- 1..3
ALTER TABLE hearing ADD COLUMN risk_impact INTEGER;     -- 1..3
ALTER TABLE hearing ADD COLUMN outcome_reason TEXT;
ALTER TABLE hearing ADD COLUMN decisions TEXT;
ALTER TABLE hearing ADD COLUMN who_tells TEXT;
ALTER TABLE hearing ADD COLUMN updated_at TEXT;

-- What one agency holds about one case at one meeting. Facts and opinion are
-- kept apart; what was deliberately not shared is recorded with the reason.
CREATE TABLE information_share (
    meeting_id       TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    case_id          TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    agency_id        TEXT NOT NULL REFERENCES agency (id),
    state            TEXT NOT NULL,   -- known, not_known, not_present, sent_in_writing
    facts            TEXT,
    opinion          TEXT,
    withheld         TEXT,
    withheld_reason  TEXT,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    PRIMARY KEY (meeting_id, case_id, agency_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX information_share_case ON information_share (case_id);

-- Actions are owned by an agency (the panel is not an agency), belong to a
-- case or to the meeting (any other business), and carry their status.
CREATE TABLE action (
    id          TEXT PRIMARY KEY NOT NULL,
    meeting_id  TEXT NOT NULL REFERENCES meeting (id),
    case_id     TEXT REFERENCES person_case (id) ON DELETE CASCADE,
    agency_id   TEXT NOT NULL REFERENCES agency (id),
    officer     TEXT,
    text        TEXT NOT NULL,
    due_date    TEXT,                          -- YYYY-MM-DD
    status      TEXT NOT NULL DEFAULT 'open',  -- open, in_progress, done, not_done_circumstances, not_done_agency
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX action_meeting ON action (meeting_id, position);
CREATE INDEX action_case ON action (case_id);
CREATE INDEX action_agency_status ON action (agency_id, status, due_date);

-- Progress reported on an action, in order.
CREATE TABLE action_update (
    id           TEXT PRIMARY KEY NOT NULL,
    action_id    TEXT NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    status       TEXT NOT NULL,
    note         TEXT,
    meeting_id   TEXT REFERENCES meeting (id),
    recorded_by  TEXT NOT NULL
) STRICT;
CREATE INDEX action_update_action ON action_update (action_id, at);
