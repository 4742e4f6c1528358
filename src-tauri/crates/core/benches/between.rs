//! Benchmark: between meetings on the demo borough, on an encrypted store
//! (the large dataset replaces it when the scale work lands). The action
//! tracker's queries, lateness by agency, a year's panel statistics and a
//! case's timeline, each against <= 100 ms (p95). Run with
//! `cargo bench -p roundtable-core --bench between` (a release build).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use roundtable_core::Store;
use roundtable_core::dates::local_today;
use roundtable_core::features::statistics::{self, StatisticsRequest};
use roundtable_core::features::tracker::{self, ActionFilter, StatusFilter};
use roundtable_core::features::{agencies, cases, demo, panels, person};

fn row(operation: &str, mut samples: Vec<Duration>, target_ms: f64) {
    samples.sort();
    let at = |p: f64| {
        let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
        samples[i.min(samples.len() - 1)].as_secs_f64() * 1e3
    };
    let (median, p95) = (at(0.5), at(0.95));
    let verdict = if p95 <= target_ms { "met" } else { "MISSED" };
    println!(
        "| {operation:<46} | {:>4} | {median:>8.2} | {p95:>8.2} | p95 <= {target_ms:>4.0} | {verdict:<6} |",
        samples.len()
    );
}

fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(work());
            t.elapsed()
        })
        .collect()
}

fn main() {
    let today = local_today();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("bench.db"), "benchmark passphrase").unwrap();
    demo::load(&mut store, today).unwrap();
    let conn = store.conn();
    let panel = panels::list(conn).unwrap()[0].id;
    let police = agencies::list(conn)
        .unwrap()
        .into_iter()
        .find(|a| a.short_code == "POL")
        .unwrap()
        .id;
    let all = tracker::list(
        conn,
        &ActionFilter {
            status: StatusFilter::All,
            ..ActionFilter::open()
        },
        today,
    )
    .unwrap();
    println!(
        "Demo borough: {} actions, encrypted store, release build.\n",
        all.total
    );
    println!(
        "| {:<46} | {:>4} | {:>8} | {:>8} | {:>14} | {:<6} |",
        "operation", "n", "median", "p95", "target (ms)", "result"
    );
    println!(
        "|{:-<48}|{:-<6}|{:-<10}|{:-<10}|{:-<16}|{:-<8}|",
        "", "", "", "", "", ""
    );
    let runs = 50;
    row(
        "tracker: one agency's open actions, all panels",
        time(runs, || {
            tracker::list(
                conn,
                &ActionFilter {
                    agency_id: Some(police),
                    ..ActionFilter::open()
                },
                today,
            )
            .unwrap()
        }),
        100.0,
    );
    row(
        "tracker: every action, all panels",
        time(runs, || {
            tracker::list(
                conn,
                &ActionFilter {
                    status: StatusFilter::All,
                    ..ActionFilter::open()
                },
                today,
            )
            .unwrap()
        }),
        100.0,
    );
    row(
        "tracker: overdue, due within 28 days",
        time(runs, || {
            tracker::list(
                conn,
                &ActionFilter {
                    overdue: true,
                    due_within_days: Some(28),
                    ..ActionFilter::open()
                },
                today,
            )
            .unwrap()
        }),
        100.0,
    );
    row(
        "late actions by agency (screen)",
        time(runs, || tracker::late_report(conn, None, today).unwrap()),
        100.0,
    );
    let year = StatisticsRequest {
        panel_id: panel,
        from: (today - chrono::Days::new(365))
            .format("%Y-%m-%d")
            .to_string(),
        to: today.format("%Y-%m-%d").to_string(),
    };
    row(
        "a year's panel statistics",
        time(runs, || statistics::compute(conn, &year, today).unwrap()),
        100.0,
    );
    let case = cases::list(conn, &Default::default(), today)
        .unwrap()
        .into_iter()
        .find(|c| c.is_repeat)
        .unwrap()
        .id;
    row(
        "a repeat person's timeline",
        time(runs, || person::timeline(conn, case, today).unwrap()),
        100.0,
    );
}
