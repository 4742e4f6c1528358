//! Live meetings: a browser watching a meeting hears of every committed
//! change to it, made by anyone, and of nothing else; without a session it
//! hears nothing at all.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use serde_json::json;

#[test]
fn a_watcher_hears_of_each_committed_change_to_its_meeting_and_nothing_else() {
    let server = TestServer::start();
    server.load_demo();
    let (chris, mina) = server.chair_and_minute_taker();
    let (meeting_id, item, case_id, agency_id) = server.demo_meeting(&chris);
    let events = server.watch(&mina, &meeting_id);

    let went = server.call(
        &chris,
        "go_to_item",
        json!({"meetingId": meeting_id, "itemId": item["id"]}),
    );
    assert_eq!(went.status, 200, "{went:?}");
    let heard = events
        .recv_timeout(Duration::from_secs(10))
        .expect("the move was announced");
    assert_eq!(heard, meeting_id);
    // Still listening after a quiet spell longer than the listener's wait.
    std::thread::sleep(Duration::from_millis(2500));

    let shared = server.call(
        &chris,
        "share_information",
        common::share_args(
            &meeting_id,
            &case_id,
            &agency_id,
            "Seen at the school gate.",
            None,
        ),
    );
    assert_eq!(shared.status, 200, "{shared:?}");
    assert_eq!(
        events.recv_timeout(Duration::from_secs(10)).unwrap(),
        meeting_id
    );

    // A refused change announces nothing; nor does another meeting's.
    let refused = server.call(
        &chris,
        "share_information",
        common::share_args(
            &meeting_id,
            &case_id,
            &agency_id,
            &"x".repeat(100_000),
            None,
        ),
    );
    assert_eq!(refused.status, 400, "{refused:?}");
    let other = server.call(&chris, "new_panel_defaults", json!({"kind": "marac"}));
    assert_eq!(other.status, 200);
    assert!(
        events.recv_timeout(Duration::from_millis(1500)).is_err(),
        "nothing else was announced"
    );
}

#[test]
fn nobody_watches_without_a_session() {
    let server = TestServer::start();
    let answer = server.send(
        "GET",
        &format!("/api/events?meeting={}", uuid::Uuid::new_v4()),
        None,
        None,
    );
    assert_eq!((answer.status, answer.code()), (401, "not_signed_in"));
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let token = server.sign_in("priya", &password);
    let bad = server.send("GET", "/api/events?meeting=nope", Some(&token), None);
    assert_eq!((bad.status, bad.code()), (400, "validation"), "{bad:?}");
}
