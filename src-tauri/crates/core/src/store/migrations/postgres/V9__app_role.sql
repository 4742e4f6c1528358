-- The role a Roundtable server connects as (through a login role granted
-- it): it may read and change the data, but the audit log only read and
-- append. Updating, deleting or truncating entries, or switching the
-- triggers off, is for the owner alone (who runs these migrations), so the
-- app, or anyone holding its credentials, cannot rewrite the log.
-- Sealing entries at commit runs as the owner (audit_seal is SECURITY
-- DEFINER), so the app's entries are still chained.
-- Roles belong to the whole cluster: another database's migration may be
-- creating it at the same moment.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'roundtable_app') THEN
        CREATE ROLE roundtable_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO roundtable_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO roundtable_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO roundtable_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM roundtable_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_history FROM roundtable_app;
-- Tables later migrations add are the app's to use too (the log is not new).
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO roundtable_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO roundtable_app;
