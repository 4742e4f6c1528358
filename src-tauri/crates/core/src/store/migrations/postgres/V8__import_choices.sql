-- Roundtable schema on PostgreSQL, version 8: what a panel chose in a
-- referral import's preview beyond the columns, remembered for next time.
-- Kept in step with sqlite/0008_import_choices.sql.
-- A shipped migration is never edited: add a new file instead.

CREATE TABLE import_file_value (
    panel_id  uuid NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    field     text NOT NULL,
    value     text NOT NULL,
    PRIMARY KEY (panel_id, field)
);

CREATE TABLE import_agency_word (
    panel_id   uuid NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    word_key   text NOT NULL,
    word       text NOT NULL,
    agency_id  uuid NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
    PRIMARY KEY (panel_id, word_key)
);

CREATE TRIGGER audit_import_file_value AFTER INSERT OR UPDATE OR DELETE ON import_file_value
    FOR EACH ROW EXECUTE FUNCTION audit_row('panel_id', 'field');
CREATE TRIGGER audit_import_agency_word AFTER INSERT OR UPDATE OR DELETE ON import_agency_word
    FOR EACH ROW EXECUTE FUNCTION audit_row('panel_id', 'word_key');
