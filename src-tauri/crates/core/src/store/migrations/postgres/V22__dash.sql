-- Issue 19, the SafeLives Dash checklist at referral. Each assessment of a
-- case is kept, the first and every re-assessment; the answers are one JSON
-- list in question order (yes / no / not known and where each came from);
-- the score is counted from them by the core and stored for reports.
-- A checklist being filled in is kept as typed in `dash_draft` (one per
-- case), saved with each answer, so a crash loses nothing; completing it
-- moves it into `dash_assessment`.
CREATE TABLE dash_assessment (
    id            uuid PRIMARY KEY,
    case_id       uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    version       text NOT NULL CHECK (version IN ('adult', 'young_person')),
    completed_on  date NOT NULL,
    completed_by  text NOT NULL,
    answers       text NOT NULL,
    score         bigint NOT NULL CHECK (score >= 0),
    recorded_at   timestamptz NOT NULL,
    recorded_by   text NOT NULL
);
CREATE INDEX dash_assessment_case ON dash_assessment (case_id);
CREATE TRIGGER audit_dash_assessment AFTER INSERT OR UPDATE OR DELETE ON dash_assessment
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');

CREATE TABLE dash_draft (
    case_id       uuid PRIMARY KEY REFERENCES person_case (id) ON DELETE CASCADE,
    version       text NOT NULL CHECK (version IN ('adult', 'young_person')),
    completed_on  text NOT NULL,
    completed_by  text NOT NULL,
    answers       text NOT NULL,
    updated_at    timestamptz NOT NULL,
    updated_by    text NOT NULL
);
CREATE TRIGGER audit_dash_draft AFTER INSERT OR UPDATE OR DELETE ON dash_draft
    FOR EACH ROW EXECUTE FUNCTION audit_row('case_id');

-- Closed like every other table (migrations 16 and 18): the panel's staff
-- only. No agency's account reads a Dash answer, ever.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['dash_assessment', 'dash_draft'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY owner_maintains ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t);
        EXECUTE format(
            'CREATE POLICY panel_staff ON %I TO roundtable_app '
            'USING ((SELECT roundtable_panel_staff())) WITH CHECK ((SELECT roundtable_panel_staff()))', t);
    END LOOP;
END
$$;
