//! Encrypted downloads over HTTP (issue 20): the coordinator downloads every
//! agency's plan from every demo meeting encrypted; each comes with the
//! password the server made (shown once, in a header), opens only with it,
//! names its agency and holds none of another agency's actions. A weak
//! password or an encrypted CSV is a typed 400 and nothing is sent.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use serde_json::{Value, json};

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn opens_without_password(bytes: &[u8]) -> bool {
    let mut child = std::process::Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils, installed by the test command)");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), bytes).unwrap();
    child.wait_with_output().unwrap().status.success()
}

#[test]
fn every_plan_downloads_encrypted_for_its_agency_alone() {
    let server = TestServer::start();
    server.load_demo();
    let staff = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let staff = server.sign_in("priya", &staff);
    let every = json!({"filter": {"panel_id": null, "agency_id": null, "status": "all",
        "overdue": false, "due_within_days": null, "case_reference": ""}});
    let actions = server.call(&staff, "list_actions", every).body["actions"].clone();
    let actions = actions.as_array().unwrap();
    let meetings = server.call(&staff, "list_meetings", json!({"panelId": null}));
    let mut plans = 0;
    for meeting in meetings.body.as_array().unwrap() {
        let files = server.call(&staff, "export_files", json!({"meetingId": meeting["id"]}));
        for file in files.body.as_array().unwrap() {
            if file["agency_id"].is_null() {
                continue;
            }
            let wanted = json!({"kind": "action_plan", "meetingId": meeting["id"],
                "agencyId": file["agency_id"], "encryption": {}});
            let (status, password, text, bytes) = server.download_sealed(&staff, wanted);
            assert_eq!(status, 200, "{text}");
            let password = password.expect("the server made a password");
            assert_eq!(password.len(), 24, "{password}");
            assert!(!opens_without_password(&bytes), "no password, no text");
            let text = flat(&text);
            let name = file["label"].as_str().unwrap();
            assert!(
                text.contains(&format!("Prepared for {}", flat(name))),
                "{text}"
            );
            let mine = |a: &&Value| a["agency_id"] == file["agency_id"];
            let own: Vec<&Value> = actions.iter().filter(mine).collect();
            for a in actions
                .iter()
                .filter(|a| a["agency_id"] != file["agency_id"])
            {
                let words = flat(a["text"].as_str().unwrap());
                if a["meeting_id"] != meeting["id"]
                    || own
                        .iter()
                        .any(|o| flat(o["text"].as_str().unwrap()) == words)
                {
                    continue;
                }
                assert!(
                    !text.contains(&words),
                    "{name}'s plan holds {}",
                    a["agency_code"]
                );
            }
            plans += 1;
        }
    }
    assert!(plans >= 5, "{plans} plans swept");
    let log = server
        .call(&staff, "audit_log", json!({"limit": 100}))
        .body
        .to_string();
    assert!(log.contains("encrypted (AES-256) for"), "{log}");
}

#[test]
fn a_weak_password_or_an_encrypted_csv_is_refused_with_its_field() {
    let server = TestServer::start();
    server.load_demo();
    let staff = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let staff = server.sign_in("priya", &staff);
    let meetings = server.call(&staff, "list_meetings", json!({"panelId": null}));
    let meeting = meetings.body.as_array().unwrap()[0].clone();
    let weak = json!({"kind": "minutes", "meetingId": meeting["id"],
        "encryption": {"password": "password1234", "confirm": "password1234", "recipient": ""}});
    let answer = server.post("/api/download", Some(&staff), weak);
    assert_eq!(
        (answer.status, answer.code()),
        (400, "validation"),
        "{}",
        answer.body
    );
    assert_eq!(
        answer.body["fields"][0]["field"], "password",
        "{}",
        answer.body
    );

    let typed = "copper lantern orbit meadow";
    let own = json!({"kind": "minutes", "meetingId": meeting["id"],
        "encryption": {"password": typed, "confirm": typed, "recipient": ""}});
    let (status, password, _, bytes) = server.download_sealed(&staff, own);
    assert_eq!(
        (status, password),
        (200, None),
        "a typed password is not sent back"
    );
    assert!(!opens_without_password(&bytes));

    let csv = json!({"kind": "report", "request": {"kind": "statistics_csv",
        "request": {"panel_id": meeting["panel_id"], "from": "", "to": ""}}, "encryption": {"recipient": "Steering group"}});
    let answer = server.post("/api/download", Some(&staff), csv);
    assert_eq!(
        (answer.status, answer.code()),
        (400, "validation"),
        "{}",
        answer.body
    );
    assert_eq!(answer.body["fields"][0]["field"], "encryption");
}
