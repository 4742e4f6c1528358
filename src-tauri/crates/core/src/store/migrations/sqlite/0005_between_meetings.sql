-- Between meetings: progress reported on actions carries the date it was
-- reported (not just when it was typed in), an action remembers when it was
-- completed (for "done on time"), and a hearing remembers who recorded it.
-- Indexes for the action tracker and the panel statistics.
-- A shipped migration is never edited: add a new file instead.

ALTER TABLE action_update ADD COLUMN reported_on TEXT;   -- YYYY-MM-DD
UPDATE action_update SET reported_on = substr(at, 1, 10);

ALTER TABLE action ADD COLUMN completed_on TEXT;         -- YYYY-MM-DD, while done
UPDATE action SET completed_on = (
    SELECT max(u.reported_on) FROM action_update u
    WHERE u.action_id = action.id AND u.status = 'done'
) WHERE status = 'done';

ALTER TABLE hearing ADD COLUMN recorded_by TEXT;

CREATE INDEX action_status_due ON action (status, due_date);
CREATE INDEX action_update_meeting ON action_update (meeting_id);
CREATE INDEX hearing_heard_on ON hearing (heard_on);
CREATE INDEX person_case_repeat_of ON person_case (repeat_of);
