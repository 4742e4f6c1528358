//! The server as a browser meets it: HTTPS only, nothing without a session,
//! a strict cookie that dies at sign-out, cross-site changes refused,
//! guessing throttled, bad input answered with a 4xx in the usual shape,
//! and every change audited as the signed-in account.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{Read, Write};

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use serde_json::json;

#[test]
fn nothing_is_answered_without_a_session() {
    let server = TestServer::start();
    for (method, path) in [
        ("GET", "/api/session"),
        ("GET", "/api/accounts"),
        ("POST", "/api/accounts"),
        ("POST", "/api/password"),
        ("POST", "/api/call/list_panels"),
        ("POST", "/api/call/get_case"),
        ("POST", "/api/call/no_such_command"),
    ] {
        let answer = server.send(method, path, None, Some(b"{}"));
        assert_eq!(answer.status, 401, "{method} {path}: {answer:?}");
        assert_eq!(answer.code(), "not_signed_in", "{method} {path}");
        // A made-up token is no better than none.
        let forged = server.send(method, path, Some(&"ab".repeat(32)), Some(b"{}"));
        assert_eq!(forged.status, 401, "{method} {path} with a forged token");
    }
}

#[test]
fn a_session_is_a_strict_cookie_that_ends_at_sign_out() {
    let server = TestServer::start();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let answer = server.post(
        "/api/session",
        None,
        json!({"username": "Priya", "password": password}),
    );
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["account"]["display_name"], "Priya Shah");
    let cookie = answer.set_cookie.clone().unwrap();
    for flag in [
        "__Host-roundtable=",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/",
    ] {
        assert!(cookie.contains(flag), "{cookie} lacks {flag}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let token = answer.token();
    assert_eq!(
        server
            .send("GET", "/api/session", Some(&token), None)
            .status,
        200
    );
    assert_eq!(server.call(&token, "list_panels", json!({})).status, 200);

    let out = server.send("DELETE", "/api/session", Some(&token), None);
    assert_eq!(out.status, 204);
    assert!(out.set_cookie.unwrap().contains("Max-Age=0"));
    // The old cookie, replayed after signing out, opens nothing.
    let replay = server.call(&token, "list_panels", json!({}));
    assert_eq!((replay.status, replay.code()), (401, "not_signed_in"));
    // A new sign-in gets a new token: a session cannot be fixed in advance.
    assert_ne!(server.sign_in("priya", &password), token);
}

#[test]
fn a_new_account_must_choose_its_own_password_first() {
    let server = TestServer::start();
    let admin = server.account("casey", "Casey Coordinator", AccountRole::Coordinator);
    let token = server.sign_in("casey", &admin);
    let made = server.post(
        "/api/accounts",
        Some(&token),
        json!({"username": "sam", "display_name": "Sam Okafor", "role": "chair", "agency_id": null}),
    );
    assert_eq!(made.status, 200, "{made:?}");
    let once = made.body["oneTimePassword"].as_str().unwrap().to_owned();
    let sam = server.sign_in("sam", &once);
    let refused = server.call(&sam, "list_panels", json!({}));
    assert_eq!((refused.status, refused.code()), (403, "forbidden"));
    let weak = server.post(
        "/api/password",
        Some(&sam),
        json!({"current": once, "password": "password123"}),
    );
    assert_eq!((weak.status, weak.code()), (400, "validation"), "{weak:?}");
    let chosen = server.post(
        "/api/password",
        Some(&sam),
        json!({"current": once, "password": "a kettle of fish by the river"}),
    );
    assert_eq!(chosen.status, 200, "{chosen:?}");
    assert_eq!(server.call(&sam, "list_panels", json!({})).status, 200);
    // The one-time password no longer signs in.
    let again = server.post(
        "/api/session",
        None,
        json!({"username": "sam", "password": once}),
    );
    assert_eq!((again.status, again.code()), (401, "sign_in_failed"));
}

#[test]
fn a_forgotten_password_is_reset_by_a_coordinator_with_a_new_one_time_one() {
    let server = TestServer::start();
    let casey = server.account("casey", "Casey Coordinator", AccountRole::Coordinator);
    let coordinator = server.sign_in("casey", &casey);
    let sam_password = server.account("sam", "Sam Okafor", AccountRole::Chair);
    let sam = server.sign_in("sam", &sam_password);
    let sam_id = server
        .post(
            "/api/session",
            None,
            json!({"username": "sam", "password": sam_password}),
        )
        .body["account"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Only someone who manages accounts, and never for their own.
    let refused = server.post(
        &format!("/api/accounts/{sam_id}/password-reset"),
        Some(&sam),
        json!({}),
    );
    assert_eq!(refused.status, 403, "{refused:?}");
    let reset = server.post(
        &format!("/api/accounts/{sam_id}/password-reset"),
        Some(&coordinator),
        json!({}),
    );
    assert_eq!(reset.status, 200, "{reset:?}");
    assert_eq!(reset.body["account"]["must_change_password"], json!(true));
    let once = reset.body["oneTimePassword"].as_str().unwrap().to_owned();
    // Sam's sessions ended; the old password no longer signs in; the new
    // one-time password lets Sam only choose a password.
    assert_eq!(server.call(&sam, "list_panels", json!({})).status, 401);
    let old = server.post(
        "/api/session",
        None,
        json!({"username": "sam", "password": sam_password}),
    );
    assert_eq!(old.status, 401);
    let fresh = server.sign_in("sam", &once);
    assert_eq!(server.call(&fresh, "list_panels", json!({})).status, 403);
}

#[test]
fn roles_decide_who_manages_accounts_and_who_opens_the_panels_records() {
    let server = TestServer::start();
    let coordinator = server.account("casey", "Casey Coordinator", AccountRole::Coordinator);
    let chair = server.account("chris", "Chris Chair", AccountRole::Chair);
    let agency = server.account("pat", "Pat Police", AccountRole::Agency);
    let casey = server.sign_in("casey", &coordinator);
    let admin = server.post(
        "/api/accounts",
        Some(&casey),
        json!({"username": "boss", "display_name": "B", "role": "administrator", "agency_id": null}),
    );
    assert_eq!((admin.status, admin.code()), (403, "forbidden"));
    let chris = server.sign_in("chris", &chair);
    assert_eq!(
        server
            .send("GET", "/api/accounts", Some(&chris), None)
            .status,
        403
    );
    assert_eq!(
        server
            .call(
                &chris,
                "list_cases",
                json!({"filter": {"panel_id": null, "status": null, "query": ""}})
            )
            .status,
        200
    );
    let pat = server.sign_in("pat", &agency);
    let records = server.call(
        &pat,
        "list_cases",
        json!({"filter": {"panel_id": null, "status": null, "query": ""}}),
    );
    assert_eq!((records.status, records.code()), (403, "forbidden"));
    // Need to know, swept: an agency's representative gets nothing of the
    // panel's records from any command, nor any meeting's events, until
    // its own screens (issue 18) say what it may see.
    for name in roundtable_server::commands::NAMES {
        let answer = server.call(&pat, name, json!({}));
        assert_eq!((answer.status, answer.code()), (403, "forbidden"), "{name}");
    }
    let events = server.send(
        "GET",
        &format!("/api/events?meeting={}", uuid::Uuid::new_v4()),
        Some(&pat),
        None,
    );
    assert_eq!(events.status, 403, "{events:?}");
    // Nor any file: downloads of minutes, plans or reports, and uploads.
    for wanted in [
        json!({"kind": "minutes", "meetingId": uuid::Uuid::new_v4()}),
        json!({"kind": "action_plan", "meetingId": uuid::Uuid::new_v4(), "agencyId": uuid::Uuid::new_v4()}),
        json!({"kind": "report", "request": {"kind": "late_actions", "panel_id": null}}),
    ] {
        let answer = server.post("/api/download", Some(&pat), wanted.clone());
        assert_eq!(
            (answer.status, answer.code()),
            (403, "forbidden"),
            "{wanted}"
        );
    }
    for upload in ["import_preview", "agency_import_preview"] {
        let answer = server.send(
            "POST",
            &format!("/api/upload/{upload}"),
            Some(&pat),
            Some(b"name\nx\n"),
        );
        assert_eq!(
            (answer.status, answer.code()),
            (403, "forbidden"),
            "{upload}"
        );
    }

    // Disabling an account ends its sessions at once.
    let accounts = server.send("GET", "/api/accounts", Some(&casey), None);
    let chris_id = accounts
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "chris")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let off = server.post(
        &format!("/api/accounts/{chris_id}/disabled"),
        Some(&casey),
        json!({"disabled": true}),
    );
    assert_eq!(off.status, 200, "{off:?}");
    assert_eq!(server.call(&chris, "list_panels", json!({})).status, 401);
    let back = server.post(
        "/api/session",
        None,
        json!({"username": "chris", "password": chair}),
    );
    assert_eq!(back.status, 401, "a disabled account cannot sign in");
}

#[test]
fn changes_from_another_site_are_refused() {
    let server = TestServer::start();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let token = server.sign_in("priya", &password);
    let body = json!({"input": {"name": "Forged", "kind": "marac"}}).to_string();
    let bare = server.raw(
        "POST",
        "/api/call/create_panel",
        Some(&token),
        Some(body.as_bytes()),
        &[],
    );
    assert_eq!(
        (bare.status, bare.code()),
        (403, "forbidden"),
        "no header: {bare:?}"
    );
    let elsewhere = server.raw(
        "POST",
        "/api/call/create_panel",
        Some(&token),
        Some(body.as_bytes()),
        &[("x-roundtable", "1"), ("origin", "https://evil.example")],
    );
    assert_eq!((elsewhere.status, elsewhere.code()), (403, "forbidden"));
    let panels = server.call(&token, "list_panels", json!({}));
    assert_eq!(panels.body, json!([]), "nothing was created");
}

#[test]
fn guessing_a_password_is_throttled() {
    let server = TestServer::start();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    for _ in 0..5 {
        let wrong = server.post(
            "/api/session",
            None,
            json!({"username": "priya", "password": "guess"}),
        );
        assert_eq!((wrong.status, wrong.code()), (401, "sign_in_failed"));
    }
    let right = server.post(
        "/api/session",
        None,
        json!({"username": "priya", "password": password}),
    );
    assert_eq!(
        (right.status, right.code()),
        (429, "too_many_attempts"),
        "{right:?}"
    );
    assert!(
        right.body["message"]
            .as_str()
            .unwrap()
            .contains("15 minutes")
    );
    // Unknown names are throttled the same way, and say nothing more.
    let unknown = server.post(
        "/api/session",
        None,
        json!({"username": "nobody", "password": "x"}),
    );
    assert_eq!((unknown.status, unknown.code()), (401, "sign_in_failed"));
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

#[test]
fn plain_http_gets_no_answer() {
    let server = TestServer::start();
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"GET /api/session HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    assert!(
        !reply.starts_with(b"HTTP/"),
        "{:?}",
        String::from_utf8_lossy(&reply)
    );
}

#[test]
fn changes_are_audited_as_the_signed_in_account_from_its_address() {
    let server = TestServer::start();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let token = server.sign_in("priya", &password);
    let defaults = server.call(&token, "new_panel_defaults", json!({"kind": "marac"}));
    assert_eq!(defaults.status, 200, "{defaults:?}");
    let mut input = defaults.body.clone();
    input["name"] = json!("Lowbridge MARAC");
    let made = server.call(&token, "create_panel", json!({"input": input}));
    assert_eq!(made.status, 200, "{made:?}");
    let mut client = server.database.client();
    let actors: Vec<String> = client
        .query(
            "SELECT DISTINCT actor FROM audit_log WHERE entity = 'panel'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    // Who, and from where; the records themselves name only who.
    assert_eq!(actors, vec!["Priya Shah (priya) from 127.0.0.1".to_owned()]);
    let panels = server.call(&token, "list_panels", json!({}));
    assert_eq!(panels.status, 200, "{panels:?}");
    assert!(!panels.body.to_string().contains("127.0.0.1"), "{panels:?}");
    let sign_in: String = client
        .query_one("SELECT detail FROM audit_log WHERE action = 'sign in'", &[])
        .unwrap()
        .get(0);
    assert_eq!(sign_in, "from 127.0.0.1");
}

#[test]
fn ended_sessions_are_forgotten_and_do_not_resume() {
    let server = TestServer::start();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let old = server.sign_in("priya", &password);
    // The session was last used 31 minutes ago (idle limit 30).
    let mut client = server.database.client();
    client
        .execute(
            "UPDATE account_session SET last_seen_at = now() - interval '31 minutes'",
            &[],
        )
        .unwrap();
    let stale = server.send("GET", "/api/session", Some(&old), None);
    assert_eq!((stale.status, stale.code()), (401, "not_signed_in"));
    // Another ended session (begun 11 hours ago) is forgotten at the next sign-in.
    let other = server.sign_in("priya", &password);
    client
        .execute(
            "UPDATE account_session SET started_at = now() - interval '11 hours'",
            &[],
        )
        .unwrap();
    let fresh = server.sign_in("priya", &password);
    let left: i64 = client
        .query_one("SELECT count(*) FROM account_session", &[])
        .unwrap()
        .get(0);
    assert_eq!(left, 1, "only the new session is kept");
    assert_eq!(
        server
            .send("GET", "/api/session", Some(&other), None)
            .status,
        401
    );
    assert_eq!(
        server
            .send("GET", "/api/session", Some(&fresh), None)
            .status,
        200
    );
}
