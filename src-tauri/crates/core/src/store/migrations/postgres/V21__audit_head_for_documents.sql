-- Every document Roundtable makes notes the audit log's head (its newest
-- sealed entry and that entry's hash) so a printed copy can be checked
-- against the log. An agency's representative downloading its own action
-- plan (issue 18) may not read the log itself (migration 16), so the head
-- alone is offered by this function, run as the tables' owner: an entry's
-- number and hash, which say nothing of what any entry records.
CREATE FUNCTION roundtable_audit_head() RETURNS TABLE (seq bigint, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT seq, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1
$$;
REVOKE ALL ON FUNCTION roundtable_audit_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION roundtable_audit_head() TO roundtable_app;
