-- Issue 20, the SafeLives quarterly return: the number of women aged 16 and
-- over in the panel's area, entered by the coordinator (e.g. from the ONS
-- mid-year estimate), so the return can give cases per 10,000 of them. One
-- figure per panel, audited when changed.
CREATE TABLE panel_population (
    panel_id       uuid PRIMARY KEY REFERENCES panel (id) ON DELETE CASCADE,
    women_16_plus  integer NOT NULL CHECK (women_16_plus > 0),
    source         text NOT NULL,
    updated_at     timestamptz NOT NULL,
    updated_by     text NOT NULL
);
CREATE TRIGGER audit_panel_population AFTER INSERT OR UPDATE OR DELETE ON panel_population
    FOR EACH ROW EXECUTE FUNCTION audit_row('panel_id');

-- Closed like every other table: the panel's staff only.
ALTER TABLE panel_population ENABLE ROW LEVEL SECURITY;
ALTER TABLE panel_population FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_maintains ON panel_population TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY panel_staff ON panel_population TO roundtable_app
    USING ((SELECT roundtable_panel_staff())) WITH CHECK ((SELECT roundtable_panel_staff()));
