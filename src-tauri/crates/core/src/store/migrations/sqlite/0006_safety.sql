-- Safety: panel settings for the idle lock and retention, the date a case
-- closed (retention runs from it), and the audit log.
--
-- The audit log is append-only and hash-chained: every insert, update and
-- delete on every table adds a row here (from the triggers below: the table,
-- the row's key and, for an update, the names of the columns that changed -
-- never their values); the app adds rows for what a table cannot see (unlock,
-- failed unlock, lock, exports, imports, backups, restores, passphrase changes,
-- retention deletions). Rows arrive unsealed (no hash); the store seals them in
-- the same transaction (who, and a SHA-256 over the row and the previous
-- row's hash). A sealed row can be neither changed nor deleted.
-- A new table needs its three audit triggers in its own migration (a test
-- checks every table has them).
-- A shipped migration is never edited: add a new file instead.

ALTER TABLE panel ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 10;
ALTER TABLE panel ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 6;

ALTER TABLE person_case ADD COLUMN closed_on TEXT;       -- YYYY-MM-DD, while closed
UPDATE person_case SET closed_on = substr(coalesce(
    (SELECT max(e.at) FROM case_event e WHERE e.case_id = person_case.id AND e.kind IN ('closed', 'heard')),
    updated_at), 1, 10)
WHERE status = 'closed';
CREATE INDEX person_case_closed ON person_case (status, closed_on);

CREATE TRIGGER person_case_closed_on AFTER UPDATE OF status ON person_case
WHEN NEW.status IS NOT OLD.status
BEGIN
    UPDATE person_case
    SET closed_on = CASE WHEN NEW.status = 'closed' THEN substr(NEW.updated_at, 1, 10) END
    WHERE id = NEW.id;
END;

CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,    -- 1, 2, 3, ... in the order things happened
    at         TEXT NOT NULL,          -- RFC 3339 UTC
    actor      TEXT,                   -- who was signed in; set when sealed
    action     TEXT NOT NULL,          -- create, update, delete, approve, unlock, export, ...
    entity     TEXT NOT NULL,          -- a table, or session / document / backup ...
    entity_id  TEXT,                   -- the row's key (ids only, never names)
    detail     TEXT,                   -- changed column names, or what was exported for whom
    prev_hash  TEXT,                   -- the previous row's hash (hex); set when sealed
    hash       TEXT                    -- SHA-256 (hex) of this row and prev_hash; set when sealed
) STRICT;
CREATE INDEX audit_log_unsealed ON audit_log (seq) WHERE hash IS NULL;

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'The audit log cannot be changed.');
END;

CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'The audit log cannot be changed.');
END;

-- One set of audit triggers per table (the search index is derived from
-- person_case and is not audited separately).

CREATE TRIGGER audit_app_user_insert AFTER INSERT ON app_user
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'app_user', NEW.id);
END;
CREATE TRIGGER audit_app_user_update AFTER UPDATE ON app_user
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'app_user', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.name IS NOT NEW.name THEN ' name' ELSE '' END ||
        CASE WHEN OLD.role IS NOT NEW.role THEN ' role' ELSE '' END ||
        CASE WHEN OLD.created_at IS NOT NEW.created_at THEN ' created_at' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_app_user_delete AFTER DELETE ON app_user
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'app_user', OLD.id);
END;

