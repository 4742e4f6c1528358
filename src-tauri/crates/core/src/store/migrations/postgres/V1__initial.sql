-- Roundtable schema on PostgreSQL, version 1: the local user, panels, the
-- agency directory, representatives and panel membership.
-- Kept in step with sqlite/0001_initial.sql: the same tables and columns in
-- the same order; the engine's own types (uuid, timestamptz, bigint).
-- A shipped migration is never edited: add a new file instead.

CREATE TABLE app_user (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    role        text NOT NULL CHECK (role IN ('chair', 'coordinator', 'other')),
    created_at  timestamptz NOT NULL
);

CREATE TABLE panel (
    id                         uuid PRIMARY KEY,
    name                       text NOT NULL,
    kind                       text NOT NULL,
    meeting_minutes            bigint NOT NULL,
    minutes_per_case           bigint NOT NULL,
    confidentiality_statement  text NOT NULL,
    protective_marking         text NOT NULL,
    repeat_window_months       bigint NOT NULL,
    archived_at                timestamptz,
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL
);
CREATE UNIQUE INDEX panel_name_unique ON panel (lower(name));

CREATE TABLE agency (
    id            uuid PRIMARY KEY,
    name          text NOT NULL,
    short_code    text NOT NULL,
    sector        text NOT NULL,
    secure_email  text,
    archived_at   timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX agency_short_code_unique ON agency (lower(short_code));
CREATE UNIQUE INDEX agency_name_unique ON agency (lower(name));

CREATE TABLE representative (
    id         uuid PRIMARY KEY,
    agency_id  uuid NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
    position   bigint NOT NULL,
    name       text NOT NULL,
    role       text,
    email      text
);
CREATE INDEX representative_agency ON representative (agency_id, position);

CREATE TABLE panel_member (
    panel_id   uuid NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    agency_id  uuid NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
    joined_at  timestamptz NOT NULL,
    PRIMARY KEY (panel_id, agency_id)
);
CREATE INDEX panel_member_agency ON panel_member (agency_id);
