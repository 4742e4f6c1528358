-- Roundtable schema, version 2: cases (the people a panel discusses), their
-- history and search index, referral-import column mappings, meetings,
-- agendas and hearings.
-- A shipped migration is never edited: add a new file instead.

-- Each panel's own list of categories of concern, in display order.
CREATE TABLE panel_concern (
    panel_id  TEXT NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    label     TEXT NOT NULL,
    PRIMARY KEY (panel_id, label)
) STRICT, WITHOUT ROWID;

WITH defaults (position, label) AS (VALUES
    (0, 'Serious youth violence'), (1, 'Knife crime'), (2, 'Criminal exploitation'),
    (3, 'County lines'), (4, 'Sexual exploitation'), (5, 'Missing'),
    (6, 'Gang association'), (7, 'Domestic abuse'), (8, 'Online harm'), (9, 'Trafficking'))
INSERT INTO panel_concern (panel_id, position, label)
SELECT panel.id, defaults.position, defaults.label FROM panel, defaults;

CREATE TABLE person_case (
    id                   TEXT PRIMARY KEY NOT NULL,
    panel_id             TEXT NOT NULL REFERENCES panel (id),
    -- Short, meaningless reference for documents and the shared screen.
    reference            TEXT NOT NULL UNIQUE,
    status               TEXT NOT NULL,
    subject_name         TEXT NOT NULL,
    -- The name's normalised tokens, sorted (see matching.rs), for repeat checks.
    name_key             TEXT NOT NULL,
    aliases              TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    date_of_birth        TEXT,                          -- YYYY-MM-DD
    approximate_age      INTEGER,
    gender               TEXT,
    ethnicity            TEXT,
    disability           TEXT,
    lgbt                 TEXT,
    address              TEXT,
    postcode             TEXT,
    school               TEXT,
    referring_agency_id  TEXT REFERENCES agency (id),
    referring_officer    TEXT,
    referral_date        TEXT NOT NULL,                 -- YYYY-MM-DD
    referral_route       TEXT NOT NULL,
    referral_reason      TEXT NOT NULL,
    concerns             TEXT NOT NULL DEFAULT '[]',   -- JSON array of labels
    consent              TEXT NOT NULL,
    lawful_ground        TEXT,
    children_count       INTEGER NOT NULL DEFAULT 0,
    children_details     TEXT,
    lead_professional    TEXT,
    -- A confirmed repeat points at the earlier case of the same person.
    repeat_of            TEXT REFERENCES person_case (id),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;
CREATE INDEX person_case_panel_status ON person_case (panel_id, status);
CREATE INDEX person_case_name_key ON person_case (name_key);
CREATE INDEX person_case_date_of_birth ON person_case (date_of_birth);

-- Earlier cases that may be the same person, found when a referral is
-- recorded and offered to the coordinator. same_person is NULL until they
-- decide, then 1 (confirmed: the case is a repeat of the other) or 0.
CREATE TABLE repeat_match (
    case_id        TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    other_case_id  TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    strength       TEXT NOT NULL,
    reason         TEXT NOT NULL,
    same_person    INTEGER,
    decided_at     TEXT,
    decided_by     TEXT,
    PRIMARY KEY (case_id, other_case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX repeat_match_other ON repeat_match (other_case_id);

CREATE TABLE linked_person (
    id            TEXT PRIMARY KEY NOT NULL,
    case_id       TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    relationship  TEXT NOT NULL,
    keep_apart    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX linked_person_case ON linked_person (case_id, position);

-- Every step in a case's life, in order, with who recorded it.
CREATE TABLE case_event (
    id           TEXT PRIMARY KEY NOT NULL,
    case_id      TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    detail       TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
) STRICT;
CREATE INDEX case_event_case ON case_event (case_id, at);

-- Full-text search over names (as typed and transliterated), aliases, date of
-- birth, postcode and reference; diacritics ignored. Rows are keyed by the
-- case's rowid and kept in step by the case service.
CREATE VIRTUAL TABLE case_search USING fts5 (
    names, date_of_birth, postcode, reference,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The column of a referral file chosen for each case field, per panel.
CREATE TABLE import_mapping (
    panel_id  TEXT NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    field     TEXT NOT NULL,
    header    TEXT NOT NULL,
    PRIMARY KEY (panel_id, field)
) STRICT, WITHOUT ROWID;

CREATE TABLE meeting (
    id            TEXT PRIMARY KEY NOT NULL,
    panel_id      TEXT NOT NULL REFERENCES panel (id),
    kind          TEXT NOT NULL,          -- scheduled, emergency, triage
    date          TEXT NOT NULL,          -- YYYY-MM-DD
    start_time    TEXT NOT NULL,          -- HH:MM
    venue         TEXT,
    chair         TEXT,
    minute_taker  TEXT,
    status        TEXT NOT NULL DEFAULT 'planned',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_panel_date ON meeting (panel_id, date);

CREATE TABLE meeting_expected_agency (
    meeting_id  TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agency_id   TEXT NOT NULL REFERENCES agency (id),
    PRIMARY KEY (meeting_id, agency_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE agenda_item (
    id               TEXT PRIMARY KEY NOT NULL,
    meeting_id       TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL,   -- introductions, action_review, new_case, review_case, anniversary_notice, other_business
    case_id          TEXT REFERENCES person_case (id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    planned_minutes  INTEGER NOT NULL
) STRICT;
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);
CREATE INDEX agenda_item_case ON agenda_item (case_id);

-- A case discussed at a meeting. Outcomes are recorded by the meeting itself.
CREATE TABLE hearing (
    id           TEXT PRIMARY KEY NOT NULL,
    case_id      TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    meeting_id   TEXT NOT NULL REFERENCES meeting (id),
    heard_on     TEXT NOT NULL,      -- YYYY-MM-DD, the meeting's date
    outcome      TEXT,               -- continue, close, escalate, redirect, defer
    review_due   TEXT,               -- YYYY-MM-DD when the outcome is continue
    risk_level   TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (case_id, meeting_id)
) STRICT;
CREATE INDEX hearing_case_date ON hearing (case_id, heard_on);
CREATE INDEX hearing_meeting ON hearing (meeting_id);
