-- Issue 18, first step: what an agency's representative may see and change
-- between meetings, decided by PostgreSQL. With the agency named for the
-- request's transaction (`roundtable.agency`), the representative reads
-- its own agency's actions and their reports, and reports on them (an
-- update to its own action, a new report under it); it reads the cases,
-- meetings and panels those actions belong to, and its own agency's row:
-- nothing of a case on which its agency has no action, and nothing else of
-- any case (shares, hearings, attendance, other agencies' actions). Which
-- columns of those rows it is shown is the application's to decide; which
-- rows exist for it is decided here. These policies are added to those of
-- migration 16 (policies for one role combine with OR).

CREATE FUNCTION roundtable_agency() RETURNS uuid
LANGUAGE sql STABLE AS $$
    SELECT nullif(coalesce(current_setting('roundtable.agency', true), ''), '')::uuid
$$;

CREATE POLICY agency_reads_its_actions ON action FOR SELECT TO roundtable_app
    USING (agency_id = (SELECT roundtable_agency()));
CREATE POLICY agency_reports_on_its_actions ON action FOR UPDATE TO roundtable_app
    USING (agency_id = (SELECT roundtable_agency()))
    WITH CHECK (agency_id = (SELECT roundtable_agency()));

CREATE POLICY agency_reads_its_reports ON action_update FOR SELECT TO roundtable_app
    USING (action_id IN (SELECT id FROM action WHERE agency_id = (SELECT roundtable_agency())));
CREATE POLICY agency_adds_its_reports ON action_update FOR INSERT TO roundtable_app
    WITH CHECK (action_id IN (SELECT id FROM action WHERE agency_id = (SELECT roundtable_agency())));

CREATE POLICY agency_reads_cases_of_its_actions ON person_case FOR SELECT TO roundtable_app
    USING (id IN (SELECT case_id FROM action WHERE agency_id = (SELECT roundtable_agency())));
CREATE POLICY agency_reads_meetings_of_its_actions ON meeting FOR SELECT TO roundtable_app
    USING (id IN (SELECT meeting_id FROM action WHERE agency_id = (SELECT roundtable_agency())));
CREATE POLICY agency_reads_panels_of_its_actions ON panel FOR SELECT TO roundtable_app
    USING (id IN (SELECT m.panel_id FROM meeting m JOIN action a ON a.meeting_id = m.id
                  WHERE a.agency_id = (SELECT roundtable_agency())));
CREATE POLICY agency_reads_itself ON agency FOR SELECT TO roundtable_app
    USING (id = (SELECT roundtable_agency()));
