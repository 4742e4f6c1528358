-- Research before the meeting (issue 18): the same tables as the server's
-- (see postgres/V19__research.sql), so one core runs on both engines. The
-- desktop app does not offer research (it has no agency accounts); the
-- rows are audited like every other.
CREATE TABLE research_request (
    meeting_id    TEXT PRIMARY KEY REFERENCES meeting (id) ON DELETE CASCADE,
    due_on        TEXT NOT NULL,
    published_at  TEXT NOT NULL,
    published_by  TEXT NOT NULL
) STRICT;

CREATE TABLE research_reminder (
    meeting_id   TEXT NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agency_id    TEXT NOT NULL REFERENCES agency (id),
    reminded_at  TEXT NOT NULL,
    reminded_by  TEXT NOT NULL,
    PRIMARY KEY (meeting_id, agency_id)
) STRICT;

ALTER TABLE information_share ADD COLUMN researched_at TEXT;

CREATE TRIGGER audit_research_request_insert AFTER INSERT ON research_request
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'research_request', NEW.meeting_id);
END;
CREATE TRIGGER audit_research_request_update AFTER UPDATE ON research_request
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'research_request', NEW.meeting_id, 'due_on published_at published_by');
END;
CREATE TRIGGER audit_research_reminder_insert AFTER INSERT ON research_reminder
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'research_reminder', NEW.meeting_id || '/' || NEW.agency_id);
END;
CREATE TRIGGER audit_research_reminder_update AFTER UPDATE ON research_reminder
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'research_reminder', NEW.meeting_id || '/' || NEW.agency_id, 'reminded_at reminded_by');
END;
CREATE TRIGGER audit_research_request_delete AFTER DELETE ON research_request
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'research_request', OLD.meeting_id);
END;
CREATE TRIGGER audit_research_reminder_delete AFTER DELETE ON research_reminder
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'research_reminder', OLD.meeting_id || '/' || OLD.agency_id);
END;
