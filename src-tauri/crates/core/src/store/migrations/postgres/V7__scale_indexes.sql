-- Roundtable schema on PostgreSQL, version 7: the index the scale benchmark
-- found missing (reports made between meetings, by date).
-- Kept in step with sqlite/0007_scale_indexes.sql.
-- A shipped migration is never edited: add a new file instead.

CREATE INDEX action_update_reported_on ON action_update (reported_on);
