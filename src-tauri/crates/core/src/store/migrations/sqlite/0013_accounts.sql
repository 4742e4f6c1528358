-- Accounts for the Roundtable server (see postgres/V13__accounts.sql). The
-- desktop app has one user (app_user) and never reads these; they exist
-- here so both engines keep one schema, and a desktop file imported into a
-- server keeps its version.
-- A shipped migration is never edited: add a new file instead.

CREATE TABLE account (
    id                    TEXT PRIMARY KEY,
    username              TEXT NOT NULL UNIQUE,
    display_name          TEXT NOT NULL,
    role                  TEXT NOT NULL
        CHECK (role IN ('administrator', 'coordinator', 'chair', 'minute_taker', 'agency')),
    agency_id             TEXT REFERENCES agency (id),
    password_hash         TEXT NOT NULL,
    must_change_password  INTEGER NOT NULL,
    totp_secret           TEXT,
    disabled_at           TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK ((role = 'agency') = (agency_id IS NOT NULL))
) STRICT;

CREATE TRIGGER audit_account_insert AFTER INSERT ON account
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'account', NEW.id);
END;
CREATE TRIGGER audit_account_update AFTER UPDATE ON account
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'account', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.username IS NOT NEW.username THEN ' username' ELSE '' END ||
        CASE WHEN OLD.display_name IS NOT NEW.display_name THEN ' display_name' ELSE '' END ||
        CASE WHEN OLD.role IS NOT NEW.role THEN ' role' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END ||
        CASE WHEN OLD.password_hash IS NOT NEW.password_hash THEN ' password_hash' ELSE '' END ||
        CASE WHEN OLD.must_change_password IS NOT NEW.must_change_password THEN ' must_change_password' ELSE '' END ||
        CASE WHEN OLD.totp_secret IS NOT NEW.totp_secret THEN ' totp_secret' ELSE '' END ||
        CASE WHEN OLD.disabled_at IS NOT NEW.disabled_at THEN ' disabled_at' ELSE '' END ||
        CASE WHEN OLD.created_at IS NOT NEW.created_at THEN ' created_at' ELSE '' END ||
        CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN ' updated_at' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_account_delete AFTER DELETE ON account
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'account', OLD.id);
END;

CREATE TABLE account_session (
    token_hash    TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    address       TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL
) STRICT;
CREATE INDEX account_session_account ON account_session (account_id);