CREATE TRIGGER audit_panel_insert AFTER INSERT ON panel
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'panel', NEW.id);
END;
CREATE TRIGGER audit_panel_update AFTER UPDATE ON panel
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'panel', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.name IS NOT NEW.name THEN ' name' ELSE '' END ||
        CASE WHEN OLD.kind IS NOT NEW.kind THEN ' kind' ELSE '' END ||
        CASE WHEN OLD.meeting_minutes IS NOT NEW.meeting_minutes THEN ' meeting_minutes' ELSE '' END ||
        CASE WHEN OLD.minutes_per_case IS NOT NEW.minutes_per_case THEN ' minutes_per_case' ELSE '' END ||
        CASE WHEN OLD.confidentiality_statement IS NOT NEW.confidentiality_statement THEN ' confidentiality_statement' ELSE '' END ||
        CASE WHEN OLD.protective_marking IS NOT NEW.protective_marking THEN ' protective_marking' ELSE '' END ||
        CASE WHEN OLD.repeat_window_months IS NOT NEW.repeat_window_months THEN ' repeat_window_months' ELSE '' END ||
        CASE WHEN OLD.archived_at IS NOT NEW.archived_at THEN ' archived_at' ELSE '' END ||
        CASE WHEN OLD.created_at IS NOT NEW.created_at THEN ' created_at' ELSE '' END ||
        CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN ' updated_at' ELSE '' END ||
        CASE WHEN OLD.idle_lock_minutes IS NOT NEW.idle_lock_minutes THEN ' idle_lock_minutes' ELSE '' END ||
        CASE WHEN OLD.retention_years IS NOT NEW.retention_years THEN ' retention_years' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_panel_delete AFTER DELETE ON panel
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'panel', OLD.id);
END;

CREATE TRIGGER audit_agency_insert AFTER INSERT ON agency
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'agency', NEW.id);
END;
CREATE TRIGGER audit_agency_update AFTER UPDATE ON agency
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'agency', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.name IS NOT NEW.name THEN ' name' ELSE '' END ||
        CASE WHEN OLD.short_code IS NOT NEW.short_code THEN ' short_code' ELSE '' END ||
        CASE WHEN OLD.sector IS NOT NEW.sector THEN ' sector' ELSE '' END ||
        CASE WHEN OLD.secure_email IS NOT NEW.secure_email THEN ' secure_email' ELSE '' END ||
        CASE WHEN OLD.archived_at IS NOT NEW.archived_at THEN ' archived_at' ELSE '' END ||
        CASE WHEN OLD.created_at IS NOT NEW.created_at THEN ' created_at' ELSE '' END ||
        CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN ' updated_at' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_agency_delete AFTER DELETE ON agency
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'agency', OLD.id);
END;

CREATE TRIGGER audit_representative_insert AFTER INSERT ON representative
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'representative', NEW.id);
END;
CREATE TRIGGER audit_representative_update AFTER UPDATE ON representative
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'representative', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END ||
        CASE WHEN OLD.position IS NOT NEW.position THEN ' position' ELSE '' END ||
        CASE WHEN OLD.name IS NOT NEW.name THEN ' name' ELSE '' END ||
        CASE WHEN OLD.role IS NOT NEW.role THEN ' role' ELSE '' END ||
        CASE WHEN OLD.email IS NOT NEW.email THEN ' email' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_representative_delete AFTER DELETE ON representative
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'representative', OLD.id);
END;

CREATE TRIGGER audit_panel_member_insert AFTER INSERT ON panel_member
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'panel_member', NEW.panel_id || '/' || NEW.agency_id);
END;
CREATE TRIGGER audit_panel_member_update AFTER UPDATE ON panel_member
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'panel_member', NEW.panel_id || '/' || NEW.agency_id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.panel_id IS NOT NEW.panel_id THEN ' panel_id' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END ||
        CASE WHEN OLD.joined_at IS NOT NEW.joined_at THEN ' joined_at' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_panel_member_delete AFTER DELETE ON panel_member
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'panel_member', OLD.panel_id || '/' || OLD.agency_id);
END;

CREATE TRIGGER audit_panel_concern_insert AFTER INSERT ON panel_concern
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'panel_concern', NEW.panel_id || '/' || NEW.label);
END;
CREATE TRIGGER audit_panel_concern_update AFTER UPDATE ON panel_concern
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'panel_concern', NEW.panel_id || '/' || NEW.label, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.panel_id IS NOT NEW.panel_id THEN ' panel_id' ELSE '' END ||
        CASE WHEN OLD.position IS NOT NEW.position THEN ' position' ELSE '' END ||
        CASE WHEN OLD.label IS NOT NEW.label THEN ' label' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_panel_concern_delete AFTER DELETE ON panel_concern
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'panel_concern', OLD.panel_id || '/' || OLD.label);
END;

