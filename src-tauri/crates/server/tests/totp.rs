//! The second factor: a role the server requires it of can do nothing until
//! it is set up; setting up needs a code from the offered secret; signing
//! in then needs a fresh code (a used one is refused); a coordinator resets
//! it for a lost phone.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use serde_json::json;
use totp_rs::{Builder, Secret};

/// The code an authenticator app shows `steps_ahead` steps from now.
fn code(secret: &str, steps_ahead: u64) -> String {
    let bytes = Secret::try_from_base32(secret).unwrap().as_bytes().to_vec();
    let totp = Builder::new()
        .with_secret(bytes)
        .with_skew(1)
        .build()
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    totp.generate(now + 30 * steps_ahead).to_string()
}

#[test]
fn an_administrator_sets_up_and_signs_in_with_an_authenticator() {
    let server = TestServer::start(); // administrators must use a code
    let password = server.account("admin", "Alex Admin", AccountRole::Administrator);
    let token = server.sign_in("admin", &password);
    let refused = server.call(&token, "list_panels", json!({}));
    assert_eq!(
        (refused.status, refused.code()),
        (403, "forbidden"),
        "{refused:?}"
    );
    assert!(
        refused.body["message"]
            .as_str()
            .unwrap()
            .contains("authenticator")
    );

    let offer = server.post("/api/totp/offer", Some(&token), json!({}));
    assert_eq!(offer.status, 200, "{offer:?}");
    let secret = offer.body["secret"].as_str().unwrap().to_owned();
    assert!(
        offer.body["url"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/Roundtable:admin?")
    );
    let wrong = server.post(
        "/api/totp",
        Some(&token),
        json!({"secret": secret, "code": "000000"}),
    );
    assert_eq!(
        (wrong.status, wrong.code()),
        (400, "validation"),
        "{wrong:?}"
    );
    let on = server.post(
        "/api/totp",
        Some(&token),
        json!({"secret": secret, "code": code(&secret, 0)}),
    );
    assert_eq!(on.status, 200, "{on:?}");
    assert_eq!(on.body["totp_enabled"], true);
    assert_eq!(server.call(&token, "list_panels", json!({})).status, 200);

    // Signing in again needs a code, and not the one just used.
    let bare = server.post(
        "/api/session",
        None,
        json!({"username": "admin", "password": password}),
    );
    assert_eq!((bare.status, bare.code()), (400, "validation"), "{bare:?}");
    assert_eq!(bare.body["fields"][0]["field"], "code");
    let replay = server.post(
        "/api/session",
        None,
        json!({"username": "admin", "password": password, "code": code(&secret, 0)}),
    );
    assert_eq!(
        (replay.status, replay.code()),
        (401, "sign_in_failed"),
        "{replay:?}"
    );
    let fresh = server.post(
        "/api/session",
        None,
        json!({"username": "admin", "password": password, "code": code(&secret, 1)}),
    );
    assert_eq!(fresh.status, 200, "{fresh:?}");

    // A lost phone: a coordinator cannot reset an administrator's; the
    // administrator's own reset turns it off.
    let casey = server.account("casey", "Casey Coordinator", AccountRole::Coordinator);
    let casey = server.sign_in("casey", &casey);
    let id = fresh.body["account"]["id"].as_str().unwrap().to_owned();
    let not_yours = server.post(
        &format!("/api/accounts/{id}/totp-reset"),
        Some(&casey),
        json!({}),
    );
    assert_eq!(not_yours.status, 403, "{not_yours:?}");
    let admin = fresh.token();
    let reset = server.post(
        &format!("/api/accounts/{id}/totp-reset"),
        Some(&admin),
        json!({}),
    );
    assert_eq!(
        (reset.status, reset.body["totp_enabled"].clone()),
        (200, json!(false)),
        "{reset:?}"
    );
}
