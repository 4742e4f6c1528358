//! The borough's Roundtable in a browser: the real `roundtable-server`
//! binary on a scratch database of the test command's throwaway PostgreSQL
//! cluster, serving the UI's web build over HTTPS, driven in Debian's
//! chromium. Signing in (with a one-time password first, or an
//! authenticator), managing accounts, a referral list imported, a chair
//! and a minute-taker at two browsers in one meeting, each seeing the
//! other's changes without reloading, a save that raced another's refused
//! with both texts kept, and the meeting going on after the server is
//! killed. axe-core on every screen. (Downloading minutes in a browser is
//! with the minutes' other tests, in minutes.rs.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod server;

use std::time::{Duration, Instant};

use roundtable_core::domain::account::AccountRole;
use roundtable_e2e::{ENTER, Harness, browser_scenario, in_a_runtime, wait_gone};
use server::{Server, into_the_cockpit, shortcut, sign_in};

#[test]
fn a_coordinator_signs_in_with_a_one_time_password_and_adds_an_account() {
    let server = Server::start();
    let (_, once) = server.account("cora", "Cora Ordinator", AccountRole::Coordinator);
    // The synchronous PostgreSQL client above must not run inside the
    // browser's async runtime: the server is made first, then driven.
    in_a_runtime(browser_scenario(
        "browser-sign-in",
        &server.url,
        |h| async move {
            h.heading("Sign in to Roundtable").await;
            h.axe("browser-sign-in").await;

            // A wrong password: refused, said plainly, nothing else shown.
            sign_in(&h, "cora", "not the password").await;
            h.wait_text("main", "username or password").await;

            // The one-time password opens only the choice of a new one.
            h.fill("sign-in-password", &once).await;
            h.click_button("Sign in").await;
            h.heading("Choose your password").await;
            h.axe("browser-new-password").await;
            h.fill("new-password-current", &once).await;
            h.fill("new-password-password", "short").await;
            h.fill("new-password-confirm", "short").await;
            h.click_button("Save my password").await;
            h.find("#new-password-password-error").await;
            let chosen = "cora keeps a long passphrase of her own";
            h.fill("new-password-password", chosen).await;
            h.fill("new-password-confirm", chosen).await;
            h.click_button("Save my password").await;
            h.wait_text(
                "[data-testid=signed-in-user]",
                "Cora Ordinator · Coordinator",
            )
            .await;
            h.heading("Panels").await;
            h.axe("browser-panels").await;

            // Help > About says where the data is: on the server.
            h.click_button("Help").await;
            h.click_button("About Roundtable").await;
            let about = h
                .wait_text("[data-testid=about]", "Roundtable server")
                .await;
            assert!(about.contains("SIL Open Font License"), "{about}");
            assert!(!about.contains("passphrase"), "{about}");
            h.press("\u{E00C}").await;

            // Safety keeps the audit log and retention, not the desktop's
            // vault (backups and passphrase are the administrator's).
            h.click_link("Safety").await;
            h.heading("Safety").await;
            h.wait_text(
                "[data-testid=audit-table]",
                "Cora Ordinator (cora) from 127.0.0.1",
            )
            .await;
            let page = h.page_text().await;
            assert!(
                !page.contains("Change your passphrase") && !page.contains("Restore a backup"),
                "{page}"
            );
            h.click_button("Verify the audit log").await;
            h.wait_text(
                "[data-testid=audit-verification]",
                "The audit log is intact",
            )
            .await;
            h.axe("browser-safety").await;
            h.click_link("Accounts").await;
            h.heading("Accounts").await;
            h.fill("account-display_name", "Chris Chair").await;
            h.fill("account-username", "chris").await;
            h.select("account-role", "chair").await;
            h.click_button("Add the account").await;
            let shown = h
                .wait_text("[data-testid=one-time-password]", "chris")
                .await;
            assert!(shown.contains("one-time password"), "{shown}");
            // The list is read again once the password is on screen.
            h.wait_text("table[aria-labelledby=accounts-caption]", "Chris Chair")
                .await;
            let rows = h.table_rows("accounts-caption").await;
            assert!(
                rows.iter().any(|r| r.join(" ").contains("Chris Chair")),
                "{rows:?}"
            );
            h.axe("browser-accounts").await;
            // Chris forgot it: a new one-time password, shown once.
            let first = h.text("[data-testid=one-time-password] code").await;
            h.click_button("New one-time password for Chris Chair")
                .await;
            let mut second = first.clone();
            let deadline = Instant::now() + Duration::from_secs(15);
            while second == first {
                assert!(Instant::now() < deadline, "no new one-time password");
                tokio::time::sleep(Duration::from_millis(100)).await;
                second = h.text("[data-testid=one-time-password] code").await;
            }

            // Signing out ends the session: the sign-in page, and a reload
            // does not bring the work back.
            h.click_button("Sign out").await;
            h.heading("Sign in to Roundtable").await;
            // Signing out is not reported as a session that ended by itself.
            tokio::time::sleep(Duration::from_millis(500)).await;
            let page = h.page_text().await;
            assert!(!page.contains("Your session ended"), "{page}");
            h.client.refresh().await.unwrap();
            h.heading("Sign in to Roundtable").await;
            h
        },
    ));
    drop(server);
}

