//! The scale benchmark: a ten-year borough (see `roundtable_core::scale`),
//! built once and cached, then every operation a coordinator waits for,
//! timed over repeated runs on the encrypted store and on a plain copy of
//! the same data. Prints one table: median, 95th percentile, the target,
//! met or MISSED, the plain copy's median and the encrypted / plain ratio.
//!
//! Run with `bash .ci/bench.sh` (or `cargo bench -p roundtable-core --bench
//! scale`). `ROUNDTABLE_SCALE_DIR` is where the dataset is cached (default:
//! the user's cache folder), `ROUNDTABLE_SCALE_SEED` its seed (default 1).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_precision_loss
)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use roundtable_core::Store;
use roundtable_core::domain::meeting::{MeetingInput, MeetingKind};
use roundtable_core::domain::running::{AssessmentInput, Rag, RiskLevel, ShareInput, ShareState};
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::statistics::{self, StatisticsRequest};
use roundtable_core::features::tracker::{self, ActionFilter};
use roundtable_core::features::{cockpit, meetings, running};
use roundtable_core::scale::{self, Landmarks, Spec};
use roundtable_core::store::Engine;
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::pg::scratch::ScratchDatabase;
use uuid::Uuid;

use roundtable_core::scale::cache::{PASSPHRASE, dataset};

#[path = "scale/documents.rs"]
mod documents_and_import;
#[path = "scale/harness.rs"]
mod harness;

use documents_and_import::{run_documents, run_import};
use harness::{Backend, Bench, Target};

/// The same borough on PostgreSQL, when a cluster is at hand (the `PG*`
/// variables `pg_virtualenv` sets): a database of its own, dropped after.
fn on_postgres(from: &Store, marks: &Landmarks) -> Option<(ScratchDatabase, PgStore)> {
    std::env::var("PGHOST").ok()?;
    let database = ScratchDatabase::new();
    let mut store = database.store();
    let t = Instant::now();
    scale::postgres::copy_to_postgres(from, &mut store).unwrap();
    println!(
        "The borough copied into PostgreSQL in {:.1} s.",
        t.elapsed().as_secs_f64()
    );
    let found = store.read(|db| scale::landmarks(db)).unwrap();
    assert_eq!(&found, marks, "PostgreSQL holds the same data");
    Some((database, store))
}

/// A copy to work on, so the cached dataset stays as built.
fn working_copy(from: &Path, dir: &Path) -> PathBuf {
    let to = dir.join(from.file_name().unwrap());
    std::fs::copy(from, &to).unwrap();
    to
}

