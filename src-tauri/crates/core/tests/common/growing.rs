//! The tables that grow with every meeting, for the query-plan tests on
//! both engines: reading one of them whole on a hot screen is a bug.

pub const GROWING_TABLES: &[&str] = &[
    "person_case",
    "hearing",
    "agenda_item",
    "action",
    "action_update",
    "information_share",
    "case_event",
    "attendee",
    "agency_attendance",
    "meeting_expected_agency",
    "linked_person",
    "repeat_match",
    "meeting",
    "audit_log",
];
