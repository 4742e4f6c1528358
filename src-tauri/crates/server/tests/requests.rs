//! Each request is one transaction (issue 17). Every command declared as
//! reading answers from the demo borough inside one read-only snapshot
//! (a write there would be refused, so a command wrongly declared fails
//! here) and leaves the audit log as it was; a command that writes is
//! committed with its audit entries, as its author.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use roundtable_core::store::pg::RequestKind;
use roundtable_server::commands::{NAMES, request_kind};
use serde_json::{Value, json};

/// Arguments naming the demo's own panel, meeting and case, per command.
fn arguments(name: &str, panel: &str, meeting: &str, case: &str) -> Option<Value> {
    let filter = json!({"panel_id": null, "agency_id": null, "status": "all", "overdue": false,
        "due_within_days": null, "case_reference": ""});
    Some(match name {
        "list_panels" | "list_agencies" | "statistics_periods" | "audit_head" | "retention_due"
        | "dash_checklists" => json!({}),
        "new_panel_defaults" | "usual_agencies_for" => json!({"kind": "youth_marac"}),
        "list_cases" => json!({"filter": {"panel_id": null, "status": null, "query": ""}}),
        "get_case" => json!({"id": case}),
        "new_case_defaults" | "panel_concerns" => json!({"panelId": panel}),
        "case_timeline" => json!({"caseId": case}),
        "list_meetings" | "action_lateness" | "late_report" => json!({"panelId": null}),
        "get_meeting" => json!({"id": meeting}),
        "meeting_now" | "actions_for_review" | "meeting_actions" | "projector_view_of"
        | "minutes_preview" | "export_files" | "minutes_status" | "research_grid" => {
            json!({"meetingId": meeting})
        }
        "case_in_meeting" => json!({"meetingId": meeting, "caseId": case}),
        "list_actions" => json!({"filter": filter}),
        "audit_log" | "agency_views" => json!({"limit": 20}),
        "panel_statistics" | "safelives_return" => {
            json!({"request": {"panel_id": panel, "from": "01/01/2026", "to": "31/03/2026"}})
        }
        _ => return None,
    })
}

fn audit_entries(server: &TestServer, token: &str) -> u64 {
    server.call(token, "audit_head", json!({})).body["seq"]
        .as_u64()
        .unwrap()
}

#[test]
fn every_reading_command_answers_in_one_read_only_snapshot_and_writes_nothing() {
    let server = TestServer::start();
    server.load_demo();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let token = server.sign_in("priya", &password);
    let (meeting, _, case, _) = server.demo_meeting(&token);
    let panel = server.call(&token, "list_panels", json!({})).body[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = audit_entries(&server, &token);
    let reading: Vec<&str> = NAMES
        .iter()
        .copied()
        .filter(|n| request_kind(n) == RequestKind::Reading)
        .collect();
    assert!(reading.len() >= 25, "{reading:?}");
    let mut failures = Vec::new();
    for name in &reading {
        let Some(args) = arguments(name, &panel, &meeting, &case) else {
            failures.push(format!("{name}: give it the demo's arguments in this test"));
            continue;
        };
        let answer = server.call(&token, name, args);
        if answer.status != 200 {
            failures.push(format!("{name}: {} {}", answer.status, answer.body));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        audit_entries(&server, &token),
        before,
        "reading wrote to the audit log"
    );

    // A write is committed with its audit entries, as its author.
    let answer = server.call(
        &token,
        "set_panel_concerns",
        json!({"panelId": panel, "labels": ["Knife crime"]}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let log = server.call(&token, "audit_log", json!({"limit": 5})).body;
    let newest = &log["entries"][0];
    assert!(
        newest["actor"]
            .as_str()
            .unwrap()
            .starts_with("Priya Shah (priya) from "),
        "{newest}"
    );
    assert!(audit_entries(&server, &token) > before);
}