CREATE TRIGGER audit_person_case_insert AFTER INSERT ON person_case
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'person_case', NEW.id);
END;
CREATE TRIGGER audit_person_case_update AFTER UPDATE ON person_case
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'person_case', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.panel_id IS NOT NEW.panel_id THEN ' panel_id' ELSE '' END ||
        CASE WHEN OLD.reference IS NOT NEW.reference THEN ' reference' ELSE '' END ||
        CASE WHEN OLD.status IS NOT NEW.status THEN ' status' ELSE '' END ||
        CASE WHEN OLD.subject_name IS NOT NEW.subject_name THEN ' subject_name' ELSE '' END ||
        CASE WHEN OLD.name_key IS NOT NEW.name_key THEN ' name_key' ELSE '' END ||
        CASE WHEN OLD.aliases IS NOT NEW.aliases THEN ' aliases' ELSE '' END ||
        CASE WHEN OLD.date_of_birth IS NOT NEW.date_of_birth THEN ' date_of_birth' ELSE '' END ||
        CASE WHEN OLD.approximate_age IS NOT NEW.approximate_age THEN ' approximate_age' ELSE '' END ||
        CASE WHEN OLD.gender IS NOT NEW.gender THEN ' gender' ELSE '' END ||
        CASE WHEN OLD.ethnicity IS NOT NEW.ethnicity THEN ' ethnicity' ELSE '' END ||
        CASE WHEN OLD.disability IS NOT NEW.disability THEN ' disability' ELSE '' END ||
        CASE WHEN OLD.lgbt IS NOT NEW.lgbt THEN ' lgbt' ELSE '' END ||
        CASE WHEN OLD.address IS NOT NEW.address THEN ' address' ELSE '' END ||
        CASE WHEN OLD.postcode IS NOT NEW.postcode THEN ' postcode' ELSE '' END ||
        CASE WHEN OLD.school IS NOT NEW.school THEN ' school' ELSE '' END ||
        CASE WHEN OLD.referring_agency_id IS NOT NEW.referring_agency_id THEN ' referring_agency_id' ELSE '' END ||
        CASE WHEN OLD.referring_officer IS NOT NEW.referring_officer THEN ' referring_officer' ELSE '' END ||
        CASE WHEN OLD.referral_date IS NOT NEW.referral_date THEN ' referral_date' ELSE '' END ||
        CASE WHEN OLD.referral_route IS NOT NEW.referral_route THEN ' referral_route' ELSE '' END ||
        CASE WHEN OLD.referral_reason IS NOT NEW.referral_reason THEN ' referral_reason' ELSE '' END ||
        CASE WHEN OLD.concerns IS NOT NEW.concerns THEN ' concerns' ELSE '' END ||
        CASE WHEN OLD.consent IS NOT NEW.consent THEN ' consent' ELSE '' END ||
        CASE WHEN OLD.lawful_ground IS NOT NEW.lawful_ground THEN ' lawful_ground' ELSE '' END ||
        CASE WHEN OLD.children_count IS NOT NEW.children_count THEN ' children_count' ELSE '' END ||
        CASE WHEN OLD.children_details IS NOT NEW.children_details THEN ' children_details' ELSE '' END ||
        CASE WHEN OLD.lead_professional IS NOT NEW.lead_professional THEN ' lead_professional' ELSE '' END ||
        CASE WHEN OLD.repeat_of IS NOT NEW.repeat_of THEN ' repeat_of' ELSE '' END ||
        CASE WHEN OLD.created_at IS NOT NEW.created_at THEN ' created_at' ELSE '' END ||
        CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN ' updated_at' ELSE '' END ||
        CASE WHEN OLD.closed_on IS NOT NEW.closed_on THEN ' closed_on' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_person_case_delete AFTER DELETE ON person_case
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'person_case', OLD.id);
END;

