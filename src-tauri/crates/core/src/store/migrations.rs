//! The schema as an ordered, append-only list of migrations. A migration that
//! has shipped is never edited; a change to the schema is a new file here.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("migrations/sqlite/0001_initial.sql")),
    M::up(include_str!("migrations/sqlite/0002_cases_meetings.sql")),
    M::up(include_str!("migrations/sqlite/0003_running_meetings.sql")),
    M::up(include_str!("migrations/sqlite/0004_minutes_approval.sql")),
    M::up(include_str!("migrations/sqlite/0005_between_meetings.sql")),
    M::up(include_str!("migrations/sqlite/0006_safety.sql")),
    M::up(include_str!("migrations/sqlite/0007_scale_indexes.sql")),
    M::up(include_str!("migrations/sqlite/0008_import_choices.sql")),
    M::up(include_str!("migrations/sqlite/0009_app_role.sql")),
    M::up(include_str!("migrations/sqlite/0010_seal_once.sql")),
    M::up(include_str!(
        "migrations/sqlite/0011_seal_in_one_update.sql"
    )),
    M::up(include_str!(
        "migrations/sqlite/0012_stored_search_words.sql"
    )),
    M::up(include_str!("migrations/sqlite/0013_accounts.sql")),
    M::up(include_str!(
        "migrations/sqlite/0014_meeting_notifications.sql"
    )),
    M::up(include_str!("migrations/sqlite/0015_totp_steps.sql")),
    M::up(include_str!("migrations/sqlite/0016_row_security.sql")),
    M::up(include_str!("migrations/sqlite/0017_agency_actions.sql")),
    M::up(include_str!("migrations/sqlite/0018_staff_named.sql")),
    M::up(include_str!("migrations/sqlite/0019_research.sql")),
    M::up(include_str!("migrations/sqlite/0020_invitations.sql")),
    M::up(include_str!(
        "migrations/sqlite/0021_audit_head_for_documents.sql"
    )),
    M::up(include_str!("migrations/sqlite/0022_dash.sql")),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

/// The schema version this build of Roundtable writes (SQLite `user_version`).
pub fn latest_version() -> i64 {
    // The slice is a handful of entries; the conversion cannot truncate.
    i64::try_from(STEPS.len()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(
            migrations().validate().is_ok(),
            "every migration must apply cleanly to an empty database"
        );
    }
}
