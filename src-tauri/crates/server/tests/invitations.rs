//! Invitations over HTTP (issue 18): a coordinator adds a representative
//! and is given an invitation, not a password; the invitee's browser reads
//! who it is for, chooses a password and is signed in; a reused, expired or
//! unknown code and a disabled account each get a clear 4xx and change
//! nothing; a representative cannot invite anyone. The other way in, a
//! one-time password, opens nothing but the choice of a password of one's
//! own, and a coordinator gives a new one for a forgotten password.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use serde_json::json;

#[test]
fn an_invitation_signs_its_owner_in_once_and_never_again() {
    let server = TestServer::start();
    server.load_demo();
    let staff = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let staff = server.sign_in("priya", &staff);
    let agencies = server.call(&staff, "list_agencies", json!({})).body;
    let agency = agencies[0]["id"].clone();
    let made = server.post(
        "/api/accounts",
        Some(&staff),
        json!({"username": "rita", "display_name": "Rita Rep", "role": "agency", "agency_id": agency}),
    );
    assert_eq!(made.status, 200, "{made:?}");
    assert!(made.body["oneTimePassword"].is_null(), "{}", made.body);
    let code = made.body["invitation"]["code"].as_str().unwrap().to_owned();
    let id = made.body["account"]["id"].as_str().unwrap().to_owned();

    let seen = server.post("/api/invitations/view", None, json!({"code": code}));
    assert_eq!(seen.status, 200, "{seen:?}");
    assert_eq!(seen.body["username"], "rita");
    // A weak password: refused beside its field; the invitation still works.
    let weak = server.post(
        "/api/invitations/accept",
        None,
        json!({"code": code, "password": "rita"}),
    );
    assert_eq!(weak.status, 400, "{weak:?}");
    assert_eq!(weak.body["fields"][0]["field"], "password");
    let accepted = server.post(
        "/api/invitations/accept",
        None,
        json!({"code": code, "password": "rita's own long passphrase"}),
    );
    assert_eq!(accepted.status, 200, "{accepted:?}");
    let token = accepted.token();
    let mine = server.call(&token, "agency_research_meetings", json!({}));
    assert_eq!(mine.status, 200, "{mine:?}");
    assert!(
        server
            .post(
                "/api/session",
                None,
                json!({"username": "rita", "password": "rita's own long passphrase"})
            )
            .status
            == 200
    );

    // Reused: refused, and the password chosen stays.
    let reused = server.post(
        "/api/invitations/accept",
        None,
        json!({"code": code, "password": "someone else's long passphrase"}),
    );
    assert_eq!(reused.status, 409, "{reused:?}");
    assert!(
        reused.body["message"]
            .as_str()
            .unwrap()
            .contains("already been used")
    );
    assert_eq!(
        server
            .post(
                "/api/session",
                None,
                json!({"username": "rita", "password": "someone else's long passphrase"})
            )
            .status,
        401
    );
    // Once the password is chosen, no new invitation: a reset is the way.
    let again = server.post(
        &format!("/api/accounts/{id}/invitation"),
        Some(&staff),
        json!({}),
    );
    assert_eq!(again.status, 409, "{again:?}");
    // A representative invites no one.
    let refused = server.post(
        &format!("/api/accounts/{id}/invitation"),
        Some(&token),
        json!({}),
    );
    assert!((400..500).contains(&refused.status), "{refused:?}");
}

#[test]
fn expired_unknown_and_disabled_invitations_are_refused() {
    let server = TestServer::start();
    server.load_demo();
    let staff = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let staff = server.sign_in("priya", &staff);
    let agency = server.call(&staff, "list_agencies", json!({})).body[0]["id"].clone();
    let made = server.post(
        "/api/accounts",
        Some(&staff),
        json!({"username": "rita", "display_name": "Rita Rep", "role": "agency", "agency_id": agency}),
    );
    let id = made.body["account"]["id"].as_str().unwrap().to_owned();
    let first = made.body["invitation"]["code"].as_str().unwrap().to_owned();
    // A new invitation withdraws the first.
    let second = server.post(
        &format!("/api/accounts/{id}/invitation"),
        Some(&staff),
        json!({}),
    );
    assert_eq!(second.status, 200, "{second:?}");
    let second = second.body["code"].as_str().unwrap().to_owned();
    let accept = |code: &str| {
        server.post(
            "/api/invitations/accept",
            None,
            json!({"code": code, "password": "rita's own long passphrase"}),
        )
    };
    for bad in [first.as_str(), "no-such-code", ""] {
        let refused = accept(bad);
        assert_eq!(refused.status, 400, "{bad}: {refused:?}");
        assert_eq!(refused.body["fields"][0]["field"], "code");
    }
    let odd = server.post("/api/invitations/accept", None, json!({"code": 7}));
    assert_eq!(odd.status, 400, "{odd:?}");
    // Expired.
    server
        .database
        .client()
        .execute(
            "UPDATE account_invitation SET expires_at = now() - interval '1 minute'",
            &[],
        )
        .unwrap();
    let expired = accept(&second);
    assert_eq!(expired.status, 409, "{expired:?}");
    assert!(
        expired.body["message"]
            .as_str()
            .unwrap()
            .contains("expired on")
    );
    // Disabled.
    server
        .database
        .client()
        .execute(
            "UPDATE account_invitation SET expires_at = now() + interval '1 day'",
            &[],
        )
        .unwrap();
    let disabled = server.post(
        &format!("/api/accounts/{id}/disabled"),
        Some(&staff),
        json!({"disabled": true}),
    );
    assert_eq!(disabled.status, 200, "{disabled:?}");
    let refused = accept(&second);
    assert_eq!(refused.status, 403, "{refused:?}");
    assert!(
        refused.body["message"]
            .as_str()
            .unwrap()
            .contains("disabled")
    );
    assert!(refused.set_cookie.is_none());
    let used: i64 = server
        .database
        .client()
        .query_one(
            "SELECT count(*) FROM account_invitation WHERE used_at IS NOT NULL",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(used, 0, "no invitation was used up");
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
