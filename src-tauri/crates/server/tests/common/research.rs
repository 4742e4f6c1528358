//! Research before a meeting, as the HTTP tests set it up and check it:
//! the borough's next meeting published for research, and the sweep that
//! asks, as every agency of the borough in turn, every command an agency
//! may send and checks that nothing it is sent belongs to another agency
//! or to a case it has no request or action on. Used by the tests in
//! agency_research.rs, which it keeps to the tests themselves.

use std::collections::BTreeSet;

use roundtable_core::domain::account::AccountRole;
use roundtable_core::domain::dash::DashVersion;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{TestServer, share_args};

/// `agency_actions`' arguments: every action the agency may see, of any
/// panel or status.
fn every_action() -> Value {
    json!({"filter": {"panel_id": null, "agency_id": null, "status": "all", "overdue": false,
        "due_within_days": null, "case_reference": ""}})
}

/// An answer to a research request: known, with these facts.
pub fn research(facts: &str) -> Value {
    json!({"state": "known", "facts": facts, "opinion": "Worried.", "withheld": "",
        "withheld_reason": ""})
}

/// The coordinator's session, a meeting, its cases, the agencies expected.
pub type Published = (String, String, Vec<String>, Vec<String>);

/// The borough's next meeting (planned two weeks ahead if it has none),
/// published for research a week ahead.
pub fn published(server: &TestServer) -> Published {
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

/// The sweep: every agency of the borough, each with its own account, asks
/// every command an agency may send; what it is sent is checked against
/// what it may know. `every` asks for every `every`-th case of the borough
/// by id as well.
pub fn sweep(server: &TestServer, (staff, meeting, cases, expected): Published, every: usize) {
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
        share_args(&meeting, &cases[0], &expected[2], &said, None),
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