#[test]
fn a_chair_and_a_minute_taker_see_each_others_changes_live() {
    let server = Server::start();
    let chair_password = server.ready_account("chris", "Chris Chair", AccountRole::Chair);
    let mina_password = server.ready_account("mina", "Mina Minutes", AccountRole::MinuteTaker);
    let url = server.url.clone();
    // The synchronous PostgreSQL client above must not run inside the
    // browser's async runtime: the server is made first, then driven.
    in_a_runtime(browser_scenario(
        "browser-live-chair",
        &url.clone(),
        |chair| async move {
            let mina = Harness::browser("browser-live-minutes", &url).await;
            into_the_cockpit(&chair, "chris", &chair_password).await;
            into_the_cockpit(&mina, "mina", &mina_password).await;

            // The chair moves on; the minute-taker's screen follows unasked.
            chair.press("n").await;
            mina.heading("Introductions, attendance and confidentiality")
                .await;
            shortcut(&chair, "n").await;
            mina.heading("Review of open actions").await;
            shortcut(&chair, "n").await;
            let reference = chair.text("#case-title .reference").await;
            mina.wait_text("#case-title", &reference).await;
            mina.axe("browser-cockpit-case").await;

            // The shared screen is a page of its own, opened by the chair's
            // browser (its session): the case's reference, never its name.
            let title = chair.text("#case-title").await;
            let name = title.trim_start_matches(&reference).trim().to_owned();
            shortcut(&chair, "p").await;
            let main_window = chair.client.window().await.unwrap();
            let deadline = Instant::now() + Duration::from_secs(15);
            let projector = loop {
                let windows = chair.client.windows().await.unwrap();
                if let Some(w) = windows.into_iter().find(|w| *w != main_window) {
                    break w;
                }
                assert!(Instant::now() < deadline, "the shared screen did not open");
                tokio::time::sleep(Duration::from_millis(100)).await;
            };
            chair.client.switch_to_window(projector).await.unwrap();
            let shown = chair.wait_text("[data-testid=projector]", &reference).await;
            assert!(
                !name.is_empty() && !shown.contains(&name),
                "{name:?} on the shared screen: {shown}"
            );
            chair.axe("browser-projector").await;
            chair.client.close_window().await.unwrap();
            chair.client.switch_to_window(main_window).await.unwrap();

            // The minute-taker records what the police share; the chair sees
            // the police heard, and their words, without reloading.
            shortcut(&mina, "s").await;
            mina.press("pol").await;
            mina.press(ENTER).await;
            mina.find("[data-testid=share-editor]").await;
            mina.press("Seen at Dockside with two older males.").await;
            mina.wait_saved().await;
            shortcut(&chair, "s").await;
            chair.press("pol").await;
            chair.press(ENTER).await;
            chair
                .wait_value("share-facts", "Seen at Dockside with two older males.")
                .await;

            // The minute-taker's connection drops while she types; meanwhile
            // the chair saves the police's facts. Her next save is refused:
            // she sees his text, and hers is still in the field.
            mina.client
                .execute(
                    "window.__fetch = window.fetch; \
                 window.fetch = () => Promise.reject(new TypeError('offline')); return true;",
                    vec![],
                )
                .await
                .unwrap();
            mina.press(" Both were known to police.").await;
            mina.wait_text("main", "could not be reached").await;
            chair
                .fill("share-facts", "Chair's words: stopped on 3 November.")
                .await;
            chair.wait_saved().await;
            mina.client
                .execute("window.fetch = window.__fetch; return true;", vec![])
                .await
                .unwrap();
            mina.press("!").await;
            let theirs = mina
                .wait_text("[data-testid=share-conflict]", "Chris Chair")
                .await;
            assert!(
                theirs.contains("Chair's words: stopped on 3 November."),
                "{theirs}"
            );
            mina.wait_value(
                "share-facts",
                "Seen at Dockside with two older males. Both were known to police.!",
            )
            .await;
            mina.axe("browser-share-conflict").await;
            mina.click_button("Save mine instead").await;
            mina.wait_saved().await;
            chair
                .wait_value(
                    "share-facts",
                    "Seen at Dockside with two older males. Both were known to police.!",
                )
                .await;
            mina.finish().await;
            chair
        },
    ));
    drop(server);
}

