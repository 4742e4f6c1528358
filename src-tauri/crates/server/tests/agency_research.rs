//! Research before a meeting over HTTP (issue 18): a sweep over every
//! agency of the demo borough, once the next meeting's case list is
//! published and partly answered, sends no agency another agency's action
//! or words, nor the reference, name or referral story of a case it has no
//! request or action on; a representative researches two cases and the
//! coordinator's cockpit and grid show them; a passed deadline, a withdrawn
//! case and a disabled account each get a clear answer and change nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use roundtable_core::domain::dash::DashVersion;
use std::collections::BTreeSet;

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use serde_json::{Value, json};
use uuid::Uuid;

fn every_action() -> Value {
    json!({"filter": {"panel_id": null, "agency_id": null, "status": "all", "overdue": false,
        "due_within_days": null, "case_reference": ""}})
}

fn research(facts: &str) -> Value {
    json!({"state": "known", "facts": facts, "opinion": "Worried.", "withheld": "",
        "withheld_reason": ""})
}

/// The coordinator's session, a meeting, its cases, the agencies expected.
type Published = (String, String, Vec<String>, Vec<String>);

/// The borough's next meeting (planned two weeks ahead if it has none),
/// published for research a week ahead.
fn published(server: &TestServer) -> Published {
    let staff = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let staff = server.sign_in("priya", &staff);
    let mut owner = server.database.client();
    let next = owner
        .query_opt(
            "SELECT id FROM meeting WHERE status <> 'held' AND date > current_date
              ORDER BY date DESC LIMIT 1",
            &[],
        )
        .unwrap();
    let meeting: Uuid = match next {
        Some(row) => row.get(0),
        None => {
            let panel: Uuid = owner
                .query_one("SELECT id FROM panel ORDER BY name LIMIT 1", &[])
                .unwrap()
                .get(0);
            let date = chrono::Local::now().date_naive() + chrono::Days::new(14);
            let created = server.call(
                &staff,
                "create_meeting",
                json!({"input": {
                "panel_id": panel, "kind": "scheduled", "date": date.to_string(),
                "start_time": "10:00", "venue": "", "chair": "", "minute_taker": "",
                "expected_agency_ids": []}}),
            );
            assert_eq!(created.status, 200, "{}", created.body);
            created.body["id"].as_str().unwrap().parse().unwrap()
        }
    };
    let due = (chrono::Local::now().date_naive() + chrono::Days::new(7)).to_string();
    let grid = server.call(
        &staff,
        "publish_research",
        json!({"meetingId": meeting, "input": {"due_on": due}}),
    );
    assert_eq!(grid.status, 200, "{}", grid.body);
    let cases = grid.body["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["case_id"].as_str().unwrap().to_owned())
        .collect();
    let agencies = grid.body["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["agency_id"].as_str().unwrap().to_owned())
        .collect();
    (staff, meeting.to_string(), cases, agencies)
}

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

/// The sweep: every agency of the borough, each with its own account, asks
/// every command an agency may send; what it is sent is checked against
/// what it may know. `every` asks for every `every`-th case of the borough
/// by id as well.
fn sweep(server: &TestServer, (staff, meeting, cases, expected): Published, every: usize) {
    let mut owner = server.database.client();
    // Every case's reference, name and referral story.
    let everyone: Vec<(String, String, String, String)> = owner
        .query(
            "SELECT id::text, reference, subject_name, referral_reason FROM person_case",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
    // Every action: its agency, its case, its words.
    let all_actions: Vec<(String, Option<String>, String)> = owner
        .query(
            "SELECT agency_id::text, case_id::text, text FROM action",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let agencies = server.call(&staff, "list_agencies", json!({})).body;
    // Two agencies answer; the panel records a third's share in the meeting.
    let mut words = Vec::new();
    for (n, agency) in expected.iter().take(2).enumerate() {
        let password =
            server.agency_account(&format!("first{n}"), "Early Bird", agency.parse().unwrap());
        let token = server.sign_in(&format!("first{n}"), &password);
        let said = format!("Research by agency number {n}");
        let answer = server.call(
            &token,
            "agency_research_answer",
            json!({"meetingId": meeting, "caseId": cases[n], "input": research(&said)}),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
        words.push((agency.clone(), said));
    }
    let said = "Said by the third agency in the meeting".to_owned();
    let shared = server.call(
        &staff,
        "share_information",
        common::share_args(&meeting, &cases[0], &expected[2], &said, None),
    );
    assert_eq!(shared.status, 200, "{}", shared.body);
    words.push((expected[2].clone(), said));

    let mut swept = 0;
    for (n, agency) in agencies.as_array().unwrap().iter().enumerate() {
        let id = agency["id"].as_str().unwrap().to_owned();
        let username = format!("rep{n}");
        let password = server.agency_account(&username, "A Representative", id.parse().unwrap());
        let token = server.sign_in(&username, &password);
        let mut sent = String::new();
        let mut ask = |command: &str, args: Value| {
            let answer = server.call(&token, command, args);
            assert!(answer.status < 500, "{command}: {}", answer.body);
            sent.push_str(&answer.body.to_string());
            answer
        };
        ask("agency_actions", every_action());
        let listed = ask("agency_research_meetings", json!({}));
        let asked = expected.contains(&id);
        assert_eq!(
            listed.body.as_array().unwrap().len(),
            usize::from(asked),
            "{}",
            agency["name"]
        );
        let list = ask("agency_research_list", json!({"meetingId": meeting}));
        assert_eq!(list.status, if asked { 200 } else { 404 }, "{}", list.body);
        // Its action plans, as downloaded (the PDFs' text), a few per agency.
        let plans = ask("agency_action_plans", json!({}));
        let mut documents = String::new();
        for plan in plans.body.as_array().unwrap().iter().take(3) {
            let (status, text) = server.download_text(
                &token,
                json!({"kind": "action_plan", "meetingId": plan["meeting_id"], "agencyId": id}),
            );
            assert_eq!(status, 200, "{text}");
            documents.push_str(&text);
        }
        // Every case of the borough, asked for by id: nothing of any not on the list.
        for (case, _, _, _) in everyone.iter().step_by(every) {
            ask(
                "agency_research_answer",
                json!({"meetingId": meeting, "caseId": case, "input": {"state": "x"}}),
            );
        }
        sent.push_str(&documents);
        let mut allowed: BTreeSet<String> = all_actions
            .iter()
            .filter(|(by, _, _)| *by == id)
            .filter_map(|(_, case, _)| case.clone())
            .collect();
        if asked {
            allowed.extend(cases.iter().cloned());
        }
        // A person referred twice has one name on two cases.
        let allowed_names: BTreeSet<&str> = everyone
            .iter()
            .filter(|(case, _, _, _)| allowed.contains(case))
            .map(|(_, _, name, _)| name.as_str())
            .collect();
        for (case, reference, name, story) in &everyone {
            assert!(
                !sent.contains(story.as_str()),
                "{} was sent a referral's story",
                agency["name"]
            );
            if !allowed.contains(case) {
                assert!(
                    !sent.contains(reference.as_str()),
                    "{} was sent {reference}",
                    agency["name"]
                );
                assert!(
                    allowed_names.contains(name.as_str()) || !sent.contains(name.as_str()),
                    "{} was sent the name on {reference}",
                    agency["name"]
                );
            }
        }
        let own_texts: BTreeSet<&str> = all_actions
            .iter()
            .filter(|(by, _, _)| *by == id)
            .map(|(_, _, text)| text.as_str())
            .collect();
        for (_, _, text) in &all_actions {
            if !own_texts.contains(text.as_str()) {
                assert!(
                    !sent.contains(text.as_str()),
                    "{} was sent {text:?}",
                    agency["name"]
                );
            }
        }
        for (author, said) in &words {
            if *author != id {
                assert!(
                    !sent.contains(said.as_str()),
                    "{} was sent {said:?}",
                    agency["name"]
                );
            }
        }
        // No Dash answer, source or score reaches an agency, on any case.
        for version in DashVersion::ALL {
            for (_, _, question) in version.questions() {
                let words: String = question.chars().take(30).collect();
                assert!(
                    !sent.contains(&words),
                    "{} was sent a Dash question",
                    agency["name"]
                );
            }
        }
        for dash_words in [
            "Dash checklist",
            "attending officer's report",
            "visible high risk",
            // Nor anything of the referral form (the demo's perpetrator, safe contact).
            "Reece Holloway",
            "Through the youth advocate",
        ] {
            assert!(
                !sent.contains(dash_words),
                "{} was sent {dash_words:?}",
                agency["name"]
            );
        }
        swept += 1;
    }
    assert_eq!(swept, agencies.as_array().unwrap().len());
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
