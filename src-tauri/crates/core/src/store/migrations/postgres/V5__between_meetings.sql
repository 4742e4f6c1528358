-- Roundtable schema on PostgreSQL, version 5: the date progress was reported,
-- when an action was completed, who recorded a hearing; tracker indexes.
-- Kept in step with sqlite/0005_between_meetings.sql.
-- A shipped migration is never edited: add a new file instead.

ALTER TABLE action_update ADD COLUMN reported_on date;
UPDATE action_update SET reported_on = (at AT TIME ZONE 'UTC')::date;

ALTER TABLE action ADD COLUMN completed_on date;
UPDATE action SET completed_on = (
    SELECT max(u.reported_on) FROM action_update u
    WHERE u.action_id = action.id AND u.status = 'done'
) WHERE status = 'done';

ALTER TABLE hearing ADD COLUMN recorded_by text;

CREATE INDEX action_status_due ON action (status, due_date);
CREATE INDEX action_update_meeting ON action_update (meeting_id);
CREATE INDEX hearing_heard_on ON hearing (heard_on);
CREATE INDEX person_case_repeat_of ON person_case (repeat_of);
