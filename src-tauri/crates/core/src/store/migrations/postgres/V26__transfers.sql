-- Issue 20, MARAC-to-MARAC transfers: each bundle sent (to close the loop
-- when its receipt comes back) and each one received (so a bundle is never
-- imported twice). The bundle itself is a file, encrypted under a
-- passphrase that is never kept.
CREATE TABLE transfer_sent (
    id                 uuid PRIMARY KEY,
    case_id            uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    to_panel           text NOT NULL,
    sent_at            timestamptz NOT NULL,
    sent_by            text NOT NULL,
    receipt_at         timestamptz,
    receipt_reference  text
);
CREATE INDEX transfer_sent_case ON transfer_sent (case_id);

CREATE TABLE transfer_received (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    from_panel   text NOT NULL,
    received_at  timestamptz NOT NULL,
    received_by  text NOT NULL
);
CREATE INDEX transfer_received_case ON transfer_received (case_id);

CREATE TRIGGER audit_transfer_sent AFTER INSERT OR UPDATE OR DELETE ON transfer_sent
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER audit_transfer_received AFTER INSERT OR UPDATE OR DELETE ON transfer_received
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');

-- Closed like every other table: the panel's staff only.
ALTER TABLE transfer_sent ENABLE ROW LEVEL SECURITY;
ALTER TABLE transfer_sent FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_maintains ON transfer_sent TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY panel_staff ON transfer_sent TO roundtable_app
    USING ((SELECT roundtable_panel_staff())) WITH CHECK ((SELECT roundtable_panel_staff()));
ALTER TABLE transfer_received ENABLE ROW LEVEL SECURITY;
ALTER TABLE transfer_received FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_maintains ON transfer_received TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY panel_staff ON transfer_received TO roundtable_app
    USING ((SELECT roundtable_panel_staff())) WITH CHECK ((SELECT roundtable_panel_staff()));
