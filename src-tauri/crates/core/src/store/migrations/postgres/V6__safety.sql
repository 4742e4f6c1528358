-- Roundtable schema on PostgreSQL, version 6: panel settings for the idle
-- lock and retention, the date a case closed, and the audit log.
-- Kept in step with sqlite/0006_safety.sql, which explains the log.
--
-- What differs from SQLite, and why:
-- * One trigger function (audit_row) serves every table: it names the
--   changed columns in the table's column order, as SQLite's per-table
--   triggers do, and keys composite rows with '/' the same way.
-- * Several writers share one database, so entries are sealed at commit by a
--   deferred trigger under an advisory lock: entries wait under negative
--   numbers, and sealing numbers them in the order their transactions
--   commit. The hash is the same SHA-256 over the same JSON array as the
--   app's (audit::chain_hash), so "Verify" checks both engines alike.
-- * Who is acting is the transaction's setting roundtable.actor. An entry
--   written without it (a change made behind the app's back) is never
--   sealed, so verifying names it, as on SQLite.
-- A new table needs its audit trigger in its own migration (a test checks
-- every table has it).
-- A shipped migration is never edited: add a new file instead.

ALTER TABLE panel ADD COLUMN idle_lock_minutes bigint NOT NULL DEFAULT 10;
ALTER TABLE panel ADD COLUMN retention_years bigint NOT NULL DEFAULT 6;

ALTER TABLE person_case ADD COLUMN closed_on date;
UPDATE person_case SET closed_on = (coalesce(
    (SELECT max(e.at) FROM case_event e WHERE e.case_id = person_case.id AND e.kind IN ('closed', 'heard')),
    updated_at) AT TIME ZONE 'UTC')::date
WHERE status = 'closed';
CREATE INDEX person_case_closed ON person_case (status, closed_on);

CREATE FUNCTION person_case_closed_on() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE person_case
    SET closed_on = CASE WHEN NEW.status = 'closed' THEN (NEW.updated_at AT TIME ZONE 'UTC')::date END
    WHERE id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER person_case_closed_on AFTER UPDATE OF status ON person_case
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
    EXECUTE FUNCTION person_case_closed_on();

CREATE SEQUENCE audit_log_pending;   -- entries written, not yet sealed (as negatives)
CREATE SEQUENCE audit_log_chain;     -- the chain's order, taken when sealing

CREATE TABLE audit_log (
    seq        bigint PRIMARY KEY DEFAULT -nextval('audit_log_pending'),
    at         text NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    actor      text DEFAULT nullif(current_setting('roundtable.actor', true), ''),
    action     text NOT NULL,
    entity     text NOT NULL,
    entity_id  text,
    detail     text,
    prev_hash  text,
    hash       text
);
CREATE INDEX audit_log_unsealed ON audit_log (seq) WHERE hash IS NULL;

CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit log cannot be changed.';
END $$;
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
    FOR EACH ROW WHEN (OLD.hash IS NOT NULL) EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
    FOR EACH ROW WHEN (OLD.hash IS NOT NULL) EXECUTE FUNCTION audit_log_append_only();

-- The JSON text of one value as serde_json writes it (null for NULL).
CREATE FUNCTION audit_json(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(to_json(value)::text, 'null');

-- Seals this transaction's entries at commit, in one order across writers.
-- SECURITY DEFINER: the role the app connects as may insert and read the log
-- but not change it; only this function fills in the seal.
CREATE FUNCTION audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    entry record;
    prev text;
    next_seq bigint;
    sealed text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('roundtable audit chain'));
    SELECT hash INTO prev FROM audit_log WHERE seq > 0 ORDER BY seq DESC LIMIT 1;
    prev := coalesce(prev, '');
    FOR entry IN
        SELECT * FROM audit_log
        WHERE seq < 0 AND hash IS NULL AND actor IS NOT NULL
        ORDER BY seq DESC
    LOOP
        next_seq := nextval('audit_log_chain');
        sealed := encode(sha256(convert_to(
            '[' || next_seq || ',' || audit_json(entry.at) || ',' || audit_json(entry.actor)
            || ',' || audit_json(entry.action) || ',' || audit_json(entry.entity)
            || ',' || audit_json(entry.entity_id) || ',' || audit_json(entry.detail)
            || ',' || audit_json(prev) || ']', 'UTF8')), 'hex');
        UPDATE audit_log SET seq = next_seq, prev_hash = prev, hash = sealed
        WHERE seq = entry.seq;
        prev := sealed;
    END LOOP;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER audit_log_seal AFTER INSERT ON audit_log
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_seal();

-- One entry per inserted, updated or deleted row: the table, the row's key
-- (the trigger's arguments name its columns), and for an update the names
-- of the columns that changed, never their values.
CREATE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed_row jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    row_key text;
    changed text;
BEGIN
    SELECT string_agg(changed_row ->> key_column, '/' ORDER BY n) INTO row_key
    FROM unnest(TG_ARGV) WITH ORDINALITY AS k (key_column, n);
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit_log (action, entity, entity_id) VALUES ('create', TG_TABLE_NAME, row_key);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO audit_log (action, entity, entity_id) VALUES ('delete', TG_TABLE_NAME, row_key);
    ELSE
        SELECT string_agg(a.attname, ' ' ORDER BY a.attnum) INTO changed
        FROM pg_attribute a
        WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped
          AND (to_jsonb(OLD) -> a.attname::text) IS DISTINCT FROM (changed_row -> a.attname::text);
        IF changed IS NOT NULL THEN
            INSERT INTO audit_log (action, entity, entity_id, detail)
            VALUES ('update', TG_TABLE_NAME, row_key, changed);
        END IF;
    END IF;
    RETURN NULL;
END $$;

-- Every table but the log and the search index (derived from person_case).
CREATE TRIGGER audit_app_user AFTER INSERT OR UPDATE OR DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_panel AFTER INSERT OR UPDATE OR DELETE ON panel
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_agency AFTER INSERT OR UPDATE OR DELETE ON agency
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_representative AFTER INSERT OR UPDATE OR DELETE ON representative
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_panel_member AFTER INSERT OR UPDATE OR DELETE ON panel_member
    FOR EACH ROW EXECUTE FUNCTION audit_row('panel_id', 'agency_id');
CREATE TRIGGER audit_panel_concern AFTER INSERT OR UPDATE OR DELETE ON panel_concern
    FOR EACH ROW EXECUTE FUNCTION audit_row('panel_id', 'label');
CREATE TRIGGER audit_person_case AFTER INSERT OR UPDATE OR DELETE ON person_case
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_repeat_match AFTER INSERT OR UPDATE OR DELETE ON repeat_match
    FOR EACH ROW EXECUTE FUNCTION audit_row('case_id', 'other_case_id');
CREATE TRIGGER audit_linked_person AFTER INSERT OR UPDATE OR DELETE ON linked_person
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_case_event AFTER INSERT OR UPDATE OR DELETE ON case_event
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_import_mapping AFTER INSERT OR UPDATE OR DELETE ON import_mapping
    FOR EACH ROW EXECUTE FUNCTION audit_row('panel_id', 'field');
CREATE TRIGGER audit_meeting AFTER INSERT OR UPDATE OR DELETE ON meeting
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_meeting_expected_agency AFTER INSERT OR UPDATE OR DELETE ON meeting_expected_agency
    FOR EACH ROW EXECUTE FUNCTION audit_row('meeting_id', 'agency_id');
CREATE TRIGGER audit_agenda_item AFTER INSERT OR UPDATE OR DELETE ON agenda_item
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_hearing AFTER INSERT OR UPDATE OR DELETE ON hearing
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_agency_attendance AFTER INSERT OR UPDATE OR DELETE ON agency_attendance
    FOR EACH ROW EXECUTE FUNCTION audit_row('meeting_id', 'agency_id');
CREATE TRIGGER audit_attendee AFTER INSERT OR UPDATE OR DELETE ON attendee
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_information_share AFTER INSERT OR UPDATE OR DELETE ON information_share
    FOR EACH ROW EXECUTE FUNCTION audit_row('meeting_id', 'case_id', 'agency_id');
CREATE TRIGGER audit_action AFTER INSERT OR UPDATE OR DELETE ON action
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_action_update AFTER INSERT OR UPDATE OR DELETE ON action_update
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_amendment AFTER INSERT OR UPDATE OR DELETE ON amendment
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
