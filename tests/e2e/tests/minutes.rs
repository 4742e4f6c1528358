//! After the meeting: approve the minutes of a held demo meeting, export the
//! minutes and every agency's plan to a folder and read the files back; then
//! amend, re-export (asked before replacing) and find the amendment log. And
//! in a browser, from the real `roundtable-server`: the minutes and every
//! plan downloaded and read back, and the statistics as CSV.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod server;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use roundtable_core::domain::account::AccountRole;
use roundtable_e2e::{browser_scenario, in_a_runtime, scenario};
use server::{Server, sign_in};

/// The file's words in drawing order, whitespace runs as one space (table
/// cells wrap).
fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn minutes_are_approved_exported_with_every_plan_then_amended() {
    scenario("minutes", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        h.click_link("Meetings").await;
        h.heading("Meetings").await;
        // The most recent held meeting.
        h.open_latest_held_minutes().await;
        h.wait_text("[data-testid=minutes-status]", "Draft").await;
        h.find("[data-testid=minutes-preview]").await;
        let preview = h.text("[data-testid=minutes-preview]").await;
        assert!(
            preview.contains("DRAFT") && preview.contains("Review of earlier actions"),
            "{preview}"
        );
        h.axe("minutes").await;
        h.fits_laptop_screen("minutes").await;

        h.fill("approver", "DI Marcus Bell").await;
        h.click_button("Approve the minutes").await;
        h.wait_text("[data-testid=minutes-status]", "Approved by DI Marcus Bell")
            .await;

        let out = h.export_dir();
        h.fill("export-folder", "/no/such/folder").await;
        h.click_button("Export minutes and all action plans").await;
        // A typed folder that is not there is refused beside the field.
        h.wait_text("#export-folder-error", "cannot be found").await;
        h.fill("export-folder", &out.display().to_string()).await;
        h.click_button("Export minutes and all action plans").await;
        let summary = h
            .wait_text("[data-testid=export-summary]", "files written")
            .await;
        let written = files(&out);
        assert!(written.len() >= 3, "minutes and plans: {written:?}");
        assert!(
            summary.contains(&format!("{} files written", written.len())),
            "{summary}"
        );
        assert!(
            written
                .iter()
                .all(|f| f.ends_with(".pdf") && f.starts_with("lowbridge-youth-marac_")),
            "{written:?}"
        );
        let minutes = written
            .iter()
            .find(|f| f.ends_with("_minutes.pdf"))
            .unwrap();
        let text = pdf_text(&out.join(minutes));
        assert!(text.contains("Approved by DI Marcus Bell"), "{text}");
        assert!(!text.contains("DRAFT"));
        assert!(text.contains("OFFICIAL-SENSITIVE"));
        let plan = written
            .iter()
            .find(|f| f.contains("action-plan-csc"))
            .unwrap();
        let text = pdf_text(&out.join(plan));
        assert!(
            text.contains("Action plan: Children's Social Care"),
            "{text}"
        );
        assert!(!text.contains("Action plan: Lowbridge Police"));
        h.axe("minutes-exported").await;

        // Amend, then export again: asked before replacing the plans.
        h.fill("amend-why", "The police asked for a date to be corrected.")
            .await;
        h.click_button("Start an amendment").await;
        h.fill("amend-what", "Date of the stop corrected to 4 November.")
            .await;
        h.click_button("Finish the amendment").await;
        h.wait_text("[data-testid=minutes-status]", "Version 2")
            .await;
        h.click_button("Export minutes and all action plans").await;
        h.wait_text("[role=alertdialog]", "already in that folder")
            .await;
        h.click_button("Replace them").await;
        h.wait_text("[data-testid=export-summary]", "files written")
            .await;
        let again = files(&out);
        let v2 = again
            .iter()
            .find(|f| f.ends_with("_minutes-v2.pdf"))
            .expect("version 2 of the minutes");
        let text = pdf_text(&out.join(v2));
        for needle in [
            "Minutes, version 2",
            "Amendments",
            "The police asked for a date to be corrected.",
            "Date of the stop corrected",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        assert!(
            again.iter().all(|f| !f.contains(".part")),
            "no temporary files: {again:?}"
        );

        // Encrypted: each file with the password Roundtable made for it,
        // shown once beside it; the file opens with it and without it not.
        // Into the same folder (the one the app was given), emptied first.
        for name in &again {
            std::fs::remove_file(out.join(name)).unwrap();
        }
        h.find("#export-seal-on").await.click().await.unwrap();
        h.find("#export-seal-made").await;
        h.axe("minutes-encrypt").await;
        h.click_button("Export minutes and all action plans").await;
        let summary = h
            .wait_text("[data-testid=export-summary]", "Note each password now")
            .await;
        let show = "document.querySelector('[data-testid=export-summary]').scrollIntoView()";
        h.client.execute(show, vec![]).await.unwrap();
        h.screenshot("minutes-encrypted").await;
        let items = h
            .client
            .find_all(fantoccini::Locator::Css(".written-files li"))
            .await
            .unwrap();
        let mut opened = 0;
        for item in items {
            let line = item.text().await.unwrap();
            let word = line.split_whitespace().next().unwrap().to_owned();
            let password = item
                .find(fantoccini::Locator::Css("code.password"))
                .await
                .expect("a password beside each file")
                .text()
                .await
                .unwrap();
            let password = password.as_str();
            let path = out.join(&word);
            let without = Command::new("pdftotext")
                .args([path.to_str().unwrap(), "-"])
                .output()
                .unwrap();
            assert!(!without.status.success(), "{word} opens without a password");
            let with = Command::new("pdftotext")
                .args(["-upw", password, path.to_str().unwrap(), "-"])
                .output()
                .unwrap();
            assert!(with.status.success(), "{word} opens with {password}");
            assert!(String::from_utf8_lossy(&with.stdout).contains("OFFICIAL-SENSITIVE"));
            opened += 1;
        }
        assert_eq!(opened, files(&out).len(), "every file: {summary}");
        assert!(opened >= 3, "{summary}");
        h
    })
    .await;
}

