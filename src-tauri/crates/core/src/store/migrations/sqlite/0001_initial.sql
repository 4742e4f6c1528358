-- Roundtable schema, version 1: the local user, panels, the agency directory,
-- representatives and panel membership.
-- A shipped migration is never edited: add a new file instead.

CREATE TABLE app_user (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('chair', 'coordinator', 'other')),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE panel (
    id                         TEXT PRIMARY KEY NOT NULL,
    name                       TEXT NOT NULL,
    kind                       TEXT NOT NULL,
    meeting_minutes            INTEGER NOT NULL,
    minutes_per_case           INTEGER NOT NULL,
    confidentiality_statement  TEXT NOT NULL,
    protective_marking         TEXT NOT NULL,
    repeat_window_months       INTEGER NOT NULL,
    archived_at                TEXT,
    created_at                 TEXT NOT NULL,
    updated_at                 TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX panel_name_unique ON panel (name COLLATE NOCASE);

CREATE TABLE agency (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    short_code    TEXT NOT NULL,
    sector        TEXT NOT NULL,
    secure_email  TEXT,
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX agency_short_code_unique ON agency (short_code COLLATE NOCASE);
CREATE UNIQUE INDEX agency_name_unique ON agency (name COLLATE NOCASE);

CREATE TABLE representative (
    id         TEXT PRIMARY KEY NOT NULL,
    agency_id  TEXT NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT,
    email      TEXT
) STRICT;
CREATE INDEX representative_agency ON representative (agency_id, position);

CREATE TABLE panel_member (
    panel_id   TEXT NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    agency_id  TEXT NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
    joined_at  TEXT NOT NULL,
    PRIMARY KEY (panel_id, agency_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX panel_member_agency ON panel_member (agency_id);
