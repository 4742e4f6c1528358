//! An agency's representative in a browser (issue 18, report-back): signed
//! in to the real `roundtable-server`, it sees its own agency's actions and
//! nothing of another's, at a council laptop's 1366x768 and by keyboard,
//! reports on one, and the panel's tracker then holds that report by its
//! author. axe-core on the agency's screen.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod server;

use roundtable_core::domain::action::ActionStatus;
use roundtable_e2e::browser_scenario;
use server::{Server, sign_in};

const SPACE: &str = "\u{E00D}";

#[test]
fn a_representative_reports_on_its_agencys_action_in_a_browser() {
    let server = Server::start();
    let all = server.actions();
    let open = all
        .iter()
        .find(|a| a.status == ActionStatus::Open)
        .unwrap()
        .clone();
    let ours = all.iter().filter(|a| a.agency_id == open.agency_id).count();
    let others: Vec<String> = all
        .iter()
        .filter(|a| a.agency_id != open.agency_id)
        .map(|a| a.text.clone())
        .filter(|t| {
            !all.iter()
                .any(|a| a.agency_id == open.agency_id && &a.text == t)
        })
        .collect();
    let password = server.agency_account("rita", "Rita Rep", open.agency_id);
    let action = open.id;
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(browser_scenario(
            "browser-agency",
            &server.url,
            |h| async move {
                sign_in(&h, "rita", &password).await;
                h.heading(&format!("{}: actions", open.agency_name)).await;
                h.fits_laptop_screen("agency-desk").await;
                h.axe("browser-agency-desk").await;
                // Every one of its actions, and not one word of another agency's.
                h.find("#agency-view-all").await.click().await.unwrap();
                h.wait_text("[data-testid=agency-count]", &format!("{ours} action"))
                    .await;
                let page = h.page_text().await;
                for text in &others {
                    assert!(
                        !page.contains(text.as_str()),
                        "another agency's action: {text}"
                    );
                }
                // Choose the action by keyboard, then report on it.
                h.find("#agency-view-open").await.click().await.unwrap();
                let pick = h.find(&format!("#agency-pick-{action}")).await;
                pick.send_keys(SPACE).await.unwrap();
                h.select_text("agency-report-status", "In progress").await;
                h.fill("agency-report-note", "Home visit booked for Friday.")
                    .await;
                h.click_button("Record the report").await;
                h.wait_text(
                    "[data-testid=agency-actions]",
                    "Home visit booked for Friday.",
                )
                .await;
                h.axe("browser-agency-reported").await;
                h
            },
        ));
    // The panel's own tracker holds the report, by its author.
    let seen = server
        .actions()
        .into_iter()
        .find(|a| a.id == action)
        .unwrap();
    assert_eq!(seen.status, ActionStatus::InProgress);
    let update = seen.updates.last().unwrap();
    assert_eq!(
        update.note.as_deref(),
        Some("Home visit booked for Friday.")
    );
    assert!(update.recorded_by.contains("Rita Rep"), "{update:?}");
}