#[test]
fn minutes_plans_and_reports_are_downloaded() {
    let server = Server::start();
    let password = server.ready_account("mina", "Mina Minutes", AccountRole::MinuteTaker);
    // The synchronous PostgreSQL client above must not run inside the
    // browser's async runtime: the server is made first, then driven.
    in_a_runtime(browser_scenario(
        "browser-downloads",
        &server.url,
        |h| async move {
            sign_in(&h, "mina", &password).await;
            h.click_link("Meetings").await;
            h.heading("Meetings").await;
            // The demo's most recent held meeting: its minutes.
            h.open_latest_held_minutes().await;
            h.find("[data-testid=minutes-preview]").await;
            let page = h.page_text().await;
            assert!(!page.contains("Choose folder"), "no folder in a browser");
            h.axe("browser-minutes").await;
            h.click_button("Export minutes and all action plans").await;
            h.wait_text("[data-testid=export-summary]", "downloaded")
                .await;
            let downloads = h.downloads();
            let deadline = Instant::now() + Duration::from_secs(20);
            let pdfs = loop {
                let pdfs: Vec<PathBuf> = std::fs::read_dir(&downloads)
                    .unwrap()
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                    .collect();
                if pdfs.len() >= 2 || Instant::now() > deadline {
                    break pdfs;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            };
            assert!(pdfs.len() >= 2, "minutes and at least one plan: {pdfs:?}");
            let minutes = pdfs
                .iter()
                .find(|p| p.to_string_lossy().contains("minutes"))
                .expect("the minutes were downloaded");
            let text = Command::new("pdftotext")
                .arg(minutes)
                .arg("-")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&text.stdout);
            assert!(text.contains("OFFICIAL-SENSITIVE"), "{text}");

            // A report between meetings: the statistics as CSV.
            h.click_link("Statistics").await;
            h.heading("Statistics").await;
            h.click_button("Save as CSV").await;
            h.wait_text("[data-testid=stats-export-written]", "Downloaded")
                .await;
            let deadline = Instant::now() + Duration::from_secs(20);
            let csv = loop {
                let found = std::fs::read_dir(&downloads)
                    .unwrap()
                    .flatten()
                    .map(|e| e.path())
                    .find(|p| p.extension().is_some_and(|e| e == "csv"));
                if let Some(csv) = found {
                    break csv;
                }
                assert!(Instant::now() < deadline, "no CSV downloaded");
                tokio::time::sleep(Duration::from_millis(200)).await;
            };
            let figures = std::fs::read_to_string(&csv).unwrap();
            assert!(figures.contains("Lowbridge"), "{figures}");
            h
        },
    ));
    drop(server);
}
