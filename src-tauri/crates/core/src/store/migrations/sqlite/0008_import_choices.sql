-- What a panel chose in a referral import's preview beyond the columns, so
-- the next list from the same source imports without choosing again:
-- a value standing for every row where the list has no such column
-- (consent, referral route, date...), and what the list calls an agency that
-- is not in the directory ("Police" meaning Lowbridge Police).
-- A shipped migration is never edited: add a new file instead.

CREATE TABLE import_file_value (
    panel_id  TEXT NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (panel_id, field)
) STRICT, WITHOUT ROWID;

CREATE TABLE import_agency_word (
    panel_id   TEXT NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    word_key   TEXT NOT NULL,          -- the text without case, spaces or punctuation
    word       TEXT NOT NULL,          -- as the list wrote it
    agency_id  TEXT NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
    PRIMARY KEY (panel_id, word_key)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER audit_import_file_value_insert AFTER INSERT ON import_file_value
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'import_file_value', NEW.panel_id || '/' || NEW.field);
END;
CREATE TRIGGER audit_import_file_value_update AFTER UPDATE ON import_file_value
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'import_file_value', NEW.panel_id || '/' || NEW.field, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.panel_id IS NOT NEW.panel_id THEN ' panel_id' ELSE '' END ||
        CASE WHEN OLD.field IS NOT NEW.field THEN ' field' ELSE '' END ||
        CASE WHEN OLD.value IS NOT NEW.value THEN ' value' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_import_file_value_delete AFTER DELETE ON import_file_value
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'import_file_value', OLD.panel_id || '/' || OLD.field);
END;

CREATE TRIGGER audit_import_agency_word_insert AFTER INSERT ON import_agency_word
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'import_agency_word', NEW.panel_id || '/' || NEW.word_key);
END;
CREATE TRIGGER audit_import_agency_word_update AFTER UPDATE ON import_agency_word
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'import_agency_word', NEW.panel_id || '/' || NEW.word_key, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.panel_id IS NOT NEW.panel_id THEN ' panel_id' ELSE '' END ||
        CASE WHEN OLD.word_key IS NOT NEW.word_key THEN ' word_key' ELSE '' END ||
        CASE WHEN OLD.word IS NOT NEW.word THEN ' word' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_import_agency_word_delete AFTER DELETE ON import_agency_word
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'import_agency_word', OLD.panel_id || '/' || OLD.word_key);
END;
