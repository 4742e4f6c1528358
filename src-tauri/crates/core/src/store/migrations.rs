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
    M::up(include_str!("migrations/sqlite/0023_referral_records.sql")),
    M::up(include_str!("migrations/sqlite/0024_other_panels.sql")),
    M::up(include_str!("migrations/sqlite/0025_panel_population.sql")),
    M::up(include_str!("migrations/sqlite/0026_transfers.sql")),
    M::up(include_str!(
        "migrations/sqlite/0027_research_ends_when_held.sql"
    )),
    M::up(include_str!("migrations/sqlite/0028_hot_paths.sql")),
    M::up(include_str!(
        "migrations/sqlite/0029_audit_per_row_cheaper.sql"
    )),
    M::up(include_str!(
        "migrations/sqlite/0030_seal_inlines_its_json.sql"
    )),
    M::up(include_str!(
        "migrations/sqlite/0031_agenda_cases_by_meeting.sql"
    )),
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

    /// Every column of every existing row, as text, in a fixed order.
    fn snapshot(conn: &rusqlite::Connection, tables: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for table in tables {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
                .expect("table");
            let width = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..width)
                        .map(|i| {
                            r.get::<_, rusqlite::types::Value>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
                .expect("rows");
            for row in rows {
                out.push(format!("{table}: {}", row.expect("row").join(" | ")));
            }
        }
        out
    }

    /// The Dash and referral-records migrations (22, 23) add tables only: a
    /// case written before them, every free-text field filled in, reads back
    /// the same afterwards, field by field.
    #[test]
    fn the_referral_migrations_keep_every_existing_field() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory");
        migrations().to_version(&mut conn, 21).expect("up to 21");
        conn.execute_batch(
            "INSERT INTO panel (id, name, kind, meeting_minutes, minutes_per_case,
                confidentiality_statement, protective_marking, repeat_window_months, created_at,
                updated_at)
             VALUES ('p1', 'Lowbridge MARAC', 'marac', 120, 15, 'Confidential.',
                'OFFICIAL-SENSITIVE', 12, '2026-01-01', '2026-01-01');
             INSERT INTO agency VALUES ('a1', 'Lowbridge Police', 'POL', 'police', NULL, NULL,
                '2026-01-01', '2026-01-01');
             INSERT INTO person_case (id, panel_id, reference, status, subject_name, name_key,
                aliases, date_of_birth, gender, ethnicity, disability, lgbt, address, postcode,
                school, referring_agency_id, referring_officer, referral_date, referral_route,
                referral_reason, concerns, consent, lawful_ground, children_count,
                children_details, lead_professional, created_at, updated_at)
             VALUES ('c1', 'p1', 'LB-0001', 'accepted', 'Grace Adéyẹmí', 'adeyemi grace',
                '[\"Gracie\"]', '1994-03-14', 'female', 'black_african', 'no', 'not_known',
                '12 Park Road', 'SE13 5AB', 'None', 'a1', 'DS Haddad', '2026-11-02', 'risk_score',
                'DASH 16; threats to kill.', '[\"Domestic abuse\"]', 'not_given',
                'Risk of serious harm to a child (DPA 2018 Sch 8).', 3,
                'Three children, the youngest 8 months; one at Lowbridge Primary.',
                'IDVA Priya Shah', '2026-11-02', '2026-11-02');
             INSERT INTO linked_person (id, case_id, position, name, relationship, keep_apart)
             VALUES ('l1', 'c1', 0, 'Darren Cole', 'perpetrator', 1);",
        )
        .expect("a case as today's schema holds it");
        let tables = ["panel", "agency", "person_case", "linked_person"];
        let before = snapshot(&conn, &tables);
        migrations().to_latest(&mut conn).expect("to the latest");
        assert_eq!(snapshot(&conn, &tables), before);
        assert!(
            before
                .iter()
                .any(|r| r.contains("Three children, the youngest"))
        );
    }

    #[test]
    fn migrations_are_valid() {
        assert!(
            migrations().validate().is_ok(),
            "every migration must apply cleanly to an empty database"
        );
    }
}
