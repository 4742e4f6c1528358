-- Research is for before the meeting. Until now an agency asked to research
-- a meeting could read its case list (names, dates of birth, addresses of
-- every case on the agenda) for as long as the request existed, long after
-- the meeting was held and its answers had become shares in the record. Need
-- to know ends with the meeting: once it is held, the agency sees those
-- cases only if it owns an action on them (migration 17's policies), and
-- nothing of the agenda, its expectations or its answers.
--
-- SECURITY DEFINER, as the tables' owner, so that asking for the meeting's
-- status from the meeting table's own policies does not ask those policies
-- again. The request rows stay readable: they name no case.
CREATE OR REPLACE FUNCTION roundtable_research_meetings() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT r.meeting_id FROM research_request r JOIN meeting m ON m.id = r.meeting_id
    WHERE r.meeting_id IN (SELECT roundtable_meetings_expecting_agency())
      AND m.status <> 'held'
$$;
REVOKE ALL ON FUNCTION roundtable_research_meetings() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION roundtable_research_meetings() TO roundtable_app;
