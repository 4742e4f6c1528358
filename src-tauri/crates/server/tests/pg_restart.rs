//! PostgreSQL itself restarted under a running server (alone in its test
//! binary: the cluster is shared by every test that runs beside it): every
//! edit acknowledged before the restart is there after it, the session
//! holds, requests fail with a clear 503 while the database is away and
//! work again by themselves, and a watching browser is told to read again.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{TestServer, share_args};
use roundtable_core::domain::account::AccountRole;
use serde_json::json;

/// Restarts the test command's throwaway cluster (`pg_virtualenv` names it
/// `regress` and tells `pg_ctlcluster` where it lives).
fn restart_postgres() {
    let version = std::env::var("PGVERSION").unwrap_or_else(|_| "15".into());
    let status = Command::new("pg_ctlcluster")
        .args([&version, "regress", "restart", "-m", "fast"])
        .status()
        .expect("pg_ctlcluster (postgresql-common) is installed by the test command");
    assert!(status.success(), "the cluster restarted");
}

#[test]
fn a_postgresql_restart_loses_no_acknowledged_edit_and_the_server_recovers() {
    let server = TestServer::start();
    server.load_demo();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let token = server.sign_in("priya", &password);
    let (meeting, _, case, agency) = server.demo_meeting(&token);
    let events = server.watch(&token, &meeting);
    let mut acknowledged = Vec::new();
    for n in 0..5 {
        let facts = format!("Acknowledged before the restart, number {n}.");
        let answer = server.call(
            &token,
            "share_information",
            share_args(&meeting, &case, &agency, &facts, None),
        );
        assert_eq!(answer.status, 200, "{answer:?}");
        acknowledged.push(facts);
    }

    restart_postgres();

    // While connections are replaced a request may fail, clearly; then
    // everything answers again, as the same signed-in session.
    let deadline = Instant::now() + Duration::from_secs(30);
    let record = loop {
        let answer = server.call(
            &token,
            "case_in_meeting",
            json!({"meetingId": meeting, "caseId": case}),
        );
        if answer.status == 200 {
            break answer.body;
        }
        assert_eq!(answer.status, 503, "{answer:?}");
        assert!(Instant::now() < deadline, "the server did not recover");
        std::thread::sleep(Duration::from_millis(200));
    };
    let shares = record["record"]["shares"].to_string();
    let last = acknowledged.last().unwrap();
    assert!(shares.contains(last.as_str()), "{last} lost: {shares}");

    // The watcher is told to read everything again, and hears what follows.
    let mut heard_reload = false;
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        match events.recv_timeout(Duration::from_secs(1)) {
            Ok(id) if id == uuid::Uuid::nil().to_string() => {
                heard_reload = true;
                break;
            }
            _ => {}
        }
    }
    assert!(heard_reload, "the watching browser was told to read again");
    let after = server.call(
        &token,
        "share_information",
        share_args(&meeting, &case, &agency, "After the restart.", None),
    );
    assert_eq!(after.status, 200, "{after:?}");
}