CREATE TRIGGER audit_repeat_match_insert AFTER INSERT ON repeat_match
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'repeat_match', NEW.case_id || '/' || NEW.other_case_id);
END;
CREATE TRIGGER audit_repeat_match_update AFTER UPDATE ON repeat_match
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'repeat_match', NEW.case_id || '/' || NEW.other_case_id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.case_id IS NOT NEW.case_id THEN ' case_id' ELSE '' END ||
        CASE WHEN OLD.other_case_id IS NOT NEW.other_case_id THEN ' other_case_id' ELSE '' END ||
        CASE WHEN OLD.strength IS NOT NEW.strength THEN ' strength' ELSE '' END ||
        CASE WHEN OLD.reason IS NOT NEW.reason THEN ' reason' ELSE '' END ||
        CASE WHEN OLD.same_person IS NOT NEW.same_person THEN ' same_person' ELSE '' END ||
        CASE WHEN OLD.decided_at IS NOT NEW.decided_at THEN ' decided_at' ELSE '' END ||
        CASE WHEN OLD.decided_by IS NOT NEW.decided_by THEN ' decided_by' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_repeat_match_delete AFTER DELETE ON repeat_match
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'repeat_match', OLD.case_id || '/' || OLD.other_case_id);
END;

CREATE TRIGGER audit_linked_person_insert AFTER INSERT ON linked_person
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'linked_person', NEW.id);
END;
CREATE TRIGGER audit_linked_person_update AFTER UPDATE ON linked_person
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'linked_person', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.case_id IS NOT NEW.case_id THEN ' case_id' ELSE '' END ||
        CASE WHEN OLD.position IS NOT NEW.position THEN ' position' ELSE '' END ||
        CASE WHEN OLD.name IS NOT NEW.name THEN ' name' ELSE '' END ||
        CASE WHEN OLD.relationship IS NOT NEW.relationship THEN ' relationship' ELSE '' END ||
        CASE WHEN OLD.keep_apart IS NOT NEW.keep_apart THEN ' keep_apart' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_linked_person_delete AFTER DELETE ON linked_person
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'linked_person', OLD.id);
END;

CREATE TRIGGER audit_case_event_insert AFTER INSERT ON case_event
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'case_event', NEW.id);
END;
CREATE TRIGGER audit_case_event_update AFTER UPDATE ON case_event
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'case_event', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.case_id IS NOT NEW.case_id THEN ' case_id' ELSE '' END ||
        CASE WHEN OLD.at IS NOT NEW.at THEN ' at' ELSE '' END ||
        CASE WHEN OLD.kind IS NOT NEW.kind THEN ' kind' ELSE '' END ||
        CASE WHEN OLD.detail IS NOT NEW.detail THEN ' detail' ELSE '' END ||
        CASE WHEN OLD.recorded_by IS NOT NEW.recorded_by THEN ' recorded_by' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_case_event_delete AFTER DELETE ON case_event
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'case_event', OLD.id);
END;

CREATE TRIGGER audit_import_mapping_insert AFTER INSERT ON import_mapping
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'import_mapping', NEW.panel_id || '/' || NEW.field);
END;
CREATE TRIGGER audit_import_mapping_update AFTER UPDATE ON import_mapping
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'import_mapping', NEW.panel_id || '/' || NEW.field, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.panel_id IS NOT NEW.panel_id THEN ' panel_id' ELSE '' END ||
        CASE WHEN OLD.field IS NOT NEW.field THEN ' field' ELSE '' END ||
        CASE WHEN OLD.header IS NOT NEW.header THEN ' header' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_import_mapping_delete AFTER DELETE ON import_mapping
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'import_mapping', OLD.panel_id || '/' || OLD.field);
END;

