//! Safety in the real window: the Safety screen (axe), the audit log verified,
//! the passphrase changed, Ctrl+L leaving no case data in the page, the new
//! passphrase unlocking, and the page refused a folder it did not get from a
//! dialog (the IPC guard, called directly as a hostile page would).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_e2e::{PASSPHRASE, scenario};

#[tokio::test]
async fn the_safety_screen_changes_the_passphrase_and_the_lock_leaves_nothing_behind() {
    scenario("safety", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        h.click_link("Cases").await;
        h.heading("Cases").await;
        let mut named: Vec<&str> = Vec::new();
        for _ in 0..150 {
            let cases = h.page_text().await;
            named = roundtable_core::features::demo::personal_names()
                .into_iter()
                .filter(|n| cases.contains(n))
                .collect();
            if !named.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(!named.is_empty(), "the case list shows names before locking");

        h.click_link("Safety").await;
        h.heading("Safety").await;
        h.wait_text("main", "locks itself after 10 minutes").await;
        h.find("[data-testid=audit-table]").await;
        h.click_button("Verify the audit log").await;
        let verdict = h
            .wait_text("[data-testid=audit-verification]", "intact")
            .await;
        assert!(verdict.contains("The audit log is intact"), "{verdict}");
        // The head shown to note down verifies when typed back, with the
        // anchors kept beside the data file.
        let head = h.wait_text("[data-testid=audit-head]", "ends at entry").await;
        let noted = head
            .split("ends at ")
            .nth(1)
            .and_then(|rest| rest.split(". Note").next())
            .unwrap()
            .to_string();
        h.fill("audit-anchor", &noted).await;
        h.click_button("Verify the audit log").await;
        let verdict = h
            .wait_text("[data-testid=audit-verification]", "anchors kept outside")
            .await;
        assert!(verdict.contains("intact"), "{verdict}");
        h.axe("safety").await;
        h.screenshot("safety").await;

        // The page cannot write to a folder the user did not choose.
        let refused = h
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   window.__TAURI_INTERNALS__.invoke("back_up", { input: { folder: "/tmp", passphrase: "backup only passphrase", confirm_passphrase: "backup only passphrase" } })
                     .then(() => done("written"), (e) => done(JSON.stringify(e)));"#,
                vec![],
            )
            .await
            .unwrap();
        let refused = refused.as_str().unwrap_or_default().to_string();
        assert!(refused.contains("can only use a folder or file you chose"), "{refused}");

        // Change the passphrase: a wrong current one is refused beside the field.
        h.fill("passphrase-current_passphrase", "not the passphrase at all").await;
        h.fill("passphrase-new_passphrase", "copper meadow lantern").await;
        h.fill("passphrase-confirm_passphrase", "copper meadow lantern").await;
        h.click_button("Change passphrase").await;
        h.wait_text("#passphrase-current_passphrase-error", "not right").await;
        // Every passphrase field is emptied after an attempt.
        for id in ["current_passphrase", "new_passphrase", "confirm_passphrase"] {
            h.wait_value(&format!("passphrase-{id}"), "").await;
        }
        h.fill("passphrase-current_passphrase", PASSPHRASE).await;
        h.fill("passphrase-new_passphrase", "copper meadow lantern").await;
        h.fill("passphrase-confirm_passphrase", "copper meadow lantern").await;
        h.click_button("Change passphrase").await;
        h.wait_text("[data-testid=passphrase-done]", "Passphrase changed").await;

        // Lock: the page holds nothing of the data.
        h.press("\u{E009}l\u{E009}").await;
        h.heading("Unlock Roundtable").await;
        let html = h
            .client
            .execute("return document.documentElement.outerHTML;", vec![])
            .await
            .unwrap();
        let html = html.as_str().unwrap_or_default();
        for name in &named {
            assert!(!html.contains(name), "{name} is still in the locked page");
        }
        assert!(!html.contains("Yusuf Ali"));
        h.screenshot("locked").await;
        h.unlock(PASSPHRASE).await;
        h.wait_text("#unlock-passphrase-error", "not right").await;
        h.unlock("copper meadow lantern").await;
        h.heading("Panels").await;
        h
    })
    .await;
}
