//! Benchmark: the cockpit on the demo borough, on an encrypted store.
//! Opening a case (the `case_in_meeting` command's work) against <= 50 ms, and
//! an edit committed (one keystroke's save of what an agency shared, the
//! assessment, an action's review) against a <= 10 ms median. Run with
//! `cargo bench -p roundtable-core --bench cockpit` (a release build).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use roundtable_core::Store;
use roundtable_core::dates::local_today;
use roundtable_core::domain::action::ActionStatus;
use roundtable_core::domain::running::{AssessmentInput, Rag, RiskLevel, ShareInput, ShareState};
use roundtable_core::features::{actions, cockpit, demo, meetings, running};

fn stats(samples: &mut [Duration]) -> (f64, f64, f64) {
    samples.sort();
    let at = |p: f64| {
        let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
        samples[i.min(samples.len() - 1)].as_secs_f64() * 1e3
    };
    (at(0.5), at(0.95), at(1.0))
}

fn row(operation: &str, samples: &mut [Duration], target_ms: f64, on_median: bool) {
    let (median, p95, max) = stats(samples);
    let judged = if on_median { median } else { p95 };
    let verdict = if judged <= target_ms { "met" } else { "MISSED" };
    let basis = if on_median { "median" } else { "p95" };
    println!(
        "| {operation:<40} | {:>5} | {median:>8.2} | {p95:>8.2} | {max:>8.2} | {basis:>6} <= {target_ms:>4.0} | {verdict:<6} |",
        samples.len()
    );
}

fn main() {
    let today = local_today();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("bench.db"), "benchmark passphrase").unwrap();
    demo::load(&mut store, today).unwrap();
    let next = meetings::list(store.conn(), None)
        .unwrap()
        .into_iter()
        .find(|m| m.status != "held")
        .unwrap();
    let meeting = meetings::get(store.conn(), next.id).unwrap();
    let case_ids: Vec<_> = meeting
        .items
        .iter()
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    let agencies: Vec<_> = running::attendance(store.conn(), meeting.id)
        .unwrap()
        .into_iter()
        .map(|a| a.agency_id)
        .collect();
    println!(
        "Demo borough: {} cases on the agenda, {} agencies expected, encrypted store.\n",
        case_ids.len(),
        agencies.len()
    );
    println!(
        "| {:<40} | {:>5} | {:>8} | {:>8} | {:>8} | {:>14} | {:<6} |",
        "operation", "n", "median", "p95", "max", "target (ms)", "result"
    );
    println!(
        "|{:-<42}|{:-<7}|{:-<10}|{:-<10}|{:-<10}|{:-<16}|{:-<8}|",
        "", "", "", "", "", "", ""
    );

    let mut open = Vec::new();
    for round in 0..10 {
        for &case in &case_ids {
            let t = Instant::now();
            let view = cockpit::case_in_meeting(store.conn(), meeting.id, case, today).unwrap();
            open.push(t.elapsed());
            assert_eq!(view.case.id, case, "round {round}");
        }
    }
    row("open a case in the cockpit", &mut open, 50.0, false);

    let mut share = Vec::new();
    let mut typed = String::new();
    for (k, word) in "Seen with older males at the station twice in October and once in November"
        .split(' ')
        .cycle()
        .take(200)
        .enumerate()
    {
        typed.push_str(word);
        typed.push(' ');
        let case = case_ids[k % case_ids.len()];
        let agency = agencies[k % agencies.len()];
        let input = ShareInput {
            state: ShareState::Known,
            facts: typed.clone(),
            opinion: String::new(),
            withheld: String::new(),
            withheld_reason: String::new(),
            based_on: None,
        };
        let t = Instant::now();
        running::share(&mut store, meeting.id, case, agency, &input).unwrap();
        share.push(t.elapsed());
    }
    row(
        "edit: what an agency shared (keystroke)",
        &mut share,
        10.0,
        true,
    );

    let mut assess = Vec::new();
    for k in 0..200 {
        let input = AssessmentInput {
            summary: format!("Summary typed so far {k}"),
            risk_level: Some(RiskLevel::High),
            risk_rag: Some(Rag::Red),
            likelihood: Some(3),
            impact: Some(2),
            decisions: "Strategy discussion.".into(),
            who_tells: "Social worker".into(),
        };
        let t = Instant::now();
        running::assess(&mut store, meeting.id, case_ids[k % case_ids.len()], &input).unwrap();
        assess.push(t.elapsed());
    }
    row("edit: risk assessment (keystroke)", &mut assess, 10.0, true);

    let review = actions::for_review(store.conn(), meeting.id, today).unwrap();
    let mut report = Vec::new();
    for k in 0..200 {
        let action = &review[k % review.len()];
        let t = Instant::now();
        actions::report(
            &mut store,
            action.id,
            ActionStatus::InProgress,
            &format!("Update typed so far {k}"),
            Some(meeting.id),
            today,
        )
        .unwrap();
        report.push(t.elapsed());
    }
    row(
        "edit: an action's review (keystroke)",
        &mut report,
        10.0,
        true,
    );
}
