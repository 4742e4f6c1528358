-- The agenda's keep-apart check (issue 19) asks which cases a meeting's
-- items are about. The index by meeting held only the item's position, so
-- SQLite fetched every item's row again to read its case: 55 table look-ups
-- on the ten-year borough's biggest agenda, a fifth of that check. With the
-- case in the index the check reads the index alone. It replaces the index
-- by meeting and position, whose order (the agenda's) it keeps.
-- PostgreSQL's migration 31 makes the same change.
CREATE INDEX agenda_item_meeting_case ON agenda_item (meeting_id, position, case_id);
DROP INDEX agenda_item_meeting;