CREATE TRIGGER audit_meeting_insert AFTER INSERT ON meeting
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'meeting', NEW.id);
END;
CREATE TRIGGER audit_meeting_update AFTER UPDATE ON meeting
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), CASE WHEN OLD.approved_at IS NULL AND NEW.approved_at IS NOT NULL THEN 'approve' ELSE 'update' END, 'meeting', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.panel_id IS NOT NEW.panel_id THEN ' panel_id' ELSE '' END ||
        CASE WHEN OLD.kind IS NOT NEW.kind THEN ' kind' ELSE '' END ||
        CASE WHEN OLD.date IS NOT NEW.date THEN ' date' ELSE '' END ||
        CASE WHEN OLD.start_time IS NOT NEW.start_time THEN ' start_time' ELSE '' END ||
        CASE WHEN OLD.venue IS NOT NEW.venue THEN ' venue' ELSE '' END ||
        CASE WHEN OLD.chair IS NOT NEW.chair THEN ' chair' ELSE '' END ||
        CASE WHEN OLD.minute_taker IS NOT NEW.minute_taker THEN ' minute_taker' ELSE '' END ||
        CASE WHEN OLD.status IS NOT NEW.status THEN ' status' ELSE '' END ||
        CASE WHEN OLD.created_at IS NOT NEW.created_at THEN ' created_at' ELSE '' END ||
        CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN ' updated_at' ELSE '' END ||
        CASE WHEN OLD.current_item_id IS NOT NEW.current_item_id THEN ' current_item_id' ELSE '' END ||
        CASE WHEN OLD.started_at IS NOT NEW.started_at THEN ' started_at' ELSE '' END ||
        CASE WHEN OLD.ended_at IS NOT NEW.ended_at THEN ' ended_at' ELSE '' END ||
        CASE WHEN OLD.approved_by IS NOT NEW.approved_by THEN ' approved_by' ELSE '' END ||
        CASE WHEN OLD.approved_at IS NOT NEW.approved_at THEN ' approved_at' ELSE '' END ||
        CASE WHEN OLD.minutes_version IS NOT NEW.minutes_version THEN ' minutes_version' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_meeting_delete AFTER DELETE ON meeting
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'meeting', OLD.id);
END;

CREATE TRIGGER audit_meeting_expected_agency_insert AFTER INSERT ON meeting_expected_agency
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'meeting_expected_agency', NEW.meeting_id || '/' || NEW.agency_id);
END;
CREATE TRIGGER audit_meeting_expected_agency_update AFTER UPDATE ON meeting_expected_agency
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'meeting_expected_agency', NEW.meeting_id || '/' || NEW.agency_id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.meeting_id IS NOT NEW.meeting_id THEN ' meeting_id' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_meeting_expected_agency_delete AFTER DELETE ON meeting_expected_agency
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'meeting_expected_agency', OLD.meeting_id || '/' || OLD.agency_id);
END;

CREATE TRIGGER audit_agenda_item_insert AFTER INSERT ON agenda_item
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'agenda_item', NEW.id);
END;
CREATE TRIGGER audit_agenda_item_update AFTER UPDATE ON agenda_item
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'agenda_item', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.meeting_id IS NOT NEW.meeting_id THEN ' meeting_id' ELSE '' END ||
        CASE WHEN OLD.position IS NOT NEW.position THEN ' position' ELSE '' END ||
        CASE WHEN OLD.kind IS NOT NEW.kind THEN ' kind' ELSE '' END ||
        CASE WHEN OLD.case_id IS NOT NEW.case_id THEN ' case_id' ELSE '' END ||
        CASE WHEN OLD.title IS NOT NEW.title THEN ' title' ELSE '' END ||
        CASE WHEN OLD.planned_minutes IS NOT NEW.planned_minutes THEN ' planned_minutes' ELSE '' END ||
        CASE WHEN OLD.status IS NOT NEW.status THEN ' status' ELSE '' END ||
        CASE WHEN OLD.timer_started_at IS NOT NEW.timer_started_at THEN ' timer_started_at' ELSE '' END ||
        CASE WHEN OLD.actual_seconds IS NOT NEW.actual_seconds THEN ' actual_seconds' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_agenda_item_delete AFTER DELETE ON agenda_item
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'agenda_item', OLD.id);
END;

