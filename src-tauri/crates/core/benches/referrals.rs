//! Benchmark: importing 10,000 referral rows and searching 10,000 cases, on
//! an encrypted store. Prints each operation's median and 95th percentile
//! against its target. Run with `cargo bench -p roundtable-core`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use roundtable_core::Store;
use roundtable_core::domain::{AgencyInput, PanelInput, PanelKind, Sector};
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::{agencies, import, panels};

const FIRST: &[&str] = &[
    "Amara",
    "Oluwaseun",
    "Chidi",
    "Zofia",
    "Łukasz",
    "Małgorzata",
    "Nguyễn Văn",
    "Trần Thị",
    "Abdirahman",
    "Hodan",
    "Faadumo",
    "Mohamed",
    "Siobhán",
    "José",
    "Chloé",
    "Jayden",
    "Tyler",
    "Kai",
    "Leah",
    "Kwame",
    "Shanice",
    "Marcus",
    "Ella",
    "Reece",
    "Precious",
    "Dominik",
    "Ayaan",
    "Zainab",
    "Jamal",
    "Keisha",
    "Liam",
    "Mia",
    "Darnell",
    "Amina",
    "Ibrahim",
    "Sofia",
    "Ethan",
    "Fatima",
    "Noah",
    "Grace",
];
const LAST: &[&str] = &[
    "Okafor",
    "Adeyemi",
    "Nwosu",
    "Wiśniewska",
    "Wójcik",
    "Kowalczyk",
    "An",
    "Hồng",
    "Warsame",
    "Cabdullaahi",
    "Xasan",
    "Ali",
    "O'Connor",
    "Müller",
    "Durand",
    "Clarke",
    "Brown",
    "Thompson",
    "Mensah",
    "Asante",
    "Reid",
    "Johnson",
    "Hughes",
    "Walker",
    "Nowak",
    "Hussain",
    "Rahman",
    "Osei",
    "Williams",
    "O'Reilly",
    "Kowalski",
    "Grant",
    "Yusuf",
    "Jalloh",
    "Rossi",
    "Morris",
    "Bangura",
    "Ellis",
    "Mwangi",
    "Evans",
];
const POSTCODES: &[&str] = &[
    "SE13 5AB", "SE6 2LN", "SE4 1AA", "SE8 4RT", "SE14 6TY", "SE12 8QP", "SE23 3HF",
];

fn csv(rows: usize, offset: usize) -> Vec<u8> {
    let base = NaiveDate::from_ymd_opt(2006, 1, 1).unwrap();
    let mut out = String::from(
        "Name,DOB,Postcode,Referred by,Date referred,Route,Reason for referral,Categories,Consent,Children\n",
    );
    for n in offset..offset + rows {
        let name = format!(
            "{} {}",
            FIRST[n % FIRST.len()],
            LAST[(n / FIRST.len()) % LAST.len()]
        );
        let dob = base
            .checked_add_days(Days::new((n * 37 % 3650) as u64))
            .unwrap();
        out.push_str(&format!(
            "{name},{},{},{},{},Professional judgement,\"Concerns about exploitation, case {n}.\",County lines,Yes,{}\n",
            dob.format("%d/%m/%Y"),
            POSTCODES[n % POSTCODES.len()],
            if n % 2 == 0 { "POL" } else { "CSC" },
            "02/11/2026",
            n % 3
        ));
    }
    out.into_bytes()
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let at = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[at.min(samples.len() - 1)]
}

