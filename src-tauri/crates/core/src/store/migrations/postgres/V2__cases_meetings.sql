-- Roundtable schema on PostgreSQL, version 2: cases, their history and search
-- index, referral-import column mappings, meetings, agendas and hearings.
-- Kept in step with sqlite/0002_cases_meetings.sql.
-- A shipped migration is never edited: add a new file instead.

-- Search folds accents (unaccent) and matches words by prefix (full-text)
-- or by likeness (pg_trgm); both extensions are trusted, so the database's
-- owner can create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE panel_concern (
    panel_id  uuid NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    position  bigint NOT NULL,
    label     text NOT NULL,
    PRIMARY KEY (panel_id, label)
);

WITH defaults (position, label) AS (VALUES
    (0, 'Serious youth violence'), (1, 'Knife crime'), (2, 'Criminal exploitation'),
    (3, 'County lines'), (4, 'Sexual exploitation'), (5, 'Missing'),
    (6, 'Gang association'), (7, 'Domestic abuse'), (8, 'Online harm'), (9, 'Trafficking'))
INSERT INTO panel_concern (panel_id, position, label)
SELECT panel.id, defaults.position, defaults.label FROM panel, defaults;

CREATE TABLE person_case (
    id                   uuid PRIMARY KEY,
    panel_id             uuid NOT NULL REFERENCES panel (id),
    reference            text NOT NULL UNIQUE,
    status               text NOT NULL,
    subject_name         text NOT NULL,
    name_key             text NOT NULL,
    aliases              jsonb NOT NULL DEFAULT '[]',
    date_of_birth        date,
    approximate_age      bigint,
    gender               text,
    ethnicity            text,
    disability           text,
    lgbt                 text,
    address              text,
    postcode             text,
    school               text,
    referring_agency_id  uuid REFERENCES agency (id),
    referring_officer    text,
    referral_date        date NOT NULL,
    referral_route       text NOT NULL,
    referral_reason      text NOT NULL,
    concerns             jsonb NOT NULL DEFAULT '[]',
    consent              text NOT NULL,
    lawful_ground        text,
    children_count       bigint NOT NULL DEFAULT 0,
    children_details     text,
    lead_professional    text,
    repeat_of            uuid REFERENCES person_case (id),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX person_case_panel_status ON person_case (panel_id, status);
CREATE INDEX person_case_name_key ON person_case (name_key);
CREATE INDEX person_case_date_of_birth ON person_case (date_of_birth);

CREATE TABLE repeat_match (
    case_id        uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    other_case_id  uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    strength       text NOT NULL,
    reason         text NOT NULL,
    same_person    boolean,
    decided_at     timestamptz,
    decided_by     text,
    PRIMARY KEY (case_id, other_case_id)
);
CREATE INDEX repeat_match_other ON repeat_match (other_case_id);

CREATE TABLE linked_person (
    id            uuid PRIMARY KEY,
    case_id       uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    position      bigint NOT NULL,
    name          text NOT NULL,
    relationship  text NOT NULL,
    keep_apart    boolean NOT NULL DEFAULT false
);
CREATE INDEX linked_person_case ON linked_person (case_id, position);

CREATE TABLE case_event (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL,
    kind         text NOT NULL,
    detail       text NOT NULL,
    recorded_by  text NOT NULL
);
CREATE INDEX case_event_case ON case_event (case_id, at);

-- The search index: the same four columns as SQLite's FTS5 table, keyed by
-- the case (FTS5 keys by the case's rowid, which PostgreSQL does not have).
-- Words are folded (accents off, lower case) by search_fold, which is
-- immutable so indexes may use it.
CREATE FUNCTION search_fold(words text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN lower(public.unaccent('public.unaccent'::regdictionary, words));

CREATE TABLE case_search (
    case_id        uuid PRIMARY KEY REFERENCES person_case (id) ON DELETE CASCADE,
    names          text NOT NULL,
    date_of_birth  text NOT NULL,
    postcode       text NOT NULL,
    reference      text NOT NULL
);
CREATE INDEX case_search_words ON case_search USING gin (
    to_tsvector('simple', search_fold(names || ' ' || date_of_birth || ' ' || postcode || ' ' || reference))
);
CREATE INDEX case_search_names_like ON case_search USING gin (search_fold(names) gin_trgm_ops);

CREATE TABLE import_mapping (
    panel_id  uuid NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    field     text NOT NULL,
    header    text NOT NULL,
    PRIMARY KEY (panel_id, field)
);

CREATE TABLE meeting (
    id            uuid PRIMARY KEY,
    panel_id      uuid NOT NULL REFERENCES panel (id),
    kind          text NOT NULL,
    date          date NOT NULL,
    start_time    text NOT NULL,          -- HH:MM, as in SQLite
    venue         text,
    chair         text,
    minute_taker  text,
    status        text NOT NULL DEFAULT 'planned',
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX meeting_panel_date ON meeting (panel_id, date);

CREATE TABLE meeting_expected_agency (
    meeting_id  uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agency_id   uuid NOT NULL REFERENCES agency (id),
    PRIMARY KEY (meeting_id, agency_id)
);

CREATE TABLE agenda_item (
    id               uuid PRIMARY KEY,
    meeting_id       uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position         bigint NOT NULL,
    kind             text NOT NULL,
    case_id          uuid REFERENCES person_case (id) ON DELETE CASCADE,
    title            text NOT NULL,
    planned_minutes  bigint NOT NULL
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);
CREATE INDEX agenda_item_case ON agenda_item (case_id);

CREATE TABLE hearing (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    meeting_id   uuid NOT NULL REFERENCES meeting (id),
    heard_on     date NOT NULL,
    outcome      text,
    review_due   date,
    risk_level   text,
    created_at   timestamptz NOT NULL,
    UNIQUE (case_id, meeting_id)
);
CREATE INDEX hearing_case_date ON hearing (case_id, heard_on);
CREATE INDEX hearing_meeting ON hearing (meeting_id);