fn main() {
    let seed = std::env::var("ROUNDTABLE_SCALE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let spec = Spec::ten_years(seed);
    let (encrypted_path, plain_path) = dataset(&spec).unwrap();
    let work = tempfile::tempdir().unwrap();
    let encrypted_copy = working_copy(&encrypted_path, work.path());
    let plain_copy = working_copy(&plain_path, work.path());

    let mut unlock = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        drop(Store::open(&encrypted_copy, PASSPHRASE).unwrap());
        unlock.push(t.elapsed());
    }
    unlock.sort();
    let mut plain_open = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        drop(Store::open_unencrypted_for_benchmark(&plain_copy).unwrap());
        plain_open.push(t.elapsed());
    }
    plain_open.sort();

    let mut encrypted = Store::open(&encrypted_copy, PASSPHRASE).unwrap();
    encrypted.set_actor("Yusuf Ali");
    let mut plain = Store::open_unencrypted_for_benchmark(&plain_copy).unwrap();
    plain.set_actor("Yusuf Ali");
    let marks = scale::landmarks(encrypted.conn()).unwrap();
    assert_eq!(
        marks,
        scale::landmarks(plain.conn()).unwrap(),
        "the plain copy holds the same data"
    );
    let (pg_database, pg_store) = match on_postgres(&encrypted, &marks) {
        Some((database, store)) => (Some(database), Some(store)),
        None => (None, None),
    };

    println!("\nThe borough (seed {seed}, data up to {}):", spec.today);
    for (label, n) in scale::counts(encrypted.conn()).unwrap() {
        print!("{label}: {n}; ");
    }
    println!(
        "\nRelease build, SQLCipher-encrypted store; the plain column is the same query on an unencrypted copy, \
         PG the same on PostgreSQL 15 (a local throwaway cluster); PG trips: its round trips to the \
         server per run (each wait for an answer: statements sent together wait once), which SQLite, \
         in the same process, never makes.\n"
    );

    let mut stores = vec![Backend::Sqlite(encrypted), Backend::Sqlite(plain)];
    if let Some(mut store) = pg_store {
        store.set_actor("Yusuf Ali");
        stores.push(Backend::Postgres(Box::new(store)));
    }
    let mut b = Bench {
        stores,
        spec,
        marks,
        slow_ratios: Vec::new(),
        slow_postgres: Vec::new(),
        missed: Vec::new(),
        trips: None,
    };
    Bench::header();
    b.print(
        "unlock (Store::open, key derivation included)",
        &mut [unlock, plain_open],
        Target::Report,
        false,
    );
    run_reads(&mut b);
    run_writes(&mut b);
    run_documents(&mut b);
    run_import(&mut b);

    println!();
    if b.missed.is_empty() {
        println!("Every target met.");
    } else {
        println!("Targets missed: {}.", b.missed.join("; "));
    }
    match (&pg_database, b.slow_postgres.is_empty()) {
        (None, _) => println!(
            "PostgreSQL not measured: run under `pg_virtualenv -t -v 15` (bash .ci/bench.sh does)."
        ),
        (Some(_), true) => println!("PostgreSQL is within 2x of SQLCipher on every operation."),
        (Some(_), false) => println!(
            "PostgreSQL over 2x SQLCipher (marked !): {}.",
            b.slow_postgres.join("; ")
        ),
    }
    if b.slow_ratios.is_empty() {
        println!(
            "Every query is within 1.3x of the plain copy (unlock excepted: it is the key derivation)."
        );
    } else {
        println!(
            "Over 1.3x the plain copy (marked !): {}.",
            b.slow_ratios.join("; ")
        );
    }
}

