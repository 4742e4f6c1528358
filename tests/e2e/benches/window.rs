//! The real window's speed on the ten-year borough: drives the release app
//! over WebDriver, as a minute-taker would, and prints the median and 95th
//! percentile of each step against its goal. Each step is timed inside the
//! page, from the key press (or click) to the next frame after the new case
//! is on screen, so WebDriver's own round trips are not counted; the start is
//! timed from launching the app to the unlock screen, WebDriver's session
//! set-up included.
//!
//! Run by `.ci/bench-window.sh`; needs `ROUNDTABLE_APP` (the release binary)
//! and `TAURI_DRIVER`. `ROUNDTABLE_SCALE_SEED` picks another borough.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use std::time::{Duration, Instant};

use fantoccini::Locator;
use roundtable_core::Store;
use roundtable_core::scale::{Spec, cache};
use roundtable_e2e::Harness;
use serde_json::json;

const RUNS: usize = 30;
const STEP_GOAL_MS: f64 = 50.0;
const START_GOAL_MS: f64 = 1000.0;

/// A data folder holding a copy of the cached borough, with a user to sign
/// in as (the generator makes the panels' data, not the app's user).
fn prepare(seed: u64) -> (tempfile::TempDir, String) {
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
    let meeting = roundtable_core::scale::landmarks(store.conn())
        .unwrap()
        .big_meeting;
    (dir, meeting.to_string())
}

/// Tries to empty the page cache, so the start is timed from a cold disk;
/// says whether it could.
fn drop_caches() -> bool {
    let _ = std::process::Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

/// Presses `key` (or clicks the element with id `click`) in the page and
/// waits for a new case heading; returns the milliseconds it took.
const STEP: &str = r#"
const [key, click, done] = arguments;
const heading = () => document.getElementById('case-title')?.textContent ?? '';
const before = heading() + '|' + (document.getElementById('work-title')?.textContent ?? '');
const t0 = performance.now();
if (click) document.getElementById(click).click();
else document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
const check = () => {
  const now = heading() + '|' + (document.getElementById('work-title')?.textContent ?? '');
  if (heading() && now !== before) requestAnimationFrame(() => done(performance.now() - t0));
  else if (performance.now() - t0 > 10000) done(-1);
  else requestAnimationFrame(check);
};
requestAnimationFrame(check);
"#;

/// Notes when, after the key press, the agenda's heading and the case's
/// heading change: the time before the first is the move and the meeting's
/// refresh, the time between them the case's own loading and drawing.
const TRACE: &str = r#"
window.__marks = [];
window.__t0 = null;
const seen = {};
new MutationObserver(() => {
  if (window.__t0 === null) return;
  for (const id of ['work-title', 'case-title']) {
    const text = document.getElementById(id)?.textContent ?? '';
    if (seen[id] !== undefined && seen[id] !== text) {
      const at = performance.now();
      document.body.getBoundingClientRect();
      window.__marks.push(`${id} ${text ? 'changed' : 'gone'} at ${(at - window.__t0).toFixed(1)} ms (layout ${(performance.now() - at).toFixed(1)} ms, ${document.getElementsByTagName('*').length} elements)`);
    }
    seen[id] = text;
  }
}).observe(document.body, { subtree: true, childList: true, characterData: true });
for (const id of ['work-title', 'case-title']) seen[id] = document.getElementById(id)?.textContent ?? '';
document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, { capture: true, once: true });
"#;

/// Times the cockpit's IPC commands on their own, called from the page, with
/// the size of what each returns.
const PROBE: &str = r#"
const [meetingId, done] = arguments;
const invoke = window.__TAURI_INTERNALS__.invoke;
const time = async (cmd, args) => {
  const runs = [];
  let size = 0;
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    const out = await invoke(cmd, args);
    runs.push(performance.now() - t);
    size = JSON.stringify(out ?? null).length;
  }
  runs.sort((a, b) => a - b);
  return `${cmd}: median ${runs[7].toFixed(1)} ms, ${size} B`;
};
(async () => {
  const now = await invoke('meeting_now', { meetingId });
  const item = now.meeting.items.find((i) => i.case);
  done([
    await time('meeting_now', { meetingId }),
    await time('case_in_meeting', { meetingId, caseId: item.case.id }),
    await time('go_to_item', { meetingId, itemId: item.id }),
    await time('meeting_actions', { meetingId }),
  ]);
})().catch((e) => done(String(e)));
"#;

/// What `TRACE` noted.
const CALLS: &str = "return window.__marks;";

/// The IPC calls one step makes, for finding where its time goes
/// (`ROUNDTABLE_BENCH_TRACE=1`).
async fn probe(h: &Harness, meeting: &str) {
    let out = h
        .client
        .execute_async(PROBE, vec![json!(meeting)])
        .await
        .unwrap();
    println!("IPC on its own: {out}");
}

async fn trace(h: &Harness, key: &str) {
    h.client.execute(TRACE, vec![]).await.unwrap();
    let ms = step(h, key, None).await;
    let calls = h.client.execute(CALLS, vec![]).await.unwrap();
    println!("{key}: {ms:.1} ms; {calls}");
}

async fn step(h: &Harness, key: &str, click: Option<String>) -> f64 {
    let ms = h
        .client
        .execute_async(STEP, vec![json!(key), json!(click)])
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(ms >= 0.0, "no new case appeared within 10 s");
    ms
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(what: &str, mut samples: Vec<f64>, goal: f64) {
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
    let (data, meeting) = prepare(seed);
    let cold = drop_caches();
    let t = Instant::now();
    let h = Harness::start_in("window-bench", &app, data).await;
    h.heading("Unlock Roundtable").await;
    let start_ms = t.elapsed().as_secs_f64() * 1000.0;

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
        probe(&h, &meeting).await;
    }
    let mut next = Vec::new();
    for _ in 0..RUNS {
        next.push(step(&h, "n", None).await);
    }
    let mut jump = Vec::new();
    for i in 0..RUNS {
        // Back and forth across the case items, never the current one.
        let target = first_index - 1 + (i * 7 + 3) % RUNS;
        jump.push(step(&h, "", Some(format!("cockpit-item-{target}"))).await);
    }

    println!(
        "Roundtable in the real window (release build), ten-year borough seed {seed}, the MARAC's 40-case meeting:"
    );
    println!();
    println!("| step | median ms | p95 ms | max ms | goal | result | runs |");
    println!("|---|---:|---:|---:|---|---|---:|");
    report(
        "`N`: next agenda item, new case on screen",
        next,
        STEP_GOAL_MS,
    );
    report(
        "jump to an agenda item (click in the agenda)",
        jump,
        STEP_GOAL_MS,
    );
    let verdict = if start_ms <= START_GOAL_MS {
        "met"
    } else {
        "MISSED"
    };
    println!(
        "| start to the unlock screen ({} disk cache, WebDriver session included) | {start_ms:.0} | | | <= {START_GOAL_MS:.0} | {verdict} | 1 |",
        if cold { "cold" } else { "warm" }
    );
    h.finish().await;
}
