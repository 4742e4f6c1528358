-- A search ranked its matches by recomputing each match's words
-- (to_tsvector over search_fold, which calls unaccent) for every matching
-- case: a postcode district matches hundreds of cases, so ranking cost more
-- than finding them (12-14 ms against SQLite's 3.5). The words are now
-- computed once, when a case is indexed, and kept in a column the index and
-- the ranking both read. The same expression as the index it replaces, so
-- the same cases match.
ALTER TABLE case_search ADD COLUMN words tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', search_fold(names || ' ' || date_of_birth || ' ' || postcode || ' ' || reference))
) STORED;
DROP INDEX case_search_words;
CREATE INDEX case_search_words ON case_search USING gin (words);
