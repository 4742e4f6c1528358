-- Issue 19, the same person across panels: the coordinator's answer to "is
-- this the person of that other panel's case?", per person of this case
-- (its person, a perpetrator, a linked person), kept and audited. The
-- matches themselves are found when asked.
CREATE TABLE other_panel_decision (
    case_id        uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    other_case_id  uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    who            text NOT NULL,
    same_person    boolean NOT NULL,
    decided_at     timestamptz NOT NULL,
    decided_by     text NOT NULL,
    PRIMARY KEY (case_id, other_case_id, who)
);
CREATE TRIGGER audit_other_panel_decision AFTER INSERT OR UPDATE OR DELETE ON other_panel_decision
    FOR EACH ROW EXECUTE FUNCTION audit_row('case_id', 'other_case_id');

-- Closed like every other table: the panel's staff only.
ALTER TABLE other_panel_decision ENABLE ROW LEVEL SECURITY;
ALTER TABLE other_panel_decision FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_maintains ON other_panel_decision TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY panel_staff ON other_panel_decision TO roundtable_app
    USING ((SELECT roundtable_panel_staff())) WITH CHECK ((SELECT roundtable_panel_staff()));
