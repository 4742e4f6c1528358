//! Live meetings as people see them (`bash .ci/bench.sh`): from the chair's
//! change leaving one browser to the minute-taker's screen showing it, in
//! two headless chromiums on one server over loopback HTTPS. The chair
//! starts and pauses the timer; the clock is read in both pages (one
//! machine, one clock): sent when the chair's browser sends the change,
//! seen when the minute-taker's page has drawn it. Goal: p95 <= 100 ms.
//! A command that prints figures, never a test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/server.rs"]
mod server;

use std::time::Duration;

use roundtable_core::domain::account::AccountRole;
use roundtable_e2e::Harness;
use serde_json::Value;
use server::{Server, into_the_cockpit, shortcut};

const RUNS: usize = 60;
const GOAL_MS: f64 = 100.0;

/// Notes, in the chair's page, when each change to the timer is sent.
const RECORD_SENT: &str = r#"
  window.__sent = [];
  const send = window.fetch;
  window.fetch = (url, init) => {
    if (String(url).includes("toggle_timer")) window.__sent.push(performance.timeOrigin + performance.now());
    return send(url, init);
  };
  return true;"#;

/// Notes, in the minute-taker's page, when the countdown's "paused" flips,
/// once the frame showing it is drawn.
const RECORD_SEEN: &str = r#"
  window.__seen = [];
  const clock = document.querySelector("[data-testid=countdown]");
  let paused = clock.textContent.includes("paused");
  new MutationObserver(() => {
    const now = clock.textContent.includes("paused");
    if (now !== paused) {
      paused = now;
      requestAnimationFrame(() => window.__seen.push(performance.timeOrigin + performance.now()));
    }
  }).observe(clock, { subtree: true, characterData: true, childList: true });
  return true;"#;

async fn times(h: &Harness, name: &str) -> Vec<f64> {
    let value = h
        .client
        .execute(&format!("return window.{name};"), vec![])
        .await
        .unwrap();
    match value {
        Value::Array(items) => items.iter().filter_map(Value::as_f64).collect(),
        _ => Vec::new(),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let server = Server::start();
    let chair_password = server.ready_account("chris", "Chris Chair", AccountRole::Chair);
    let mina_password = server.ready_account("mina", "Mina Minutes", AccountRole::MinuteTaker);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let chair = Harness::browser("bench-chair", &server.url).await;
        let mina = Harness::browser("bench-minutes", &server.url).await;
        into_the_cockpit(&chair, "chris", &chair_password).await;
        into_the_cockpit(&mina, "mina", &mina_password).await;
        chair.press("n").await;
        mina.heading("Introductions, attendance and confidentiality").await;
        chair.client.execute(RECORD_SENT, vec![]).await.unwrap();
        mina.client.execute(RECORD_SEEN, vec![]).await.unwrap();
        for _ in 0..RUNS {
            shortcut(&chair, "t").await;
            tokio::time::sleep(Duration::from_millis(400)).await;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        let sent = times(&chair, "__sent").await;
        let seen = times(&mina, "__seen").await;
        let mut latencies: Vec<f64> = sent.iter().zip(&seen).map(|(s, v)| v - s).collect();
        latencies.sort_by(f64::total_cmp);
        println!(
            "changes sent {}, seen by the other browser {} (of {RUNS} presses)",
            sent.len(),
            seen.len()
        );
        if latencies.is_empty() {
            println!("no change reached the other browser");
        } else {
            let p95 = percentile(&latencies, 0.95);
            println!(
                "chair's change to the minute-taker's screen: median {:.1} ms, p95 {:.1} ms, max {:.1} ms (goal p95 <= {GOAL_MS} ms: {})",
                percentile(&latencies, 0.5),
                p95,
                latencies[latencies.len() - 1],
                if p95 <= GOAL_MS { "met" } else { "MISSED" }
            );
        }
        mina.finish().await;
        chair.finish().await;
    });
    drop(server);
}
