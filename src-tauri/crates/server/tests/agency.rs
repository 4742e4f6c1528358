//! An agency's representative over HTTP (issue 18, report-back): a sweep
//! over every agency of the demo borough shows each one its own agency's
//! actions and no other agency's action text, and no reference of a case
//! on which it has no action; it reports on its own actions with the
//! tracker's rules, never on another's; the panel's review then shows the
//! report, and the coordinator's audit log shows what the agency looked at.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use roundtable_server::commands::AGENCY_COMMANDS;
use serde_json::{Value, json};

fn every_action() -> Value {
    json!({"filter": {"panel_id": null, "agency_id": null, "status": "all", "overdue": false,
        "due_within_days": null, "case_reference": ""}})
}

fn texts(actions: &Value, field: &str) -> BTreeSet<String> {
    actions
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a[field].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn every_agency_sees_its_own_actions_and_nothing_of_anyone_elses() {
    let server = TestServer::start();
    server.load_demo();
    let staff = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let staff = server.sign_in("priya", &staff);
    let all = server.call(&staff, "list_actions", every_action()).body;
    assert_eq!(
        all["total"].as_u64().unwrap() as usize,
        all["actions"].as_array().unwrap().len(),
        "the whole demo fits one page"
    );
    let all = all["actions"].clone();
    let references = texts(&all, "case_reference");
    let agencies = server.call(&staff, "list_agencies", json!({})).body;
    let mut agencies_with_actions = 0;
    for (n, agency) in agencies.as_array().unwrap().iter().enumerate() {
        let id = agency["id"].as_str().unwrap();
        let username = format!("rep{n}");
        let password = server.agency_account(&username, "A Representative", id.parse().unwrap());
        let token = server.sign_in(&username, &password);
        let answer = server.call(&token, "agency_actions", every_action());
        assert_eq!(answer.status, 200, "{}", answer.body);
        let mine = &answer.body["actions"];
        let theirs: Vec<&Value> = all
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["agency_id"] == agency["id"])
            .collect();
        assert_eq!(
            mine.as_array().unwrap().len(),
            theirs.len(),
            "{}",
            agency["name"]
        );
        if !theirs.is_empty() {
            agencies_with_actions += 1;
        }
        let own_texts = texts(mine, "text");
        let own_references = texts(mine, "case_reference");
        let sent = answer.body.to_string();
        for other in all.as_array().unwrap() {
            let text = other["text"].as_str().unwrap();
            if other["agency_id"] != agency["id"] && !own_texts.contains(text) {
                assert!(!sent.contains(text), "{} was sent {text:?}", agency["name"]);
            }
        }
        for reference in references.difference(&own_references) {
            assert!(
                !sent.contains(reference.as_str()),
                "{} was sent {reference}",
                agency["name"]
            );
        }
        // Naming another agency in the filter changes nothing.
        let other = agencies
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] != agency["id"])
            .unwrap();
        let mut filter = every_action();
        filter["filter"]["agency_id"] = other["id"].clone();
        let answer = server.call(&token, "agency_actions", filter);
        assert_eq!(
            answer.body["actions"].as_array().unwrap().len(),
            theirs.len()
        );
        // The panel's own commands stay closed to it.
        let refused = server.call(&token, "list_actions", every_action());
        assert_eq!(refused.status, 403, "{}", refused.body);
    }
    assert!(agencies_with_actions >= 3, "{agencies_with_actions}");
}

#[test]
fn a_representative_reports_on_its_own_action_and_the_panel_sees_it() {
    let server = TestServer::start();
    server.load_demo();
    let staff = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let staff = server.sign_in("priya", &staff);
    let all = server.call(&staff, "list_actions", every_action()).body["actions"].clone();
    let open = all
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["status"] == "open")
        .unwrap()
        .clone();
    let other = all
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agency_id"] != open["agency_id"])
        .unwrap()
        .clone();
    let agency = open["agency_id"].as_str().unwrap().parse().unwrap();
    let password = server.agency_account("rep", "Rita Rep", agency);
    let token = server.sign_in("rep", &password);

    // "Not done" needs a reason: refused beside the field, nothing changed.
    let refused = server.call(
        &token,
        "agency_report_actions",
        json!({"ids": [open["id"]], "input": {"status": "not_done_agency", "note": "", "reported_on": ""}}),
    );
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert_eq!(refused.body["fields"][0]["field"], "note");
    // Another agency's action is not there for it.
    let refused = server.call(
        &token,
        "agency_report_actions",
        json!({"ids": [other["id"]], "input": {"status": "done", "note": "", "reported_on": ""}}),
    );
    assert_eq!(refused.status, 404, "{}", refused.body);

    let reported = server.call(
        &token,
        "agency_report_actions",
        json!({"ids": [open["id"]], "input": {"status": "in_progress", "note": "Home visit booked for Friday.", "reported_on": ""}}),
    );
    assert_eq!(reported.status, 200, "{}", reported.body);

    // The panel sees the report where it reviews actions, by its author.
    let now = server.call(&staff, "list_actions", every_action()).body["actions"].clone();
    let seen = now
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == open["id"])
        .unwrap();
    assert_eq!(seen["status"], "in_progress");
    let update = seen["updates"].as_array().unwrap().last().unwrap();
    assert_eq!(update["note"], "Home visit booked for Friday.");
    assert!(
        update["recorded_by"].as_str().unwrap().contains("Rita Rep"),
        "{update}"
    );
    let other_now = now
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == other["id"])
        .unwrap();
    assert_eq!(other_now["status"], other["status"]);

    // What the agency looked at is in the coordinator's audit log.
    server.call(&token, "agency_actions", every_action());
    let log = server
        .call(&staff, "audit_log", json!({"limit": 50}))
        .body
        .to_string();
    assert!(log.contains("agency actions"), "{log}");
    assert!(log.contains("Rita Rep (rep)"), "{log}");
}