CREATE TRIGGER audit_hearing_insert AFTER INSERT ON hearing
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'hearing', NEW.id);
END;
CREATE TRIGGER audit_hearing_update AFTER UPDATE ON hearing
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'hearing', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.case_id IS NOT NEW.case_id THEN ' case_id' ELSE '' END ||
        CASE WHEN OLD.meeting_id IS NOT NEW.meeting_id THEN ' meeting_id' ELSE '' END ||
        CASE WHEN OLD.heard_on IS NOT NEW.heard_on THEN ' heard_on' ELSE '' END ||
        CASE WHEN OLD.outcome IS NOT NEW.outcome THEN ' outcome' ELSE '' END ||
        CASE WHEN OLD.review_due IS NOT NEW.review_due THEN ' review_due' ELSE '' END ||
        CASE WHEN OLD.risk_level IS NOT NEW.risk_level THEN ' risk_level' ELSE '' END ||
        CASE WHEN OLD.created_at IS NOT NEW.created_at THEN ' created_at' ELSE '' END ||
        CASE WHEN OLD.summary IS NOT NEW.summary THEN ' summary' ELSE '' END ||
        CASE WHEN OLD.risk_rag IS NOT NEW.risk_rag THEN ' risk_rag' ELSE '' END ||
        CASE WHEN OLD.risk_likelihood IS NOT NEW.risk_likelihood THEN ' risk_likelihood' ELSE '' END ||
        CASE WHEN OLD.risk_impact IS NOT NEW.risk_impact THEN ' risk_impact' ELSE '' END ||
        CASE WHEN OLD.outcome_reason IS NOT NEW.outcome_reason THEN ' outcome_reason' ELSE '' END ||
        CASE WHEN OLD.decisions IS NOT NEW.decisions THEN ' decisions' ELSE '' END ||
        CASE WHEN OLD.who_tells IS NOT NEW.who_tells THEN ' who_tells' ELSE '' END ||
        CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN ' updated_at' ELSE '' END ||
        CASE WHEN OLD.recorded_by IS NOT NEW.recorded_by THEN ' recorded_by' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_hearing_delete AFTER DELETE ON hearing
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'hearing', OLD.id);
END;

CREATE TRIGGER audit_agency_attendance_insert AFTER INSERT ON agency_attendance
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'agency_attendance', NEW.meeting_id || '/' || NEW.agency_id);
END;
CREATE TRIGGER audit_agency_attendance_update AFTER UPDATE ON agency_attendance
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'agency_attendance', NEW.meeting_id || '/' || NEW.agency_id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.meeting_id IS NOT NEW.meeting_id THEN ' meeting_id' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END ||
        CASE WHEN OLD.status IS NOT NEW.status THEN ' status' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_agency_attendance_delete AFTER DELETE ON agency_attendance
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'agency_attendance', OLD.meeting_id || '/' || OLD.agency_id);
END;

CREATE TRIGGER audit_attendee_insert AFTER INSERT ON attendee
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'attendee', NEW.id);
END;
CREATE TRIGGER audit_attendee_update AFTER UPDATE ON attendee
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'attendee', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.meeting_id IS NOT NEW.meeting_id THEN ' meeting_id' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END ||
        CASE WHEN OLD.position IS NOT NEW.position THEN ' position' ELSE '' END ||
        CASE WHEN OLD.name IS NOT NEW.name THEN ' name' ELSE '' END ||
        CASE WHEN OLD.role IS NOT NEW.role THEN ' role' ELSE '' END ||
        CASE WHEN OLD.acknowledged IS NOT NEW.acknowledged THEN ' acknowledged' ELSE '' END ||
        CASE WHEN OLD.arrived_at IS NOT NEW.arrived_at THEN ' arrived_at' ELSE '' END ||
        CASE WHEN OLD.left_at IS NOT NEW.left_at THEN ' left_at' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_attendee_delete AFTER DELETE ON attendee
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'attendee', OLD.id);
END;

CREATE TRIGGER audit_information_share_insert AFTER INSERT ON information_share
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'information_share', NEW.meeting_id || '/' || NEW.case_id || '/' || NEW.agency_id);
END;
CREATE TRIGGER audit_information_share_update AFTER UPDATE ON information_share
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'information_share', NEW.meeting_id || '/' || NEW.case_id || '/' || NEW.agency_id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.meeting_id IS NOT NEW.meeting_id THEN ' meeting_id' ELSE '' END ||
        CASE WHEN OLD.case_id IS NOT NEW.case_id THEN ' case_id' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END ||
        CASE WHEN OLD.state IS NOT NEW.state THEN ' state' ELSE '' END ||
        CASE WHEN OLD.facts IS NOT NEW.facts THEN ' facts' ELSE '' END ||
        CASE WHEN OLD.opinion IS NOT NEW.opinion THEN ' opinion' ELSE '' END ||
        CASE WHEN OLD.withheld IS NOT NEW.withheld THEN ' withheld' ELSE '' END ||
        CASE WHEN OLD.withheld_reason IS NOT NEW.withheld_reason THEN ' withheld_reason' ELSE '' END ||
        CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN ' updated_at' ELSE '' END ||
        CASE WHEN OLD.updated_by IS NOT NEW.updated_by THEN ' updated_by' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_information_share_delete AFTER DELETE ON information_share
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'information_share', OLD.meeting_id || '/' || OLD.case_id || '/' || OLD.agency_id);
END;