#[test]
fn a_referral_list_is_uploaded_previewed_and_imported() {
    let server = Server::start();
    let password = server.ready_account("cora", "Cora Ordinator", AccountRole::Coordinator);
    in_a_runtime(browser_scenario(
        "browser-import",
        &server.url,
        |h| async move {
            sign_in(&h, "cora", &password).await;
            h.click_link("Cases").await;
            h.heading("Cases").await;
            h.click_button("Import referrals").await;
            h.heading("Import referrals").await;
            h.upload("import-file", &Harness::fixture("import/split-names.xlsx"))
                .await;
            let summary = h
                .wait_text("[data-testid=import-summary]", "read from")
                .await;
            assert!(summary.contains("6 referrals read"), "{summary}");
            h.choose_for_split_names().await;
            h.axe("browser-import").await;
            h.click_button("Import 6 referrals").await;
            let list = h.wait_text(".split__list", "Tolúwalàṣẹ́ Adeyemi").await;
            assert!(list.contains("Harpreet Kaur Singh"), "{list}");
            h
        },
    ));
    drop(server);
}

#[test]
fn a_role_that_must_use_an_authenticator_sets_it_up_before_anything_else() {
    let server = Server::start_with(&["--require-totp", "administrator"]);
    let password = server.ready_account("ada", "Ada Admin", AccountRole::Administrator);
    in_a_runtime(browser_scenario(
        "browser-totp",
        &server.url,
        |h| async move {
            sign_in(&h, "ada", &password).await;
            h.heading("Set up your authenticator app").await;
            h.axe("browser-totp").await;
            let secret: String = h
                .text("[data-testid=totp-secret]")
                .await
                .split_whitespace()
                .collect();
            // What an authenticator app shows for this key at `at`.
            let totp = |at: u64| {
                let bytes = totp_rs::Secret::try_from_base32(&secret)
                    .unwrap()
                    .as_bytes()
                    .to_vec();
                let totp = totp_rs::Builder::new()
                    .with_secret(bytes)
                    .with_skew(1)
                    .build()
                    .unwrap();
                totp.generate(at).to_string()
            };
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs();
            h.fill("totp-code", "000000").await;
            h.click_button("Turn it on").await;
            h.find("#totp-code-error").await;
            h.fill("totp-code", &totp(now)).await;
            h.click_button("Turn it on").await;
            h.heading("Panels").await;

            // Signing in again needs a code (the next one: each is used once).
            h.click_button("Sign out").await;
            sign_in(&h, "ada", &password).await;
            // Refused, asking for the code (the form is cleared for it).
            h.find("#sign-in-code-error").await;
            h.fill("sign-in-password", &password).await;
            h.fill("sign-in-code", &totp(now + 30)).await;
            h.click_button("Sign in").await;
            h.heading("Panels").await;
            h
        },
    ));
    drop(server);
}

#[test]
fn a_meeting_goes_on_after_the_server_is_killed_and_restarted() {
    let server = std::sync::Arc::new(std::sync::Mutex::new(Server::start()));
    let (url, chair_password, mina_password) = {
        let s = server.lock().unwrap();
        (
            s.url.clone(),
            s.ready_account("chris", "Chris Chair", AccountRole::Chair),
            s.ready_account("mina", "Mina Minutes", AccountRole::MinuteTaker),
        )
    };
    let restarter = server.clone();
    in_a_runtime(browser_scenario(
        "browser-restart-chair",
        &url.clone(),
        |chair| async move {
            let mina = Harness::browser("browser-restart-minutes", &url).await;
            into_the_cockpit(&chair, "chris", &chair_password).await;
            into_the_cockpit(&mina, "mina", &mina_password).await;
            chair.press("n").await;
            mina.heading("Introductions, attendance and confidentiality")
                .await;

            // SIGKILL mid-meeting: both browsers say they are reconnecting.
            restarter.lock().unwrap().kill();
            mina.find("[data-testid=reconnecting]").await;
            chair.find("[data-testid=reconnecting]").await;
            mina.axe("browser-reconnecting").await;

            // Back: the notices go by themselves, the sessions (kept in the
            // database) still hold, and the meeting goes on live.
            restarter.lock().unwrap().start_again();
            wait_gone(&mina, "[data-testid=reconnecting]").await;
            wait_gone(&chair, "[data-testid=reconnecting]").await;
            shortcut(&chair, "n").await;
            mina.heading("Review of open actions").await;
            mina.finish().await;
            chair
        },
    ));
    drop(server);
}
