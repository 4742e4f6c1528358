//! A ten-year borough, built to measure Roundtable at scale: four panels,
//! forty agencies, fortnightly meetings for ten years, ten thousand cases
//! with their hearings, information shared, actions and reports on them,
//! names in many scripts. Deterministic: the same seed and size give the
//! same data, byte for byte in every field (no clock, no system random).
//!
//! Everything is written through the real schema, in one transaction, the
//! way the features write it (search index entries, repeat links, case
//! histories, attendance, timers, approvals), so every screen's queries
//! work on it. Used by the scale benchmark and by the query-plan test.

pub mod cache;
mod load;
mod names;
#[cfg(feature = "test-support")]
pub mod postgres;
mod text;

use crate::store::sql::Db;
use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::{CoreError, CoreResult};
use crate::store::Store;

/// Raised whenever a change to the generator changes the data it writes, so
/// a cached dataset built by an older generator is rebuilt.
pub const GENERATOR_VERSION: u32 = 1;

/// How big a borough to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Meetings of each of the four panels, a fortnight apart.
    pub meetings_per_panel: usize,
    /// Referrals over the whole period, all panels together.
    pub cases: usize,
}

impl Size {
    /// The ten-year borough: 4 x 260 fortnightly meetings, 10,000 cases,
    /// about 25,000 hearings, 100,000 actions and 250,000 shares.
    pub const TEN_YEARS: Self = Self {
        meetings_per_panel: 260,
        cases: 10_000,
    };

    /// A few months of the same borough, for tests.
    pub const SMALL: Self = Self {
        meetings_per_panel: 10,
        cases: 400,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub seed: u64,
    pub size: Size,
    /// The day the borough's history ends: its last meetings are just before.
    pub today: NaiveDate,
}

impl Spec {
    /// The benchmark's borough. `today` is fixed so the same seed always
    /// gives the same data; pass it to every service the benchmark calls.
    pub fn ten_years(seed: u64) -> Self {
        Self {
            seed,
            size: Size::TEN_YEARS,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
        }
    }

    pub fn small(seed: u64) -> Self {
        Self {
            size: Size::SMALL,
            ..Self::ten_years(seed)
        }
    }
}

/// Builds the borough into an empty store, in one transaction.
pub fn generate(store: &mut Store, spec: &Spec) -> CoreResult<()> {
    let has_data: bool = store.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM panel) OR EXISTS (SELECT 1 FROM agency)",
        [],
        |row| row.get(0),
    )?;
    if has_data {
        return Err(CoreError::Conflict(
            "The scale dataset is built only into an empty store.".into(),
        ));
    }
    store.write_bulk_unaudited("generated test data for the scale benchmark", |tx| {
        load::load(tx, spec)
    })
}

/// How many rows of each kind the store holds.
pub fn counts(db: &dyn Db) -> CoreResult<Vec<(&'static str, i64)>> {
    let tables = [
        ("panels", "panel"),
        ("agencies", "agency"),
        ("meetings", "meeting"),
        ("cases", "person_case"),
        ("hearings", "hearing"),
        ("agenda items", "agenda_item"),
        ("information shared", "information_share"),
        ("actions", "action"),
        ("reports on actions", "action_update"),
        ("case events", "case_event"),
        ("attendees", "attendee"),
    ];
    let mut out = Vec::new();
    for (label, table) in tables {
        let n = db.value(&format!("SELECT count(*) FROM {table}"), &[])?;
        out.push((label, n.unwrap_or(0)));
    }
    let repeats = db.value(
        "SELECT count(*) FROM person_case WHERE repeat_of IS NOT NULL",
        &[],
    )?;
    out.push(("confirmed repeats", repeats.unwrap_or(0)));
    let open = db.value(
        "SELECT count(*) FROM action WHERE status IN ('open', 'in_progress')",
        &[],
    )?;
    out.push(("open actions", open.unwrap_or(0)));
    Ok(out)
}

/// The places in the borough the benchmark and tests use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landmarks {
    /// The biggest meeting: 40 cases, 25 agencies present, 300 actions
    /// (the MARAC's latest, still in draft, so it can be edited).
    pub big_meeting: Uuid,
    pub big_meeting_panel: Uuid,
    /// The agencies present at it.
    pub present: Vec<Uuid>,
    /// The agency with the most open actions across all panels.
    pub busiest_agency: Uuid,
}

