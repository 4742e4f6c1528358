-- Sealing at commit numbered and hashed the transaction's entries in a loop
-- that updated each entry with a statement of its own: a new meeting's
-- agenda (about 70 entries) or an import (five per case) paid an UPDATE per
-- entry. The chain is still computed in order, one entry after another (each
-- hash covers the one before), but the entries are now written back with
-- one UPDATE from arrays. Same numbers, same hashes, same order.
CREATE OR REPLACE FUNCTION audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
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
    WHERE a.seq = s.old_seq;
    PERFORM set_config('roundtable.sealed_through', drawn, true);
    RETURN NULL;
END $$;
