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
    "dash_assessment",
    "dash_draft",
    "referral_detail",
    "case_perpetrator",
    "case_child",
    "other_panel_decision",
];

/// Whether a captured statement reads or writes rows (the ones whose plan
/// is checked), not a pragma, a transaction's start or a setting.
pub fn reads_or_writes_rows(sql: &str) -> bool {
    let head = sql.trim_start().to_ascii_uppercase();
    ["SELECT", "WITH", "UPDATE", "DELETE", "INSERT"]
        .iter()
        .any(|k| head.starts_with(k))
}
