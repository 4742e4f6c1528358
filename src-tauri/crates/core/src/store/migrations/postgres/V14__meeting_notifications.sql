-- Live meetings (issue 17): every change to a meeting, its agenda, its
-- attendance, what agencies shared, the panel's assessment and decisions,
-- actions and minutes is announced on the channel `roundtable_meeting`,
-- with the meeting's id, for the server to pass to every browser showing
-- that meeting. NOTIFY is transactional: the announcement goes out at
-- commit, never for a change rolled back, and one transaction's repeats of
-- the same id are folded into one.
CREATE FUNCTION notify_meeting_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed record;
    meeting uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF TG_TABLE_NAME = 'meeting' THEN
        meeting := changed.id;
    ELSE
        meeting := changed.meeting_id;
    END IF;
    IF meeting IS NOT NULL THEN
        PERFORM pg_notify('roundtable_meeting', meeting::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER notify_meeting AFTER INSERT OR UPDATE OR DELETE ON meeting
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
CREATE TRIGGER notify_meeting_expected_agency AFTER INSERT OR UPDATE OR DELETE ON meeting_expected_agency
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
CREATE TRIGGER notify_agenda_item AFTER INSERT OR UPDATE OR DELETE ON agenda_item
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
CREATE TRIGGER notify_hearing AFTER INSERT OR UPDATE OR DELETE ON hearing
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
CREATE TRIGGER notify_agency_attendance AFTER INSERT OR UPDATE OR DELETE ON agency_attendance
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
CREATE TRIGGER notify_attendee AFTER INSERT OR UPDATE OR DELETE ON attendee
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
CREATE TRIGGER notify_information_share AFTER INSERT OR UPDATE OR DELETE ON information_share
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
CREATE TRIGGER notify_action AFTER INSERT OR UPDATE OR DELETE ON action
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
CREATE TRIGGER notify_action_update AFTER INSERT OR UPDATE OR DELETE ON action_update
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
CREATE TRIGGER notify_amendment AFTER INSERT OR UPDATE OR DELETE ON amendment
    FOR EACH ROW EXECUTE FUNCTION notify_meeting_change();