fn row(operation: &str, samples: &mut [Duration], target_ms: f64) {
    let median = percentile(samples, 0.5).as_secs_f64() * 1e3;
    let p95 = percentile(samples, 0.95).as_secs_f64() * 1e3;
    let verdict = if p95 <= target_ms { "met" } else { "MISSED" };
    println!(
        "| {operation:<44} | {median:>9.1} | {p95:>9.1} | <= {target_ms:>6.0} | {verdict:<6} |"
    );
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("bench.db"), "benchmark passphrase").unwrap();
    let mut panel = PanelInput::defaults(PanelKind::YouthMarac);
    panel.name = "Benchmark Youth MARAC".into();
    let panel = panels::create(&mut store, &panel).unwrap();
    for (name, code, sector) in [
        ("Lowbridge Police", "POL", Sector::Police),
        ("Children's Social Care", "CSC", Sector::ChildrensSocialCare),
    ] {
        agencies::create(
            &mut store,
            &AgencyInput {
                name: name.into(),
                short_code: code.into(),
                sector: Some(sector),
                secure_email: String::new(),
                representatives: vec![],
            },
        )
        .unwrap();
    }

    println!("Roundtable benchmark: referrals (release build, SQLCipher-encrypted store)\n");
    println!(
        "| {:<44} | {:>9} | {:>9} | {:>9} | {:<6} |",
        "operation", "median ms", "p95 ms", "target ms", "target"
    );
    println!(
        "|{}|{}|{}|{}|{}|",
        "-".repeat(46),
        "-".repeat(11),
        "-".repeat(11),
        "-".repeat(11),
        "-".repeat(8)
    );

    // Import 10,000 rows into an empty panel, then 10,000 more into a panel
    // that already holds them (every row checked for repeats against 10,000).
    let first = csv(10_000, 0);
    let t = Instant::now();
    let preview =
        import::preview(store.conn(), panel.id, "bench.csv", &first, None, today).unwrap();
    let mut preview_time = vec![t.elapsed()];
    assert!(preview.can_import, "{:?}", preview.problems.first());
    let t = Instant::now();
    let result = import::commit(
        &mut store,
        panel.id,
        "bench.csv",
        &first,
        &preview.choices(),
        today,
    )
    .unwrap();
    let mut commit_time = vec![t.elapsed()];
    assert_eq!(result.imported, 10_000);
    row(
        "preview 10,000 rows (empty panel)",
        &mut preview_time,
        2_000.0,
    );
    row(
        "import 10,000 rows (empty panel)",
        &mut commit_time,
        2_000.0,
    );

    let second = csv(10_000, 10_000);
    let t = Instant::now();
    let preview =
        import::preview(store.conn(), panel.id, "bench2.csv", &second, None, today).unwrap();
    let mut preview_time = vec![t.elapsed()];
    let t = Instant::now();
    let result = import::commit(
        &mut store,
        panel.id,
        "bench2.csv",
        &second,
        &preview.choices(),
        today,
    )
    .unwrap();
    let mut commit_time = vec![t.elapsed()];
    row(
        "preview 10,000 rows (panel of 10,000)",
        &mut preview_time,
        2_000.0,
    );
    row(
        "import 10,000 rows (panel of 10,000)",
        &mut commit_time,
        2_000.0,
    );
    println!(
        "  ({} repeat offers recorded by the second import)",
        result.repeats_offered
    );

    // Search over 20,000 cases, as typed in the search box.
    let reference = cases::list(store.conn(), &CaseFilter::default(), today).unwrap()[0]
        .reference
        .clone();
    for (label, query) in [
        ("search: a surname", "okafor"),
        ("search: name without accents", "nguyen van"),
        ("search: name prefix", "wis"),
        ("search: date of birth", "14/03/2009"),
        ("search: postcode", "SE13 5AB"),
        ("search: case reference", reference.as_str()),
    ] {
        let filter = CaseFilter {
            panel_id: Some(panel.id),
            status: None,
            query: query.into(),
        };
        let mut samples: Vec<Duration> = (0..40)
            .map(|_| {
                let t = Instant::now();
                let found = cases::list(store.conn(), &filter, today).unwrap();
                std::hint::black_box(found);
                t.elapsed()
            })
            .collect();
        row(label, &mut samples, 30.0);
    }
    let count: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM person_case", [], |r| r.get(0))
        .unwrap();
    println!("\n{count} cases in the store.");
}
