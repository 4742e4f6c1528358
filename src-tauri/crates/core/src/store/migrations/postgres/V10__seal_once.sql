-- audit_seal runs once per entry at commit (a constraint trigger is per
-- row), and every run after the first found the transaction's entries
-- again through the unsealed index, whose entries for the rows it had just
-- sealed cannot be cleaned up before commit: a 10,000-row import wrote
-- 50,000 entries and spent minutes committing. Now the first run seals
-- them all and notes how far it sealed (the last pending number this
-- session drew); the other runs return at once unless an entry was written
-- after it.
CREATE OR REPLACE FUNCTION audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    entry record;
    prev text;
    next_seq bigint;
    sealed text;
    drawn text;
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
        UPDATE audit_log SET seq = next_seq, prev_hash = prev, hash = sealed
        WHERE seq = entry.seq;
        prev := sealed;
    END LOOP;
    PERFORM set_config('roundtable.sealed_through', drawn, true);
    RETURN NULL;
END $$;