CREATE TRIGGER audit_action_insert AFTER INSERT ON action
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'action', NEW.id);
END;
CREATE TRIGGER audit_action_update AFTER UPDATE ON action
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'action', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.meeting_id IS NOT NEW.meeting_id THEN ' meeting_id' ELSE '' END ||
        CASE WHEN OLD.case_id IS NOT NEW.case_id THEN ' case_id' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END ||
        CASE WHEN OLD.officer IS NOT NEW.officer THEN ' officer' ELSE '' END ||
        CASE WHEN OLD.text IS NOT NEW.text THEN ' text' ELSE '' END ||
        CASE WHEN OLD.due_date IS NOT NEW.due_date THEN ' due_date' ELSE '' END ||
        CASE WHEN OLD.status IS NOT NEW.status THEN ' status' ELSE '' END ||
        CASE WHEN OLD.position IS NOT NEW.position THEN ' position' ELSE '' END ||
        CASE WHEN OLD.created_at IS NOT NEW.created_at THEN ' created_at' ELSE '' END ||
        CASE WHEN OLD.created_by IS NOT NEW.created_by THEN ' created_by' ELSE '' END ||
        CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN ' updated_at' ELSE '' END ||
        CASE WHEN OLD.completed_on IS NOT NEW.completed_on THEN ' completed_on' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_action_delete AFTER DELETE ON action
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'action', OLD.id);
END;

CREATE TRIGGER audit_action_update_insert AFTER INSERT ON action_update
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'action_update', NEW.id);
END;
CREATE TRIGGER audit_action_update_update AFTER UPDATE ON action_update
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'action_update', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.action_id IS NOT NEW.action_id THEN ' action_id' ELSE '' END ||
        CASE WHEN OLD.at IS NOT NEW.at THEN ' at' ELSE '' END ||
        CASE WHEN OLD.status IS NOT NEW.status THEN ' status' ELSE '' END ||
        CASE WHEN OLD.note IS NOT NEW.note THEN ' note' ELSE '' END ||
        CASE WHEN OLD.meeting_id IS NOT NEW.meeting_id THEN ' meeting_id' ELSE '' END ||
        CASE WHEN OLD.recorded_by IS NOT NEW.recorded_by THEN ' recorded_by' ELSE '' END ||
        CASE WHEN OLD.reported_on IS NOT NEW.reported_on THEN ' reported_on' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_action_update_delete AFTER DELETE ON action_update
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'action_update', OLD.id);
END;

CREATE TRIGGER audit_amendment_insert AFTER INSERT ON amendment
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'amendment', NEW.id);
END;
CREATE TRIGGER audit_amendment_update AFTER UPDATE ON amendment
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'amendment', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.meeting_id IS NOT NEW.meeting_id THEN ' meeting_id' ELSE '' END ||
        CASE WHEN OLD.version IS NOT NEW.version THEN ' version' ELSE '' END ||
        CASE WHEN OLD.opened_by IS NOT NEW.opened_by THEN ' opened_by' ELSE '' END ||
        CASE WHEN OLD.opened_at IS NOT NEW.opened_at THEN ' opened_at' ELSE '' END ||
        CASE WHEN OLD.why IS NOT NEW.why THEN ' why' ELSE '' END ||
        CASE WHEN OLD.what IS NOT NEW.what THEN ' what' ELSE '' END ||
        CASE WHEN OLD.closed_at IS NOT NEW.closed_at THEN ' closed_at' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
CREATE TRIGGER audit_amendment_delete AFTER DELETE ON amendment
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'amendment', OLD.id);
END;

-- Deleting a case from the search index removes its words from the index's
-- pages too (FTS5 otherwise keeps them until segments merge).
INSERT INTO case_search (case_search, rank) VALUES ('secure-delete', 1);
