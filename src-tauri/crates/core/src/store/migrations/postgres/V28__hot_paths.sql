-- Work PostgreSQL did for nothing on the hot screens and in every edit,
-- found with auto_explain and pg_stat_statements on the ten-year borough
-- (the scale benchmark):
--
-- The agenda and every search mark a case with a repeat match still to be
-- decided. The planner hashed all of repeat_match for that (a full scan of
-- a table that grows with every referral); only the undecided few matter.
CREATE INDEX repeat_match_undecided ON repeat_match (case_id) WHERE same_person IS NULL;
--
-- The agenda's keep-apart check joined the meeting's items to every
-- keep-apart person of every case by hashing them all. It now asks by the
-- agenda's case ids (tables/agenda.rs), which this index of the keep-apart
-- people by case serves once the table outgrows a few pages.
CREATE INDEX linked_person_keep_apart ON linked_person (case_id) WHERE keep_apart;
--
-- Sealing the audit chain at commit (migration 11) plans its statements
-- once per connection. Planned while the log was small, its UPDATE joined
-- the new entries to the whole log on every later commit: one edit's seal
-- cost half a millisecond at five thousand entries and grew with the log.
-- The UPDATE now names what it touches as the unsealed entries (negative
-- numbers, no hash yet: the partial index audit_log_unsealed), and the
-- function plans without sequential scans, so every statement in it finds
-- its entries by index whatever the statistics said when it was planned.
-- The same numbers, hashes and order as migration 11.
CREATE OR REPLACE FUNCTION audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
SET enable_seqscan = off AS $$
DECLARE
    entry record;
    prev text;
    next_seq bigint;
    sealed text;
    drawn text;
    old_seqs bigint[] := '{}';
    new_seqs bigint[] := '{}';
    prevs text[] := '{}';
    hashes text[] := '{}';
BEGIN
    BEGIN
        drawn := currval('audit_log_pending')::text;
    EXCEPTION WHEN object_not_in_prerequisite_state THEN
        drawn := '';
    END;
    IF drawn <> '' AND current_setting('roundtable.sealed_through', true) = drawn THEN
        RETURN NULL;
    END IF;
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
        old_seqs := old_seqs || entry.seq;
        new_seqs := new_seqs || next_seq;
        prevs := prevs || prev;
        hashes := hashes || sealed;
        prev := sealed;
    END LOOP;
    UPDATE audit_log a
    SET seq = s.new_seq, prev_hash = s.prev_hash, hash = s.hash
    FROM unnest(old_seqs, new_seqs, prevs, hashes) AS s (old_seq, new_seq, prev_hash, hash)
    WHERE a.seq = s.old_seq AND a.seq < 0 AND a.hash IS NULL;
    PERFORM set_config('roundtable.sealed_through', drawn, true);
    RETURN NULL;
END $$;

-- Each audited update compared the row before and after column by column,
-- turning the whole old row into JSON again for every column: a row of
-- fifteen columns was converted fifteen times in every update's trigger.
-- Now once. The same entries: the table, the row's key, the names of the
-- columns that changed in their table order, never their values.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed_row jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    old_row jsonb;
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
        old_row := to_jsonb(OLD);
        SELECT string_agg(a.attname, ' ' ORDER BY a.attnum) INTO changed
        FROM pg_attribute a
        WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped
          AND (old_row -> a.attname::text) IS DISTINCT FROM (changed_row -> a.attname::text);
        IF changed IS NOT NULL THEN
            INSERT INTO audit_log (action, entity, entity_id, detail)
            VALUES ('update', TG_TABLE_NAME, row_key, changed);
        END IF;
    END IF;
    RETURN NULL;
END $$;
