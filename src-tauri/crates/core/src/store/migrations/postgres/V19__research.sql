-- Issue 18, research before the meeting. When a meeting's agenda is ready
-- the coordinator publishes its case list for research, with a date by
-- which the agencies expected at the meeting answer; each such agency
-- records, per case, known / not known, facts, opinion and what it will
-- not share and why. The answer is that agency's share of the meeting
-- (`information_share`), marked `researched_at`, so it arrives in the
-- cockpit as what the agency holds, editable there (every change audited).
-- The coordinator may remind an agency that has not finished.

CREATE TABLE research_request (
    meeting_id    uuid PRIMARY KEY REFERENCES meeting (id) ON DELETE CASCADE,
    due_on        date NOT NULL,
    published_at  timestamptz NOT NULL,
    published_by  text NOT NULL
);
CREATE TRIGGER audit_research_request AFTER INSERT OR UPDATE OR DELETE ON research_request
    FOR EACH ROW EXECUTE FUNCTION audit_row('meeting_id');

CREATE TABLE research_reminder (
    meeting_id   uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agency_id    uuid NOT NULL REFERENCES agency (id),
    reminded_at  timestamptz NOT NULL,
    reminded_by  text NOT NULL,
    PRIMARY KEY (meeting_id, agency_id)
);
CREATE TRIGGER audit_research_reminder AFTER INSERT OR UPDATE OR DELETE ON research_reminder
    FOR EACH ROW EXECUTE FUNCTION audit_row('meeting_id', 'agency_id');

ALTER TABLE information_share ADD COLUMN researched_at timestamptz;

-- The new tables are closed like every other (migrations 16 and 18).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['research_request', 'research_reminder'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY owner_maintains ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t);
        EXECUTE format(
            'CREATE POLICY panel_staff ON %I TO roundtable_app '
            'USING ((SELECT roundtable_panel_staff())) WITH CHECK ((SELECT roundtable_panel_staff()))', t);
    END LOOP;
END
$$;

-- The meetings at which the named agency is expected. SECURITY DEFINER,
-- run as the tables' owner, so that the policies below may ask it without
-- asking themselves (the expectations' own policy asks for the requests,
-- and the requests' for the expectations).
CREATE FUNCTION roundtable_meetings_expecting_agency() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT meeting_id FROM meeting_expected_agency WHERE agency_id = roundtable_agency()
$$;
REVOKE ALL ON FUNCTION roundtable_meetings_expecting_agency() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION roundtable_meetings_expecting_agency() TO roundtable_app;

-- The meetings whose case list the named agency is asked to research:
-- published, and the agency expected at the meeting.
CREATE FUNCTION roundtable_research_meetings() RETURNS SETOF uuid
LANGUAGE sql STABLE AS $$
    SELECT meeting_id FROM research_request
    WHERE meeting_id IN (SELECT roundtable_meetings_expecting_agency())
$$;

-- What an agency may read for its research: that it is expected, the
-- request and any reminder to it, the meeting and its panel, the agenda's
-- case items, and those cases' rows (the application shows only the
-- reference, name, aliases, date of birth and address). No other agency's
-- share, no hearing, no attendance.
CREATE POLICY agency_reads_its_expectations ON meeting_expected_agency FOR SELECT TO roundtable_app
    USING (agency_id = (SELECT roundtable_agency())
           AND meeting_id IN (SELECT roundtable_research_meetings()));
CREATE POLICY agency_reads_requests_to_it ON research_request FOR SELECT TO roundtable_app
    USING (meeting_id IN (SELECT roundtable_meetings_expecting_agency()));
CREATE POLICY agency_reads_its_reminders ON research_reminder FOR SELECT TO roundtable_app
    USING (agency_id = (SELECT roundtable_agency())
           AND meeting_id IN (SELECT roundtable_research_meetings()));
CREATE POLICY agency_reads_meetings_to_research ON meeting FOR SELECT TO roundtable_app
    USING (id IN (SELECT roundtable_research_meetings()));
CREATE POLICY agency_reads_panels_to_research ON panel FOR SELECT TO roundtable_app
    USING (id IN (SELECT m.panel_id FROM meeting m WHERE m.id IN (SELECT roundtable_research_meetings())));
CREATE POLICY agency_reads_agendas_to_research ON agenda_item FOR SELECT TO roundtable_app
    USING (case_id IS NOT NULL AND meeting_id IN (SELECT roundtable_research_meetings()));
CREATE POLICY agency_reads_cases_to_research ON person_case FOR SELECT TO roundtable_app
    USING (id IN (SELECT case_id FROM agenda_item WHERE meeting_id IN (SELECT roundtable_research_meetings())));

-- Its own answers: read, made and changed only as the named agency, only
-- for a case on the agenda of a meeting it is asked to research. (The
-- deadline is the application's rule: it compares the borough's own date.)
CREATE POLICY agency_reads_its_research ON information_share FOR SELECT TO roundtable_app
    USING (agency_id = (SELECT roundtable_agency())
           AND meeting_id IN (SELECT roundtable_research_meetings()));
CREATE POLICY agency_adds_its_research ON information_share FOR INSERT TO roundtable_app
    WITH CHECK (agency_id = (SELECT roundtable_agency())
                AND researched_at IS NOT NULL
                AND (meeting_id, case_id) IN (SELECT meeting_id, case_id FROM agenda_item
                                              WHERE meeting_id IN (SELECT roundtable_research_meetings())));
CREATE POLICY agency_changes_its_research ON information_share FOR UPDATE TO roundtable_app
    USING (agency_id = (SELECT roundtable_agency())
           AND meeting_id IN (SELECT roundtable_research_meetings()))
    WITH CHECK (agency_id = (SELECT roundtable_agency())
                AND researched_at IS NOT NULL
                AND (meeting_id, case_id) IN (SELECT meeting_id, case_id FROM agenda_item
                                              WHERE meeting_id IN (SELECT roundtable_research_meetings())));
