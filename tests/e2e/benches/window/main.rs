//! The real window's speed on the ten-year borough: drives the release app
//! over WebDriver, as a minute-taker would, and prints the median and 95th
//! percentile of each step against its goal. Each step is timed inside the
//! page, from the key press (or click) to the next frame after the new case
//! is on screen, so WebDriver's own round trips are not counted. The start
//! is timed as a user meets it, without WebDriver: from launching the app to
//! the support log's line that the unlock screen has been painted, first from
//! a cold disk cache, then at once again.
//!
//! Run by `.ci/bench-window.sh`; needs `ROUNDTABLE_APP` (the release binary)
//! and `TAURI_DRIVER`. `ROUNDTABLE_SCALE_SEED` picks another borough.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use std::time::Duration;

use fantoccini::Locator;
use roundtable_core::Store;
use roundtable_core::scale::{Spec, cache};
use roundtable_e2e::Harness;
use serde_json::json;

mod scripts;
mod start;
use scripts::{CALLS, FRAMES, PROBE, STEP, TRACE};
use start::{drop_caches, time_start};

const RUNS: usize = 30;
const ESC: &str = "\u{E00C}";
const ENTER: &str = "\u{E007}";
const STEP_GOAL_MS: f64 = 50.0;
const START_GOAL_MS: f64 = 1000.0;

/// A data folder holding a copy of the cached borough, with a user to sign
/// in as (the generator makes the panels' data, not the app's user).
/// What the steps need from the borough: the big meeting, its panel, the
/// short code of an agency present, and references of cases to search for.
struct Borough {
    meeting: String,
    panel: String,
    agency_code: String,
    references: Vec<String>,
}

fn prepare(seed: u64) -> (tempfile::TempDir, Borough) {
    let (db, _) = cache::dataset(&Spec::ten_years(seed)).unwrap();
    let dir = tempfile::Builder::new()
        .prefix("roundtable-window-bench-")
        .tempdir()
        .unwrap();
    let path = dir.path().join("roundtable.db");
    std::fs::copy(&db, &path).unwrap();
    std::fs::create_dir_all(dir.path().join("exports")).unwrap();
    let mut store = Store::open(&path, cache::PASSPHRASE).unwrap();
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO app_user (id, name, role, created_at)
                 VALUES (lower(hex(randomblob(16))), 'Yusuf Ali', 'coordinator', '2026-11-23T09:00:00Z')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    let marks = roundtable_core::scale::landmarks(store.conn()).unwrap();
    let agency_code = roundtable_core::features::agencies::get(store.conn(), marks.present[0])
        .unwrap()
        .short_code;
    let references = store
        .conn()
        .prepare("SELECT reference FROM person_case WHERE panel_id = ?1 ORDER BY id LIMIT ?2")
        .unwrap()
        .query_map(
            (
                marks.big_meeting_panel.to_string(),
                i64::try_from(RUNS).unwrap(),
            ),
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let borough = Borough {
        meeting: marks.big_meeting.to_string(),
        panel: marks.big_meeting_panel.to_string(),
        agency_code,
        references,
    };
    (dir, borough)
}

/// One timed thing and what shows it is done (see `STEP`).
struct Step<'a> {
    act: &'a str,
    target: String,
    watch: &'a str,
    need: &'a str,
    expect: &'a str,
}

impl<'a> Step<'a> {
    fn new_case(act: &'a str, target: String) -> Self {
        Self {
            act,
            target,
            watch: "#case-title",
            need: "#case-title",
            expect: "",
        }
    }
}

/// Each cockpit IPC command timed on its own, with the size of its answer
/// (`ROUNDTABLE_BENCH_TRACE=1`).
async fn probe(h: &Harness, meeting: &str) {
    let out = h
        .client
        .execute_async(PROBE, vec![json!(meeting)])
        .await
        .unwrap();
    println!("IPC on its own: {out}");
    let frames = h.client.execute_async(FRAMES, vec![]).await.unwrap();
    println!("{frames}");
}

/// One step with the moments its headings changed, for finding where its
/// time goes (`ROUNDTABLE_BENCH_TRACE=1`).
async fn trace(h: &Harness, key: &str) {
    h.client.execute(TRACE, vec![]).await.unwrap();
    let ms = step(h, &Step::new_case("key", key.into()))
        .await
        .unwrap_or(-1.0);
    let calls = h.client.execute(CALLS, vec![]).await.unwrap();
    println!("{key}: {ms:.1} ms; {calls}");
}

/// How long each step waits before it starts: a chair reads the case she
/// moved to before pressing the next key, so each step starts from a
/// settled screen, not while the last one's follow-up work (the meeting's
/// timings, the next case read ahead) is still arriving.
const SETTLE: Duration = Duration::from_millis(300);

