//! Every command over HTTP: bad or unknown arguments, and ids of nothing,
//! are answered with a 4xx in the usual shape, never a 5xx, as are a body
//! that is not JSON or is too large and a command that does not exist, and
//! none of them changes anything; and a meeting runs through the API as it
//! does in the desktop window, two people at once, each change audited as
//! its author.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use roundtable_server::commands::NAMES;
use serde_json::{Value, json};

/// Arguments every command might take, each an id of nothing or a value
/// of the wrong kind.
fn strangers() -> Vec<Value> {
    let nobody = "0f0f0f0f-0000-4000-8000-000000000000";
    let ids = [
        "id",
        "meetingId",
        "caseId",
        "agencyId",
        "panelId",
        "itemId",
        "attendeeId",
        "otherCaseId",
    ];
    let mut all_ids = serde_json::Map::new();
    for name in ids {
        all_ids.insert(name.into(), json!(nobody));
    }
    vec![
        json!({}),
        json!([1, 2, 3]),
        json!("text"),
        json!({"id": "not-an-id"}),
        json!({"id": 12, "input": "x"}),
        json!({"filter": {"query": 7}}),
        Value::Object(all_ids),
    ]
}

#[test]
fn every_command_answers_bad_arguments_and_ids_of_nothing_with_a_4xx() {
    let server = TestServer::start();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let token = server.sign_in("priya", &password);
    assert!(NAMES.len() >= 59, "{}", NAMES.len());
    let mut failures = Vec::new();
    for name in NAMES {
        for args in strangers() {
            let answer = server.call(&token, name, args.clone());
            let shaped = answer.body["code"].is_string() && answer.body["message"].is_string();
            let ok = answer.status < 300 || ((400..500).contains(&answer.status) && shaped);
            if !ok {
                failures.push(format!("{name} {args}: {} {}", answer.status, answer.body));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_meeting_runs_through_the_api_with_the_chair_and_the_minute_taker_at_once() {
    let server = TestServer::start();
    server.load_demo();
    let (chris, mina) = server.chair_and_minute_taker();

    let (meeting_id, item, case_id, agency_id) = server.demo_meeting(&chris);

    // The chair moves to the case; the minute-taker sees it current.
    let went = server.call(
        &chris,
        "go_to_item",
        json!({"meetingId": meeting_id, "itemId": item["id"]}),
    );
    assert_eq!(went.status, 200, "{went:?}");
    let now = server.call(&mina, "meeting_now", json!({"meetingId": meeting_id}));
    assert_eq!(now.body["current_item_id"], item["id"], "{now:?}");

    // The minute-taker records what an agency shared; the chair sees it.
    let shared = server.call(
        &mina,
        "share_information",
        common::share_args(
            &meeting_id,
            &case_id,
            &agency_id,
            "Two call-outs since the referral.",
            None,
        ),
    );
    assert_eq!(shared.status, 200, "{shared:?}");
    let seen = server.call(
        &chris,
        "case_in_meeting",
        json!({"meetingId": meeting_id, "caseId": case_id}),
    );
    assert!(
        seen.body
            .to_string()
            .contains("Two call-outs since the referral."),
        "{seen:?}"
    );

    // Both edit that share from the version they read: the second to save
    // is refused, the first's words are kept, and after a re-read it saves.
    let version = |answer: &common::Answer| -> String {
        let shares = answer.body["record"]["shares"].as_array().cloned().unwrap();
        let share = shares
            .iter()
            .find(|s| s["agency_id"] == agency_id.as_str())
            .unwrap();
        share["version"].as_str().unwrap().to_owned()
    };
    let read = version(&seen);
    let edit = |facts: &str, based_on: &str| {
        common::share_args(&meeting_id, &case_id, &agency_id, facts, Some(based_on))
    };
    std::thread::sleep(std::time::Duration::from_millis(5));
    let first = server.call(
        &mina,
        "share_information",
        edit("Two call-outs; one arrest.", &read),
    );
    assert_eq!(first.status, 200, "{first:?}");
    let second = server.call(
        &chris,
        "share_information",
        edit("Two call-outs; school concerned.", &read),
    );
    assert_eq!(
        (second.status, second.code()),
        (409, "conflict"),
        "{second:?}"
    );
    assert!(
        second.body["message"]
            .as_str()
            .unwrap()
            .contains("Mina Minutes (mina)"),
        "{second:?}"
    );
    let now = server.call(
        &chris,
        "case_in_meeting",
        json!({"meetingId": meeting_id, "caseId": case_id}),
    );
    assert!(
        now.body.to_string().contains("Two call-outs; one arrest."),
        "the first edit is kept"
    );
    let merged = edit(
        "Two call-outs; one arrest; school concerned.",
        &version(&now),
    );
    let again = server.call(&chris, "share_information", merged);
    assert_eq!(again.status, 200, "{again:?}");

    let mut client = server.database.client();
    let authors: Vec<String> = client
        .query(
            "SELECT DISTINCT actor FROM audit_log WHERE actor LIKE '%(chris)' OR actor LIKE '%(mina)' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(authors, vec!["Chris Chair (chris)", "Mina Minutes (mina)"]);
}

#[test]
fn bad_requests_get_a_4xx_in_the_usual_shape_and_change_nothing() {
    let server = TestServer::start();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let token = server.sign_in("priya", &password);
    let big = vec![b' '; 3 * 1024 * 1024];
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("not JSON", b"{\"input\": ".to_vec(), 400),
        ("a list", b"[1, 2]".to_vec(), 400),
        (
            "an unknown argument",
            br#"{"kind": "marac", "extra": 1}"#.to_vec(),
            400,
        ),
        ("a wrong type", br#"{"kind": 7}"#.to_vec(), 400),
        ("an unknown kind", br#"{"kind": "tea_party"}"#.to_vec(), 400),
        ("a missing argument", b"{}".to_vec(), 400),
        ("too large", big, 413),
    ];
    for (what, body, status) in cases {
        let answer = server.send(
            "POST",
            "/api/call/new_panel_defaults",
            Some(&token),
            Some(&body),
        );
        assert_eq!(answer.status, status, "{what}: {answer:?}");
        assert_eq!(answer.code(), "validation", "{what}");
        assert!(
            !answer.body["message"].as_str().unwrap().is_empty(),
            "{what}"
        );
    }
    let unknown = server.call(&token, "drop_everything", json!({}));
    assert_eq!(unknown.status, 404);
    let invalid = server.call(
        &token,
        "create_panel",
        json!({"input": {
            "name": "", "kind": "marac", "meeting_minutes": 0, "minutes_per_case": 0,
            "children_minutes": 0, "review_after_months": 0
        }}),
    );
    assert!(invalid.status == 400, "{invalid:?}");
    assert_eq!(
        server.call(&token, "list_panels", json!({})).body,
        json!([])
    );
    let bad_id = server.post(
        "/api/accounts/not-an-id/disabled",
        Some(&token),
        json!({"disabled": true}),
    );
    assert!((400..500).contains(&bad_id.status), "{bad_id:?}");
}
