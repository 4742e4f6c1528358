-- The agenda's keep-apart check (issue 19) asks which cases a meeting's
-- items are about. With the case in the index by meeting, the check reads
-- that index alone (an index-only scan) instead of each item's row. It
-- replaces the index by meeting and position, whose order (the agenda's)
-- it keeps. SQLite's migration 0031 makes the same change.
CREATE INDEX agenda_item_meeting_case ON agenda_item (meeting_id, position, case_id);
DROP INDEX agenda_item_meeting;
