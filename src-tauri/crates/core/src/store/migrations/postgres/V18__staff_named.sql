-- Row-level security closed by default. Until now an empty
-- `roundtable.agency` meant "the panel's own staff": a connection on which
-- nobody had named anyone saw every record. Now the staff are named too
-- ('staff', set for each request's transaction by the server, see
-- store::pg::PgStore::set_agency), and a connection naming no one sees no
-- row of the records at all. An agency is still named by its id.

CREATE OR REPLACE FUNCTION roundtable_panel_staff() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('roundtable.agency', true), '') = 'staff'
$$;

CREATE OR REPLACE FUNCTION roundtable_agency() RETURNS uuid
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN coalesce(current_setting('roundtable.agency', true), '') IN ('', 'staff') THEN NULL
        ELSE current_setting('roundtable.agency', true)::uuid
    END
$$;
