-- The rest of the SafeLives referral form as records (issue 19): how to
-- reach the person safely, whether they know of the referral, the lawful
-- ground from the recognised list and any conditions, an earlier MARAC,
-- risk to professionals (one row per case), the perpetrators and the
-- children in the household, unborn too (rows of their own). The case's
-- existing fields, free text included, are untouched: nothing moves.
CREATE TABLE referral_detail (
    case_id                      uuid PRIMARY KEY REFERENCES person_case (id) ON DELETE CASCADE,
    safe_phone                   text NOT NULL,
    safe_to_call                 text,
    best_time_to_call            text NOT NULL,
    safe_to_leave_message        text,
    knows_of_referral            text,
    lawful_ground                text,
    consent_conditions           text NOT NULL,
    earlier_marac                text,
    earlier_marac_where          text NOT NULL,
    risk_to_professionals        text NOT NULL,
    updated_at                   timestamptz NOT NULL,
    updated_by                   text NOT NULL
);
CREATE TRIGGER audit_referral_detail AFTER INSERT OR UPDATE OR DELETE ON referral_detail
    FOR EACH ROW EXECUTE FUNCTION audit_row('case_id');

CREATE TABLE case_perpetrator (
    id                           uuid PRIMARY KEY,
    case_id                      uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    position                     bigint NOT NULL,
    name                         text NOT NULL,
    name_key                     text NOT NULL,
    aliases                      text NOT NULL,
    date_of_birth                date,
    relationship                 text
);
CREATE INDEX case_perpetrator_case ON case_perpetrator (case_id);
CREATE INDEX case_perpetrator_name_key ON case_perpetrator (name_key);
CREATE INDEX case_perpetrator_date_of_birth ON case_perpetrator (date_of_birth);
CREATE TRIGGER audit_case_perpetrator AFTER INSERT OR UPDATE OR DELETE ON case_perpetrator
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');

CREATE TABLE case_child (
    id                           uuid PRIMARY KEY,
    case_id                      uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    position                     bigint NOT NULL,
    name                         text NOT NULL,
    date_of_birth                date,
    due_date                     date,
    relationship_to_person       text,
    relationship_to_perpetrator  text,
    lives_with                   text NOT NULL,
    school                       text NOT NULL
);
CREATE INDEX case_child_case ON case_child (case_id);
CREATE TRIGGER audit_case_child AFTER INSERT OR UPDATE OR DELETE ON case_child
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');

-- Closed like every other table (migrations 16 and 18): the panel's staff
-- only; an agency's account reads none of it.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['referral_detail', 'case_perpetrator', 'case_child'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY owner_maintains ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t);
        EXECUTE format(
            'CREATE POLICY panel_staff ON %I TO roundtable_app '
            'USING ((SELECT roundtable_panel_staff())) WITH CHECK ((SELECT roundtable_panel_staff()))', t);
    END LOOP;
END
$$;
