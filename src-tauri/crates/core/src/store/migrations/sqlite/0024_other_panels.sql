-- The same person across panels (issue 19), as postgres/V24__other_panels.sql:
-- the coordinator's answer to "is this the person of that other panel's
-- case?", per person of this case (its person, a perpetrator, a linked
-- person), kept and audited. The matches themselves are found when asked.
CREATE TABLE other_panel_decision (
    case_id        TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    other_case_id  TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    who            TEXT NOT NULL,
    same_person    INTEGER NOT NULL,
    decided_at     TEXT NOT NULL,
    decided_by     TEXT NOT NULL,
    PRIMARY KEY (case_id, other_case_id, who)
) STRICT;

CREATE TRIGGER audit_other_panel_decision_insert AFTER INSERT ON other_panel_decision
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'other_panel_decision', NEW.case_id || '/' || NEW.other_case_id);
END;
CREATE TRIGGER audit_other_panel_decision_update AFTER UPDATE ON other_panel_decision
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'other_panel_decision', NEW.case_id || '/' || NEW.other_case_id,
            'same_person decided_at decided_by');
END;
CREATE TRIGGER audit_other_panel_decision_delete AFTER DELETE ON other_panel_decision
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'other_panel_decision', OLD.case_id || '/' || OLD.other_case_id);
END;
