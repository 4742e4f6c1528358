-- What the audit triggers cost per row, measured on the ten-year borough
-- (importing 10,000 referrals writes some 20,000 entries, and their seal at
-- commit took longer than the rows themselves):
--
-- Sealing (migration 28) is a constraint trigger, so it runs once per new
-- entry at commit, although the first run seals them all. Each run found
-- that out inside an exception block (a subtransaction, to read the
-- session's last drawn number) in a SECURITY DEFINER function with its own
-- settings (switched in and out on every call). 30,000 entries took 750 ms
-- to seal; now about 500. The trigger is now a plain function that returns
-- at once for an entry already sealed (its number no higher than the last
-- one sealed in this transaction), and calls the sealing function, which
-- runs as the owner with the same statements as before, once. The same
-- numbers, hashes and order as migrations 11 and 28.
CREATE FUNCTION audit_seal_pending() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
SET enable_seqscan = off AS $$
DECLARE
    entry record;
    prev text;
    next_seq bigint;
    sealed text;
    old_seqs bigint[] := '{}';
    new_seqs bigint[] := '{}';
    prevs text[] := '{}';
    hashes text[] := '{}';
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
    -- Every entry this session has written so far is sealed: their pending
    -- numbers (negated in seq) are at most the sequence's current value.
    PERFORM set_config('roundtable.sealed_through', currval('audit_log_pending')::text, true);
END $$;
REVOKE ALL ON FUNCTION audit_seal_pending() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_seal_pending() TO roundtable_app;

CREATE OR REPLACE FUNCTION audit_seal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    through text := pg_catalog.current_setting('roundtable.sealed_through', true);
BEGIN
    IF through <> '' AND -NEW.seq <= through::bigint THEN
        RETURN NULL;
    END IF;
    PERFORM public.audit_seal_pending();
    RETURN NULL;
END $$;

-- Each audited row found its key with a query (string_agg over the
-- trigger's key columns), though all but a few tables have one key column:
-- for them it is now read directly. The same entries as migration 28.
CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed_row jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    old_row jsonb;
    row_key text;
    changed text;
BEGIN
    IF TG_NARGS = 1 THEN
        row_key := changed_row ->> TG_ARGV[0];
    ELSE
        SELECT string_agg(changed_row ->> key_column, '/' ORDER BY n) INTO row_key
        FROM unnest(TG_ARGV) WITH ORDINALITY AS k (key_column, n);
    END IF;
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