/// Runs one step in the page; none when it did not finish within 10 s.
async fn step(h: &Harness, s: &Step<'_>) -> Option<f64> {
    tokio::time::sleep(SETTLE).await;
    let args = vec![
        json!(s.act),
        json!(s.target),
        json!(s.watch),
        json!(s.need),
        json!(s.expect),
    ];
    let ms = h
        .client
        .execute_async(STEP, args)
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    (ms >= 0.0).then_some(ms)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Prints a row of the table; a step that timed out is said so.
fn report(what: &str, mut samples: Vec<f64>, goal: f64) {
    if samples.len() < RUNS {
        println!(
            "| {what} | timed out after {} runs | | | p95 <= {goal:.0} | MISSED | |",
            samples.len()
        );
        return;
    }
    if std::env::var_os("ROUNDTABLE_BENCH_TRACE").is_some() {
        println!("{what}, in the order run: {samples:?}");
    }
    samples.sort_by(f64::total_cmp);
    let (median, p95) = (percentile(&samples, 0.5), percentile(&samples, 0.95));
    let max = samples.last().copied().unwrap_or(0.0);
    let verdict = if p95 <= goal { "met" } else { "MISSED" };
    println!(
        "| {what} | {median:.1} | {p95:.1} | {max:.1} | p95 <= {goal:.0} | {verdict} | {} |",
        samples.len()
    );
}

#[tokio::main]
async fn main() {
    let app = std::env::var("ROUNDTABLE_APP").expect("ROUNDTABLE_APP names the release app");
    let seed = std::env::var("ROUNDTABLE_SCALE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let (data, borough) = prepare(seed);
    let cold = drop_caches();
    let start_ms = time_start(&app, data.path());
    let warm_ms = time_start(&app, data.path());
    let h = Harness::start_in("window-bench", &app, data).await;
    h.heading("Unlock Roundtable").await;

    h.unlock(cache::PASSPHRASE).await;
    h.click_link("Meetings").await;
    let big = "(//ul[@aria-label='Meetings']//button[contains(., ' · 40 cases')])[1]";
    h.client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::XPath(big))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    h.click_button("Open the meeting's cockpit").await;
    h.heading("This meeting is closed").await;
    // To the first case: past introductions and any items without a case.
    for _ in 0..10 {
        if h.client.find(Locator::Id("case-title")).await.is_ok() {
            break;
        }
        h.press("n").await;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    let first = h
        .find("#work-title")
        .await
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    let first_index: usize = first
        .trim_start_matches("Item ")
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("the cockpit says which item it is on");

    if std::env::var_os("ROUNDTABLE_BENCH_TRACE").is_some() {
        for _ in 0..3 {
            trace(&h, "n").await;
        }
        probe(&h, &borough.meeting).await;
    }
    println!(
        "Roundtable in the real window (release build), ten-year borough seed {seed}, the MARAC's 40-case meeting:"
    );
    println!();
    println!("| step | median ms | p95 ms | max ms | goal | result | runs |");
    println!("|---|---:|---:|---:|---|---|---:|");
    let mut next = Vec::new();
    while next.len() < RUNS {
        let Some(ms) = step(&h, &Step::new_case("key", "n".into())).await else {
            break;
        };
        next.push(ms);
    }
    report(
        "`N`: next agenda item, new case on screen",
        next,
        STEP_GOAL_MS,
    );

    let mut jump = Vec::new();
    for i in 0..RUNS {
        // Back and forth across the case items, never the current one.
        let target = format!("#cockpit-item-{}", first_index - 1 + (i * 7 + 3) % RUNS);
        let Some(ms) = step(&h, &Step::new_case("click", target)).await else {
            break;
        };
        jump.push(ms);
    }
    report(
        "jump to an agenda item (click in the agenda)",
        jump,
        STEP_GOAL_MS,
    );

    let mut added = Vec::new();
    for i in 0..RUNS {
        h.press(ESC).await;
        h.press("a").await;
        h.press(&borough.agency_code).await;
        h.press(ENTER).await;
        h.press(&format!("Check the address with housing ({i})"))
            .await;
        let add = Step {
            act: "submit",
            target: "#action-text".into(),
            watch: "[data-testid=agreed-actions]",
            need: "",
            expect: &format!("({i})"),
        };
        let Some(ms) = step(&h, &add).await else {
            break;
        };
        added.push(ms);
    }
    report(
        "add an action (Enter to the action in the list)",
        added,
        STEP_GOAL_MS,
    );

    h.press(ESC).await;
    h.press("s").await;
    h.press(&borough.agency_code).await;
    h.press(ENTER).await;
    h.find("[data-testid=share-editor]").await;
    let mut shared = Vec::new();
    for i in 0..RUNS {
        let state = if i % 2 == 0 { "not_known" } else { "known" };
        let save = Step {
            act: "click",
            target: format!("#share-state-{state}"),
            watch: "[data-testid=save-status]",
            need: "",
            expect: "All changes saved",
        };
        let Some(ms) = step(&h, &save).await else {
            break;
        };
        shared.push(ms);
    }
    report(
        "save a share (what an agency holds, durably committed)",
        shared,
        STEP_GOAL_MS,
    );

    h.press(ESC).await;
    h.click_link("Cases").await;
    h.heading("Cases").await;
    h.select("cases-panel", &borough.panel).await;
    let mut opened = Vec::new();
    for reference in &borough.references {
        h.fill("case-search", reference).await;
        h.wait_text(".split__list .item-list__item", reference)
            .await;
        let open = Step {
            act: "click",
            target: ".split__list .item-list__item".into(),
            watch: ".split__detail h2",
            need: ".split__detail h2",
            expect: reference,
        };
        let Some(ms) = step(&h, &open).await else {
            break;
        };
        opened.push(ms);
    }
    report(
        "open a case from search (click the result)",
        opened,
        STEP_GOAL_MS,
    );

    let verdict = if start_ms <= START_GOAL_MS {
        "met"
    } else {
        "MISSED"
    };
    println!(
        "| start to the unlock screen painted ({} disk cache) | {start_ms:.0} | | | <= {START_GOAL_MS:.0} | {verdict} | 1 |",
        if cold {
            "cold"
        } else {
            "warm: could not empty the cache"
        }
    );
    println!("| the same, started again at once (warm) | {warm_ms:.0} | | | | | 1 |");
    h.finish().await;
}
