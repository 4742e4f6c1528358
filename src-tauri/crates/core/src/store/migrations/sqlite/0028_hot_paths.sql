-- The same two indexes as PostgreSQL's migration 28, so the engines keep one
-- schema: the undecided repeat matches by case (the agenda and search mark
-- a case with one), and the keep-apart people by case (the agenda's check).
-- Its changes to the audit functions are PostgreSQL's alone (SQLite has
-- triggers of its own and seals the chain in Rust).
CREATE INDEX repeat_match_undecided ON repeat_match (case_id) WHERE same_person IS NULL;
CREATE INDEX linked_person_keep_apart ON linked_person (case_id) WHERE keep_apart;
