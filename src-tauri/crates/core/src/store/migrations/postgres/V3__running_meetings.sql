-- Roundtable schema on PostgreSQL, version 3: running a meeting (attendance,
-- item timing, shares, the panel's assessment, actions and their progress).
-- Kept in step with sqlite/0003_running_meetings.sql.
-- A shipped migration is never edited: add a new file instead.

CREATE TABLE agency_attendance (
    meeting_id  uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agency_id   uuid NOT NULL REFERENCES agency (id),
    status      text NOT NULL,
    PRIMARY KEY (meeting_id, agency_id)
);

CREATE TABLE attendee (
    id            uuid PRIMARY KEY,
    meeting_id    uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agency_id     uuid REFERENCES agency (id),
    position      bigint NOT NULL,
    name          text NOT NULL,
    role          text,
    acknowledged  boolean NOT NULL DEFAULT false,
    arrived_at    text,   -- HH:MM when late
    left_at       text    -- HH:MM when leaving early
);
CREATE INDEX attendee_meeting ON attendee (meeting_id, position);

ALTER TABLE meeting ADD COLUMN current_item_id uuid;
ALTER TABLE meeting ADD COLUMN started_at timestamptz;
ALTER TABLE meeting ADD COLUMN ended_at timestamptz;
ALTER TABLE agenda_item ADD COLUMN status text NOT NULL DEFAULT 'to_come';
ALTER TABLE agenda_item ADD COLUMN timer_started_at timestamptz;
ALTER TABLE agenda_item ADD COLUMN actual_seconds bigint NOT NULL DEFAULT 0;

ALTER TABLE hearing ADD COLUMN summary text;
ALTER TABLE hearing ADD COLUMN risk_rag text;
ALTER TABLE hearing ADD COLUMN risk_likelihood bigint;
ALTER TABLE hearing ADD COLUMN risk_impact bigint;
ALTER TABLE hearing ADD COLUMN outcome_reason text;
ALTER TABLE hearing ADD COLUMN decisions text;
ALTER TABLE hearing ADD COLUMN who_tells text;
ALTER TABLE hearing ADD COLUMN updated_at timestamptz;

CREATE TABLE information_share (
    meeting_id       uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    case_id          uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    agency_id        uuid NOT NULL REFERENCES agency (id),
    state            text NOT NULL,
    facts            text,
    opinion          text,
    withheld         text,
    withheld_reason  text,
    updated_at       timestamptz NOT NULL,
    updated_by       text NOT NULL,
    PRIMARY KEY (meeting_id, case_id, agency_id)
);
CREATE INDEX information_share_case ON information_share (case_id);

CREATE TABLE action (
    id          uuid PRIMARY KEY,
    meeting_id  uuid NOT NULL REFERENCES meeting (id),
    case_id     uuid REFERENCES person_case (id) ON DELETE CASCADE,
    agency_id   uuid NOT NULL REFERENCES agency (id),
    officer     text,
    text        text NOT NULL,
    due_date    date,
    status      text NOT NULL DEFAULT 'open',
    position    bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX action_meeting ON action (meeting_id, position);
CREATE INDEX action_case ON action (case_id);
CREATE INDEX action_agency_status ON action (agency_id, status, due_date);

CREATE TABLE action_update (
    id           uuid PRIMARY KEY,
    action_id    uuid NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL,
    status       text NOT NULL,
    note         text,
    meeting_id   uuid REFERENCES meeting (id),
    recorded_by  text NOT NULL
);
CREATE INDEX action_update_action ON action_update (action_id, at);
