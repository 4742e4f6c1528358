//! Many people at once (`bash .ci/bench.sh`): 300 signed-in sessions on
//! loopback HTTPS browse the action tracker, search and open cases, and
//! follow a live meeting, each pausing between requests as a person does
//! (0.3 to 1.5 s), while a chair runs that meeting (a change every second)
//! and three browsers watch it. Prints each request kind's median and 95th
//! percentile, the errors, and the requests served. Goal (issue 17): p95
//! <= 100 ms, no errors. The server runs with its default pool (16
//! connections).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use serde_json::{Value, json};

const SESSIONS: usize = 300;
const SECONDS: u64 = 30;

fn sessions() -> usize {
    std::env::var("ROUNDTABLE_LOAD_SESSIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SESSIONS)
}

type Timings = Arc<Mutex<BTreeMap<&'static str, Vec<f64>>>>;

fn browse(meeting: &str, case: &str, n: usize) -> (&'static str, String, Value) {
    let query = ["okafor", "nguyen", "wis", "smith", "ali"][(n / 5) % 5];
    match n % 5 {
        0 => (
            "tracker",
            "list_actions".into(),
            json!({"filter": {"panel_id": null, "agency_id": null,
            "status": "open", "overdue": false, "due_within_days": null, "case_reference": ""}}),
        ),
        1 => (
            "search",
            "list_cases".into(),
            json!({"filter": {"panel_id": null, "status": null,
            "query": query}}),
        ),
        2 => ("open a case", "get_case".into(), json!({"id": case})),
        3 => (
            "meeting now",
            "meeting_now".into(),
            json!({"meetingId": meeting}),
        ),
        _ => (
            "case in the meeting",
            "case_in_meeting".into(),
            json!({"meetingId": meeting, "caseId": case}),
        ),
    }
}

fn main() {
    let server = Arc::new(TestServer::start_with(16));
    server.load_demo();
    let chair = server.account("chris", "Chris Chair", AccountRole::Chair);
    let chris = server.sign_in("chris", &chair);
    let (meeting, item, case, _) = server.demo_meeting(&chris);
    server.call(
        &chris,
        "go_to_item",
        json!({"meetingId": meeting, "itemId": item["id"]}),
    );
    let password = server.account("casey", "Casey Coordinator", AccountRole::Coordinator);
    let started = Instant::now();
    let tokens: Vec<String> = (0..sessions())
        .map(|_| server.sign_in("casey", &password))
        .collect();
    println!(
        "\n{} sessions signed in in {:.1} s",
        sessions(),
        started.elapsed().as_secs_f64()
    );

    let timings: Timings = Arc::default();
    let errors = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let watchers: Vec<_> = (0..3).map(|_| server.watch(&chris, &meeting)).collect();
    let mut threads = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let (server, timings, errors, stop) = (
            server.clone(),
            timings.clone(),
            errors.clone(),
            stop.clone(),
        );
        let (meeting, case) = (meeting.clone(), case.clone());
        threads.push(std::thread::spawn(move || {
            let mut n = i;
            while !stop.load(Ordering::Relaxed) {
                let pause = 300 + (n * 7919 % 1200) as u64;
                std::thread::sleep(Duration::from_millis(pause));
                let (kind, command, args) = browse(&meeting, &case, n);
                let at = Instant::now();
                let answer = server.call(&token, &command, args);
                let took = at.elapsed().as_secs_f64() * 1000.0;
                if answer.status == 200 {
                    timings.lock().unwrap().entry(kind).or_default().push(took);
                } else {
                    errors
                        .lock()
                        .unwrap()
                        .push(format!("{command}: {} {}", answer.status, answer.body));
                }
                n += 1;
            }
        }));
    }
    let chair_thread = {
        let (server, timings, errors, stop) = (
            server.clone(),
            timings.clone(),
            errors.clone(),
            stop.clone(),
        );
        let meeting = meeting.clone();
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_secs(1));
                let at = Instant::now();
                let answer = server.call(&chris, "toggle_timer", json!({"meetingId": meeting}));
                let took = at.elapsed().as_secs_f64() * 1000.0;
                if answer.status == 200 {
                    timings
                        .lock()
                        .unwrap()
                        .entry("the chair's change")
                        .or_default()
                        .push(took);
                } else {
                    errors
                        .lock()
                        .unwrap()
                        .push(format!("toggle_timer: {}", answer.status));
                }
            }
        })
    };
    std::thread::sleep(Duration::from_secs(SECONDS));
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    chair_thread.join().unwrap();
    let heard: usize = watchers.iter().map(|w| w.try_iter().count()).sum();

    let timings = timings.lock().unwrap();
    let errors = errors.lock().unwrap();
    let mut all: Vec<f64> = timings.values().flatten().copied().collect();
    all.sort_by(f64::total_cmp);
    let at = |v: &[f64], q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{} sessions for {SECONDS} s on loopback HTTPS, a meeting running, 3 watchers ({heard} events heard)",
        sessions()
    );
    println!("| request | served | median ms | p95 ms |");
    println!("|---|---:|---:|---:|");
    for (kind, v) in timings.iter() {
        let mut v = v.clone();
        v.sort_by(f64::total_cmp);
        println!(
            "| {kind} | {} | {:.1} | {:.1} |",
            v.len(),
            at(&v, 0.5),
            at(&v, 0.95)
        );
    }
    println!(
        "| all | {} | {:.1} | {:.1} |",
        all.len(),
        at(&all, 0.5),
        at(&all, 0.95)
    );
    let p95 = at(&all, 0.95);
    println!(
        "Goal p95 <= 100 ms, no errors: {} (p95 {p95:.1} ms, {} errors, {:.0} requests/s)",
        if p95 <= 100.0 && errors.is_empty() {
            "met"
        } else {
            "MISSED"
        },
        errors.len(),
        all.len() as f64 / SECONDS as f64
    );
    for e in errors.iter().take(5) {
        println!("  error: {e}");
    }
}
