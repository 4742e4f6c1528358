//! A transfer in the desktop window: a demo case is sent as an encrypted
//! file to the export folder, imported back (as the receiving area would)
//! as a new case "transferred from" the panel, and the receipt written
//! beside it closes the loop on the first case.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use fantoccini::Locator;
use roundtable_e2e::scenario;

const PASSPHRASE: &str = "lantern orbit copper meadow";

fn with_extension(dir: &std::path::Path, extension: &str) -> std::path::PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == extension))
        .unwrap_or_else(|| panic!("no .{extension} in {}", dir.display()))
}

#[tokio::test]
async fn a_case_is_sent_received_and_its_receipt_recorded() {
    scenario("transfer", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        h.click_link("Cases").await;
        h.heading("Cases").await;
        h.fill("case-search", "Ajayi").await;
        h.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::XPath(
                "(//ul[@aria-label='Cases']//button[contains(., 'Fọláṣadé')])[1]",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        h.wait_text(".detail-header", "Fọláṣadé").await;
        h.find("#transfer-title + details summary")
            .await
            .click()
            .await
            .unwrap();
        h.fill("transfer-to", "Lowbridge Youth MARAC").await;
        h.fill("transfer-passphrase", PASSPHRASE).await;
        h.fill("transfer-confirm", PASSPHRASE).await;
        h.axe("transfer-send").await;
        h.click_button("Make the transfer file").await;
        h.wait_text("[data-testid=transfer-written]", ".rttransfer")
            .await;
        let out = h.export_dir();
        let bundle = with_extension(&out, "rttransfer");

        // The receiving side: Cases, Import referrals, then the transfer.
        h.click_button("Import referrals").await;
        h.find("#receive-title").await;
        h.upload("receive-file", &bundle).await;
        h.fill("receive-passphrase", PASSPHRASE).await;
        h.click_button("Import the transfer").await;
        let done = h
            .wait_text("[data-testid=transfer-received]", "Imported as case")
            .await;
        assert!(done.contains("Fọláṣadé"), "{done}");
        h.axe("transfer-received").await;
        h.screenshot("transfer-received").await;
        let receipt = with_extension(&out, "rtreceipt");
        h.click_button("Open the case").await;
        let history = h
            .wait_text(
                "[data-testid=timeline]",
                "Transferred from Lowbridge Youth MARAC",
            )
            .await;
        assert!(
            history.contains("Dash") || history.contains("Referral"),
            "{history}"
        );

        // Back at the first case: the receipt closes the loop.
        h.fill("case-search", "Ajayi").await;
        h.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::XPath(
                "(//ul[@aria-label='Cases']//button[contains(., 'Fọláṣadé')])[last()]",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        h.find("#transfer-title + details summary")
            .await
            .click()
            .await
            .unwrap();
        h.upload("receipt-file", &receipt).await;
        h.fill("receipt-passphrase", PASSPHRASE).await;
        h.click_button("Record the receipt").await;
        h.wait_text("[data-testid=transfer-closed]", "as their case")
            .await;
        h.screenshot("transfer-closed").await;
        h
    })
    .await;
}