pub fn landmarks(db: &dyn Db) -> CoreResult<Landmarks> {
    let (big_meeting, big_meeting_panel): (Uuid, Uuid) = db
        .row(
            "SELECT m.id, m.panel_id FROM meeting m
             ORDER BY (SELECT count(*) FROM hearing h WHERE h.meeting_id = m.id) DESC, m.date DESC
             LIMIT 1",
            &[],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .ok_or(CoreError::NotFound("The scale dataset's meetings"))?;
    // Ids in the same order on both engines (hyphenated hex sorts as bytes).
    let present: Vec<Uuid> = db.column(
        "SELECT agency_id FROM agency_attendance WHERE meeting_id = ?1 AND status = 'present'
         ORDER BY agency_id",
        &[&big_meeting],
    )?;
    let busiest_agency = db
        .value(
            "SELECT agency_id FROM action WHERE status IN ('open', 'in_progress')
             GROUP BY agency_id ORDER BY count(*) DESC, agency_id LIMIT 1",
            &[],
        )?
        .ok_or(CoreError::NotFound("An open action"))?;
    Ok(Landmarks {
        big_meeting,
        big_meeting_panel,
        present,
        busiest_agency,
    })
}

/// A name from the dataset's traditions, for building import files and
/// searches that look like the borough's own.
pub fn sample_person(rng: &mut fastrand::Rng) -> String {
    names::person(rng).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(seed: u64) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("s.db"), "scale test passphrase").unwrap();
        generate(&mut store, &Spec::small(seed)).unwrap();
        (dir, store)
    }

    fn rows(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_borough() {
        let (_a, one) = built(7);
        let (_b, two) = built(7);
        let (_c, other) = built(8);
        let digest = |s: &Store| {
            [
                "SELECT id || reference || subject_name || coalesce(date_of_birth, '') || status FROM person_case ORDER BY id",
                "SELECT id || agency_id || coalesce(due_date, '') || status FROM action ORDER BY id",
                "SELECT meeting_id || case_id || agency_id || state || coalesce(facts, '') FROM information_share
                 ORDER BY meeting_id, case_id, agency_id",
            ]
            .iter()
            .flat_map(|sql| rows(s.conn(), sql))
            .collect::<Vec<_>>()
        };
        assert_eq!(digest(&one), digest(&two), "same seed, same data");
        assert_ne!(digest(&one), digest(&other), "another seed, other data");
        assert!(
            generate(&mut { one }, &Spec::small(7)).is_err(),
            "a store with data is refused"
        );
    }

    #[test]
    fn the_borough_looks_like_real_panels() {
        let (_dir, store) = built(3);
        let conn = store.conn();
        let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let cases = one("SELECT count(*) FROM person_case");
        assert!((350..=450).contains(&cases), "about 400 cases, got {cases}");
        let repeats =
            one("SELECT count(*) FROM person_case WHERE repeat_of IS NOT NULL") * 100 / cases;
        assert!(
            (10..=35).contains(&repeats),
            "repeats are common, got {repeats}%"
        );
        let done = one("SELECT count(*) FROM action WHERE status = 'done'") * 100
            / one("SELECT count(*) FROM action");
        assert!(done >= 50, "most actions are done, got {done}%");
        assert!(
            one(
                "SELECT count(*) FROM action a WHERE status IN ('open', 'in_progress') AND due_date < '2026-11-23'"
            ) > 0,
            "some actions are late"
        );
        assert_eq!(
            one("SELECT count(*) FROM person_case"),
            one("SELECT count(*) FROM case_search"),
            "every case is in the search index"
        );
        assert_eq!(
            one("SELECT count(*) FROM action WHERE status = 'done' AND completed_on IS NULL"),
            0,
            "a done action has its completion date"
        );
        let marks = landmarks(conn).unwrap();
        let big = marks.big_meeting.to_string();
        let of = |sql: &str| -> i64 { conn.query_row(sql, [&big], |r| r.get(0)).unwrap() };
        assert_eq!(of("SELECT count(*) FROM hearing WHERE meeting_id = ?1"), 40);
        assert_eq!(of("SELECT count(*) FROM action WHERE meeting_id = ?1"), 300);
        assert_eq!(marks.present.len(), 25);
        assert!(
            of("SELECT approved_at IS NULL FROM meeting WHERE id = ?1") == 1,
            "the latest meeting's minutes are still a draft"
        );
    }

    #[test]
    fn names_come_in_many_scripts() {
        type InScript = fn(char) -> bool;
        let scripts: &[(&str, InScript)] = &[
            ("Latin with diacritics", |c| {
                ('\u{c0}'..='\u{24f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c)
            }),
            ("Arabic", |c| ('\u{600}'..='\u{6ff}').contains(&c)),
            ("Cyrillic", |c| ('\u{400}'..='\u{4ff}').contains(&c)),
            ("Chinese", |c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            ("Devanagari", |c| ('\u{900}'..='\u{97f}').contains(&c)),
            ("Bengali", |c| ('\u{980}'..='\u{9ff}').contains(&c)),
            ("Greek", |c| ('\u{370}'..='\u{3ff}').contains(&c)),
            ("Hebrew", |c| ('\u{590}'..='\u{5ff}').contains(&c)),
            ("Ethiopic", |c| ('\u{1200}'..='\u{137f}').contains(&c)),
        ];
        for (script, is) in scripts {
            assert!(
                names::all_parts().any(|n| n.chars().any(is)),
                "some names are written in {script}"
            );
        }
    }
}
