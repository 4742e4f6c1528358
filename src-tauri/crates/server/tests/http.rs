//! The server as a browser meets it: HTTPS only, nothing without a session,
//! a strict cookie that dies at sign-out, roles deciding what each account
//! opens, cross-site changes refused, guessing throttled, ended sessions
//! forgotten, and every change audited as the signed-in account. (Bad
//! requests are with every command's, in commands.rs; one-time passwords
//! with invitations, in invitations.rs.)

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
