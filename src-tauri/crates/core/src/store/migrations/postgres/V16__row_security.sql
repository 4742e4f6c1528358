-- Row-level security on every table of the panel's records, forced (so it
-- binds the tables' owner too, who runs migrations, the demo and imports,
-- and seals the audit log: a policy lets the owner do all of that).
-- The server names the signed-in account's agency on its connection
-- (`roundtable.agency`, see store::pg::PgStore::set_agency): an account of
-- the panel's own staff names none and works the whole store; an agency's
-- representative names its agency and, until issue 18 adds what an agency
-- may see of its own research and actions, sees and changes no row at all.
-- The application refuses such accounts too: this is the second layer,
-- and the one that holds whatever the application does.
-- The policies ask `(SELECT roundtable_panel_staff())`: a sub-select is
-- evaluated once per statement, not once per row.
-- Accounts and sessions are not here: signing in reads them before anyone
-- is known, and the server alone manages them.

CREATE FUNCTION roundtable_panel_staff() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('roundtable.agency', true), '') = ''
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'app_user', 'panel', 'agency', 'representative', 'panel_member', 'panel_concern',
        'person_case', 'repeat_match', 'linked_person', 'case_event', 'case_search',
        'import_mapping', 'import_file_value', 'import_agency_word',
        'meeting', 'meeting_expected_agency', 'agenda_item', 'hearing', 'agency_attendance',
        'attendee', 'information_share', 'action', 'action_update', 'amendment'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY owner_maintains ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t);
        EXECUTE format(
            'CREATE POLICY panel_staff ON %I TO roundtable_app '
            'USING ((SELECT roundtable_panel_staff())) WITH CHECK ((SELECT roundtable_panel_staff()))', t);
    END LOOP;
END
$$;

-- The audit log: everyone's changes are appended (an agency's sign-out
-- too); only the panel's staff read it.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_maintains ON audit_log TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY appended_by_anyone ON audit_log FOR INSERT TO roundtable_app WITH CHECK (true);
CREATE POLICY read_by_panel_staff ON audit_log FOR SELECT TO roundtable_app
    USING ((SELECT roundtable_panel_staff()));
