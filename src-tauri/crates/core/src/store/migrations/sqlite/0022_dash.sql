-- The SafeLives Dash checklist at referral (issue 19): the same table as the
-- server's (see postgres/V22__dash.sql). Each assessment is kept, the first
-- and every re-assessment; the answers are one JSON list in question order;
-- the score is counted from them by the core. A checklist being filled in is
-- kept as typed in `dash_draft` (one per case), saved with each answer, so a
-- crash loses nothing; completing it moves it into `dash_assessment`.
-- Audited like every other row.
CREATE TABLE dash_assessment (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES person_case (id) ON DELETE CASCADE,
    version       TEXT NOT NULL CHECK (version IN ('adult', 'young_person')),
    completed_on  TEXT NOT NULL,
    completed_by  TEXT NOT NULL,
    answers       TEXT NOT NULL,
    score         INTEGER NOT NULL CHECK (score >= 0),
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL
) STRICT;
CREATE INDEX dash_assessment_case ON dash_assessment (case_id);

CREATE TRIGGER audit_dash_assessment_insert AFTER INSERT ON dash_assessment
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'dash_assessment', NEW.id);
END;
CREATE TRIGGER audit_dash_assessment_update AFTER UPDATE ON dash_assessment
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'dash_assessment', NEW.id,
            'version completed_on completed_by answers score recorded_at recorded_by');
END;
CREATE TRIGGER audit_dash_assessment_delete AFTER DELETE ON dash_assessment
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'dash_assessment', OLD.id);
END;

CREATE TABLE dash_draft (
    case_id       TEXT PRIMARY KEY REFERENCES person_case (id) ON DELETE CASCADE,
    version       TEXT NOT NULL CHECK (version IN ('adult', 'young_person')),
    completed_on  TEXT NOT NULL,
    completed_by  TEXT NOT NULL,
    answers       TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_dash_draft_insert AFTER INSERT ON dash_draft
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'dash_draft', NEW.case_id);
END;
CREATE TRIGGER audit_dash_draft_update AFTER UPDATE ON dash_draft
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'dash_draft', NEW.case_id,
            'version completed_on completed_by answers updated_at updated_by');
END;
CREATE TRIGGER audit_dash_draft_delete AFTER DELETE ON dash_draft
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'dash_draft', OLD.case_id);
END;