fn run_reads(b: &mut Bench) {
    let today = b.spec.today;
    let meeting = b.marks.big_meeting;
    let now = b.now();
    let local = now.naive_utc();
    let detail = b.encrypted().read(|db| meetings::get(db, meeting)).unwrap();
    let case_ids: Vec<Uuid> = detail
        .items
        .iter()
        .filter(|i| i.planned_minutes > 0)
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    assert_eq!(case_ids.len(), 40, "the big meeting has 40 cases");
    b.row(
        "open a case in the cockpit (case + meeting now)",
        120,
        Target::P95(50.0),
        |s, i| {
            let case = case_ids[i % case_ids.len()];
            let view = s
                .read(|db| cockpit::case_in_meeting(db, meeting, case, today))
                .unwrap();
            let now = s
                .read(|db| cockpit::meeting_now(db, meeting, now, local))
                .unwrap();
            std::hint::black_box((view, now));
        },
    );
    b.row(
        "agenda: read the 40-case meeting's agenda",
        500,
        Target::P95(50.0),
        |s, _| {
            std::hint::black_box(s.read(|db| meetings::get(db, meeting)).unwrap());
        },
    );
    let busiest = b.marks.busiest_agency;
    b.row(
        "action tracker: one agency's open actions, all panels",
        50,
        Target::P95(100.0),
        |s, _| {
            let filter = ActionFilter {
                agency_id: Some(busiest),
                ..ActionFilter::open()
            };
            std::hint::black_box(s.read(|db| tracker::list(db, &filter, today)).unwrap());
        },
    );
    let panel = b.marks.big_meeting_panel;
    let year = StatisticsRequest {
        panel_id: panel,
        from: (today - Days::new(364)).format("%Y-%m-%d").to_string(),
        to: today.format("%Y-%m-%d").to_string(),
    };
    b.row(
        "a year's panel statistics (the MARAC)",
        30,
        Target::P95(100.0),
        |s, _| {
            std::hint::black_box(s.read(|db| statistics::compute(db, &year, today)).unwrap());
        },
    );
    let (dob, reference): (String, String) = b
        .encrypted()
        .read(|db| {
            Ok(db
                .row(
                    "SELECT date_of_birth, reference FROM person_case WHERE date_of_birth IS NOT NULL ORDER BY id LIMIT 1",
                    &[],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?
                .unwrap())
        })
        .unwrap();
    let dob = NaiveDate::parse_from_str(&dob, "%Y-%m-%d")
        .unwrap()
        .format("%d/%m/%Y")
        .to_string();
    for (label, query) in [
        ("search: a surname (Okafor)", "okafor"),
        ("search: without accents (nguyen van)", "nguyen van"),
        ("search: a prefix (wis)", "wis"),
        ("search: Cyrillic (Иван)", "Иван"),
        ("search: date of birth", dob.as_str()),
        ("search: postcode", "SE13 5AB"),
        ("search: case reference", reference.as_str()),
    ] {
        let filter = CaseFilter {
            panel_id: None,
            status: None,
            query: query.into(),
        };
        b.row(label, 40, Target::P95(30.0), |s, _| {
            std::hint::black_box(s.read_one(|db| cases::list(db, &filter, today)).unwrap());
        });
    }
}

fn run_writes(b: &mut Bench) {
    let today = b.spec.today;
    let meeting = b.marks.big_meeting;
    let present = b.marks.present.clone();
    let detail = b.encrypted().read(|db| meetings::get(db, meeting)).unwrap();
    let case_ids: Vec<Uuid> = detail
        .items
        .iter()
        .filter(|i| i.planned_minutes > 0)
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    let words: Vec<&str> =
        "Seen with older males at the station twice in October and once in November"
            .split(' ')
            .collect();
    b.row(
        "one edit durably committed (what an agency shared)",
        200,
        Target::Median(10.0),
        |s, i| {
            let k = i % 1000;
            let typed = words[..=(k % words.len())].join(" ");
            let input = ShareInput {
                state: ShareState::Known,
                facts: typed,
                opinion: String::new(),
                withheld: String::new(),
                withheld_reason: String::new(),
                based_on: None,
            };
            running::share(
                s,
                meeting,
                case_ids[k % case_ids.len()],
                present[k % present.len()],
                &input,
            )
            .unwrap();
        },
    );
    b.row(
        "one edit durably committed (risk assessment)",
        200,
        Target::Median(10.0),
        |s, i| {
            let k = i % 1000;
            let input = AssessmentInput {
                summary: format!("Summary typed so far {k}"),
                risk_level: Some(RiskLevel::High),
                risk_rag: Some(Rag::Red),
                likelihood: Some(3),
                impact: Some(2),
                decisions: "Strategy discussion.".into(),
                who_tells: "Social worker".into(),
            };
            running::assess(s, meeting, case_ids[k % case_ids.len()], &input).unwrap();
        },
    );
    // Setting up the next meeting builds its agenda from the cases waiting
    // (accepted referrals, reviews due, anniversaries); it is removed again
    // after each run so every run builds the same agenda.
    let panel_ids = b.panel_ids();
    let date = (today + Days::new(10)).format("%Y-%m-%d").to_string();
    let build = |s: &mut Backend, i: usize| {
        let input = MeetingInput {
            panel_id: panel_ids[i % panel_ids.len()],
            kind: MeetingKind::Scheduled,
            date: date.clone(),
            start_time: "09:30".into(),
            venue: "Lowbridge Civic Centre".into(),
            chair: "DI Marcus Bell".into(),
            minute_taker: "Yusuf Ali".into(),
            expected_agency_ids: vec![],
        };
        meetings::create(s, &input, today).unwrap().id
    };
    let mut samples: Vec<Vec<Duration>> = b.stores.iter().map(|_| Vec::new()).collect();
    for i in 0..41 {
        for (store, times) in b.stores.iter_mut().zip(&mut samples) {
            let t = Instant::now();
            let id = build(store, i);
            if i > 0 {
                times.push(t.elapsed());
            }
            store
                .write(|tx| tx.execute("DELETE FROM meeting WHERE id = ?1", &[&id]))
                .unwrap();
        }
    }
    b.print(
        "build a meeting's agenda (set up the next meeting)",
        &mut samples,
        Target::P95(50.0),
        true,
    );
}