#[test]
fn bad_input_from_a_representative_gets_a_4xx_and_changes_nothing() {
    let server = TestServer::start();
    server.load_demo();
    let staff = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let staff = server.sign_in("priya", &staff);
    let before = server.call(&staff, "list_actions", every_action()).body;
    let agency = before["actions"][0]["agency_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let password = server.agency_account("rep", "Rita Rep", agency);
    let token = server.sign_in("rep", &password);
    let nothing = "00000000-0000-0000-0000-000000000000";
    let bad = [
        json!(null),
        json!([]),
        json!({"filter": 7}),
        json!({"filter": {"status": "everything"}}),
        json!({"ids": "all", "input": {}}),
        json!({"ids": [nothing], "input": {"status": "done", "note": "", "reported_on": ""}}),
        json!({"ids": [], "input": {"status": "done", "note": "", "reported_on": ""}}),
        json!({"ids": [before["actions"][0]["id"]], "input": {"status": "done", "note": "", "reported_on": "31/12/2999"}}),
        json!({"ids": [before["actions"][0]["id"]], "input": {"status": "done", "note": "", "reported_on": "", "extra": 1}}),
        json!({"filter": {"panel_id": null, "agency_id": null, "status": "all", "overdue": false,
            "due_within_days": null, "case_reference": "X".repeat(41)}}),
    ];
    for name in AGENCY_COMMANDS {
        for args in &bad {
            let answer = server.call(&token, name, args.clone());
            let shaped = answer.body["code"].is_string() && answer.body["message"].is_string();
            assert!(
                answer.status == 200 || ((400..500).contains(&answer.status) && shaped),
                "{name} {args}: {} {}",
                answer.status,
                answer.body
            );
        }
    }
    let after = server.call(&staff, "list_actions", every_action()).body;
    assert_eq!(
        after["actions"], before["actions"],
        "bad input changed an action"
    );
}

/// The plan the agency downloads is the plan the coordinator sends it
/// (the same words, made from the rows its account may read); another
/// agency's is refused, and so is one from a meeting that agreed it nothing.
#[test]
fn a_representative_downloads_its_own_action_plans_and_no_one_elses() {
    let server = TestServer::start();
    server.load_demo();
    let staff = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let staff = server.sign_in("priya", &staff);
    let all = server.call(&staff, "list_actions", every_action()).body["actions"].clone();
    let action = all.as_array().unwrap()[0].clone();
    let agency = action["agency_id"].as_str().unwrap().to_owned();
    let password = server.agency_account("rep", "Rita Rep", agency.parse().unwrap());
    let token = server.sign_in("rep", &password);

    let plans = server.call(&token, "agency_action_plans", json!({}));
    assert_eq!(plans.status, 200, "{}", plans.body);
    let listed = plans.body.as_array().unwrap();
    assert!(
        listed
            .iter()
            .any(|p| p["meeting_id"] == action["meeting_id"]),
        "{listed:?}"
    );
    let wanted =
        json!({"kind": "action_plan", "meetingId": action["meeting_id"], "agencyId": agency});
    let (status, theirs) = server.download_text(&token, wanted.clone());
    assert_eq!(status, 200, "{theirs}");
    let (_, sent) = server.download_text(&staff, wanted);
    // Both name the audit log's head (the later one a later entry).
    assert!(theirs.contains("Audit log at entry"), "{theirs}");
    // Both are marked for the agency they were prepared for.
    let recipient = format!("Prepared for {}", action["agency_name"].as_str().unwrap());
    assert!(
        theirs.contains(&recipient) && sent.contains(&recipient),
        "{theirs}"
    );
    // Every line but each page's foot (when it was made, the log's head
    // then), which runs from the recipient to the page's closing marking.
    let without_stamp = |text: &str| {
        let mut in_foot = false;
        let mut kept = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.contains("Prepared for") {
                in_foot = true;
            } else if in_foot && line == "OFFICIAL-SENSITIVE" {
                in_foot = false;
            } else if !in_foot && !line.contains("Page ") && !line.contains(':') {
                kept.push(line);
            }
        }
        kept.join("\n")
    };
    assert_eq!(without_stamp(&theirs), without_stamp(&sent));
    assert!(
        theirs.contains(
            action["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap()
        )
    );

    // Another agency's plan: refused.
    let other = all
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agency_id"] != action["agency_id"])
        .unwrap();
    let (status, _) = server.download_text(
        &token,
        json!({"kind": "action_plan", "meetingId": other["meeting_id"], "agencyId": other["agency_id"]}),
    );
    assert_eq!(status, 403);
    // A meeting that agreed it nothing: not found.
    let (status, body) = server.download_text(
        &token,
        json!({"kind": "action_plan", "meetingId": uuid::Uuid::new_v4(), "agencyId": agency}),
    );
    assert_eq!(status, 404, "{body}");
    // The download is in the coordinator's audit log, by the representative.
    let log = server
        .call(&staff, "audit_log", json!({"limit": 30}))
        .body
        .to_string();
    assert!(
        log.contains("downloaded") && log.contains("Rita Rep (rep)"),
        "{log}"
    );
}
