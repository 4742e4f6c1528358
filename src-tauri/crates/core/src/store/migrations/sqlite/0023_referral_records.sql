-- The rest of the SafeLives referral form as records (issue 19), the same
-- tables as postgres/V23__referral_records.sql: how to reach the person
-- safely, whether they know of the referral, the lawful ground from the
-- recognised list and any conditions, an earlier MARAC, risk to
-- professionals (one row per case), the perpetrators and the children in
-- the household, unborn too (rows of their own). The case's existing
-- fields, free text included, are untouched: nothing moves.
CREATE TABLE referral_detail (
    case_id                      TEXT PRIMARY KEY REFERENCES person_case (id) ON DELETE CASCADE,
    safe_phone                   TEXT NOT NULL,
    safe_to_call                 TEXT,
    best_time_to_call            TEXT NOT NULL,
    safe_to_leave_message        TEXT,
    knows_of_referral            TEXT,
    lawful_ground                TEXT,
    consent_conditions           TEXT NOT NULL,
    earlier_marac                TEXT,
    earlier_marac_where          TEXT NOT NULL,
    risk_to_professionals        TEXT NOT NULL,
    updated_at                   TEXT NOT NULL,
    updated_by                   TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_referral_detail_insert AFTER INSERT ON referral_detail
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'referral_detail', NEW.case_id);
END;
CREATE TRIGGER audit_referral_detail_update AFTER UPDATE ON referral_detail
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'referral_detail', NEW.case_id,
            'safe_phone safe_to_call best_time_to_call safe_to_leave_message knows_of_referral lawful_ground consent_conditions earlier_marac earlier_marac_where risk_to_professionals updated_at updated_by');
END;
CREATE TRIGGER audit_referral_detail_delete AFTER DELETE ON referral_detail
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'referral_detail', OLD.case_id);
END;

CREATE TABLE case_perpetrator (
    id                           TEXT PRIMARY KEY,
    case_id                      TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    position                     INTEGER NOT NULL,
    name                         TEXT NOT NULL,
    name_key                     TEXT NOT NULL,
    aliases                      TEXT NOT NULL,
    date_of_birth                TEXT,
    relationship                 TEXT
) STRICT;
CREATE INDEX case_perpetrator_case ON case_perpetrator (case_id);
CREATE INDEX case_perpetrator_name_key ON case_perpetrator (name_key);
CREATE INDEX case_perpetrator_date_of_birth ON case_perpetrator (date_of_birth);
CREATE TRIGGER audit_case_perpetrator_insert AFTER INSERT ON case_perpetrator
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'case_perpetrator', NEW.id);
END;
CREATE TRIGGER audit_case_perpetrator_update AFTER UPDATE ON case_perpetrator
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'case_perpetrator', NEW.id,
            'case_id position name name_key aliases date_of_birth relationship');
END;
CREATE TRIGGER audit_case_perpetrator_delete AFTER DELETE ON case_perpetrator
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'case_perpetrator', OLD.id);
END;

CREATE TABLE case_child (
    id                           TEXT PRIMARY KEY,
    case_id                      TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    position                     INTEGER NOT NULL,
    name                         TEXT NOT NULL,
    date_of_birth                TEXT,
    due_date                     TEXT,
    relationship_to_person       TEXT,
    relationship_to_perpetrator  TEXT,
    lives_with                   TEXT NOT NULL,
    school                       TEXT NOT NULL
) STRICT;
CREATE INDEX case_child_case ON case_child (case_id);
CREATE TRIGGER audit_case_child_insert AFTER INSERT ON case_child
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'case_child', NEW.id);
END;
CREATE TRIGGER audit_case_child_update AFTER UPDATE ON case_child
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'case_child', NEW.id,
            'case_id position name date_of_birth due_date relationship_to_person relationship_to_perpetrator lives_with school');
END;
CREATE TRIGGER audit_case_child_delete AFTER DELETE ON case_child
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'case_child', OLD.id);
END;
