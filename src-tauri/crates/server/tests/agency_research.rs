//! Research before a meeting over HTTP (issue 18): a sweep over every
//! agency of the demo borough, once the next meeting's case list is
//! published and partly answered, sends no agency another agency's action
//! or words, nor the reference, name or referral story of a case it has no
//! request or action on; a representative researches two cases and the
//! coordinator's cockpit and grid show them; a passed deadline, a withdrawn
//! case and a disabled account each get a clear answer and change nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestServer;
use common::research::{published, research, sweep};
use serde_json::json;

#[test]
fn every_agency_of_the_demo_is_sent_only_what_it_researches_or_acts_on() {
    let server = TestServer::start();
    server.load_demo();
    let published = published(&server);
    sweep(&server, published, 1);
}

#[test]
fn every_agency_of_a_generated_borough_is_sent_only_what_it_researches_or_acts_on() {
    let server = TestServer::start();
    server.load_generated();
    let published = published(&server);
    sweep(&server, published, 10);
}

#[test]
fn a_representative_researches_two_cases_and_the_cockpit_shows_them() {
    let server = TestServer::start();
    server.load_demo();
    let (staff, meeting, cases, expected) = published(&server);
    let password = server.agency_account("rep", "Rita Rep", expected[0].parse().unwrap());
    let token = server.sign_in("rep", &password);
    let list = server.call(
        &token,
        "agency_research_list",
        json!({"meetingId": meeting}),
    );
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["cases"].as_array().unwrap().len(), cases.len());
    for (case, facts) in cases
        .iter()
        .zip(["Known: two missing episodes.", ""])
        .take(2)
    {
        let input = if facts.is_empty() {
            json!({"state": "not_known", "facts": "", "opinion": "", "withheld": "", "withheld_reason": ""})
        } else {
            research(facts)
        };
        let answer = server.call(
            &token,
            "agency_research_answer",
            json!({"meetingId": meeting, "caseId": case, "input": input}),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    let cockpit = server.call(
        &staff,
        "case_in_meeting",
        json!({"meetingId": meeting, "caseId": cases[0]}),
    );
    let share = &cockpit.body["record"]["shares"][0];
    assert_eq!(share["facts"], "Known: two missing episodes.");
    assert!(share["researched_at"].is_string(), "{share}");
    assert!(share["updated_by"].as_str().unwrap().contains("Rita Rep"));
    let grid = server
        .call(&staff, "research_grid", json!({"meetingId": meeting}))
        .body;
    assert_eq!(grid["cases"][0]["answers"][0], "known");
    assert_eq!(grid["cases"][1]["answers"][0], "not_known");
    assert_eq!(grid["agencies"][0]["researched"], 2);
    let reminded = server.call(
        &staff,
        "remind_research",
        json!({"meetingId": meeting, "agencyId": expected[1]}),
    );
    assert_eq!(reminded.status, 200, "{}", reminded.body);
    // What the agency opened, in the coordinator's list of agency views.
    let views = server.call(&staff, "agency_views", json!({"limit": 50}));
    assert_eq!(views.status, 200, "{}", views.body);
    let entries = views.body["entries"].as_array().unwrap();
    assert!(entries.iter().all(|e| e["action"] == "view"), "{entries:?}");
    assert!(
        entries
            .iter()
            .any(|e| e["actor"].as_str().unwrap_or("").contains("Rita Rep")
                && e["detail"]
                    .as_str()
                    .unwrap_or("")
                    .contains("case list for research")),
        "{entries:?}"
    );
    let refused = server.call(&token, "agency_views", json!({"limit": 50}));
    assert_eq!(refused.status, 403);
    let log = server
        .call(&staff, "audit_log", json!({"limit": 80}))
        .body
        .to_string();
    assert!(log.contains("case list for research"), "{log}");
    assert!(log.contains("research_reminder"), "{log}");
}

#[test]
fn a_passed_deadline_a_withdrawn_case_a_held_meeting_and_a_disabled_account_are_refused() {
    let server = TestServer::start();
    server.load_demo();
    let (staff, meeting, cases, expected) = published(&server);
    let password = server.agency_account("rep", "Rita Rep", expected[0].parse().unwrap());
    let token = server.sign_in("rep", &password);
    let answer = |case: &str| {
        server.call(
            &token,
            "agency_research_answer",
            json!({"meetingId": meeting, "caseId": case, "input": research("Too late?")}),
        )
    };
    let stored = |server: &TestServer| -> i64 {
        server
            .database
            .client()
            .query_one("SELECT count(*) FROM information_share", &[])
            .unwrap()
            .get(0)
    };
    let before = stored(&server);
    // The case withdrawn from the agenda.
    let detail = server
        .call(&staff, "get_meeting", json!({"id": meeting}))
        .body;
    let item = detail["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["case"]["id"] == cases[1].as_str())
        .unwrap()["id"]
        .clone();
    let removed = server.call(&staff, "remove_agenda_item", json!({"itemId": item}));
    assert_eq!(removed.status, 200, "{}", removed.body);
    let refused = answer(&cases[1]);
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(
        refused.body["message"]
            .as_str()
            .unwrap()
            .contains("withdrawn")
    );
    // The deadline passed.
    server
        .database
        .client()
        .execute("UPDATE research_request SET due_on = current_date - 1", &[])
        .unwrap();
    let refused = answer(&cases[0]);
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(
        refused.body["message"]
            .as_str()
            .unwrap()
            .contains("closed on"),
        "{}",
        refused.body
    );
    // The meeting held: research ends, and the agency's view of the case
    // list with it (in the app and in PostgreSQL's row security).
    let closed = server.call(&staff, "close_meeting", json!({"meetingId": meeting}));
    assert_eq!(closed.status, 200, "{}", closed.body);
    let listed = server.call(&token, "agency_research_meetings", json!({}));
    assert_eq!(listed.status, 200, "{}", listed.body);
    assert_eq!(listed.body, json!([]), "no meeting to research is listed");
    let gone = server.call(
        &token,
        "agency_research_list",
        json!({"meetingId": meeting}),
    );
    assert_eq!(gone.status, 404, "{}", gone.body);
    assert!(gone.body["message"].is_string(), "{}", gone.body);
    assert!(!gone.body.to_string().contains(&cases[0]), "{}", gone.body);
    // A disabled account: its session ends and it cannot sign in again.
    let accounts = server.send("GET", "/api/accounts", Some(&staff), None);
    let rep = accounts
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "rep")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let disabled = server.post(
        &format!("/api/accounts/{rep}/disabled"),
        Some(&staff),
        json!({"disabled": true}),
    );
    assert_eq!(disabled.status, 200, "{}", disabled.body);
    let refused = server.call(&token, "agency_research_meetings", json!({}));
    assert_eq!(refused.status, 401, "{}", refused.body);
    let again = server.post(
        "/api/session",
        None,
        json!({"username": "rep", "password": password}),
    );
    assert!((400..500).contains(&again.status), "{}", again.body);
    assert!(again.body["message"].is_string());
    assert_eq!(stored(&server), before, "nothing was saved");
}
