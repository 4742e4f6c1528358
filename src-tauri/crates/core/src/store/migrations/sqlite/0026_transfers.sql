-- MARAC-to-MARAC transfers (issue 20), as postgres/V26__transfers.sql: each
-- bundle sent (to close the loop when its receipt comes back) and each one
-- received (so a bundle is never imported twice). The bundle itself is a
-- file, encrypted under a passphrase that is never kept.
CREATE TABLE transfer_sent (
    id                 TEXT PRIMARY KEY,
    case_id            TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    to_panel           TEXT NOT NULL,
    sent_at            TEXT NOT NULL,
    sent_by            TEXT NOT NULL,
    receipt_at         TEXT,
    receipt_reference  TEXT
) STRICT;
CREATE INDEX transfer_sent_case ON transfer_sent (case_id);

CREATE TABLE transfer_received (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    from_panel   TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    received_by  TEXT NOT NULL
) STRICT;
CREATE INDEX transfer_received_case ON transfer_received (case_id);

CREATE TRIGGER audit_transfer_sent_insert AFTER INSERT ON transfer_sent
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'transfer_sent', NEW.id);
END;
CREATE TRIGGER audit_transfer_sent_update AFTER UPDATE ON transfer_sent
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'transfer_sent', NEW.id,
            'receipt_at receipt_reference');
END;
CREATE TRIGGER audit_transfer_sent_delete AFTER DELETE ON transfer_sent
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'transfer_sent', OLD.id);
END;
CREATE TRIGGER audit_transfer_received_insert AFTER INSERT ON transfer_received
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'transfer_received', NEW.id);
END;
CREATE TRIGGER audit_transfer_received_update AFTER UPDATE ON transfer_received
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'transfer_received', NEW.id, 'case_id');
END;
CREATE TRIGGER audit_transfer_received_delete AFTER DELETE ON transfer_received
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'transfer_received', OLD.id);
END;
