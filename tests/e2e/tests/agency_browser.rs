//! An agency's representative in a browser (issue 18, report-back): signed
//! in to the real `roundtable-server`, it sees its own agency's actions and
//! nothing of another's, at a council laptop's 1366x768 and by keyboard,
//! reports on one, and the panel's tracker then holds that report by its
//! author; and researches a meeting's case list before it, which the
//! coordinator publishes and then sees. axe-core on every agency screen.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod server;

use roundtable_core::domain::account::AccountRole;
use roundtable_core::domain::action::ActionStatus;
use std::process::Command;
use std::time::{Duration, Instant};

use roundtable_e2e::browser_scenario;
use server::{Server, shortcut, sign_in};

const SPACE: &str = "\u{E00D}";
const ENTER: &str = "\u{E007}";
const ESC: &str = "\u{E00C}";
const TAB: &str = "\u{E004}";

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
    let coordinator = server.ready_account("priya", "Priya Shah", AccountRole::Coordinator);
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
                // Its action plan, downloaded: the agency's own actions in it.
                h.click_button("Download the plan").await;
                h.wait_text("[data-testid=agency-plan-downloaded]", "Downloaded")
                    .await;
                let downloads = h.downloads();
                let deadline = Instant::now() + Duration::from_secs(20);
                let plan = loop {
                    let pdf = std::fs::read_dir(&downloads)
                        .unwrap()
                        .flatten()
                        .map(|e| e.path())
                        .find(|p| p.extension().is_some_and(|e| e == "pdf"));
                    if pdf.is_some() || Instant::now() > deadline {
                        break pdf.expect("the action plan was downloaded");
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                };
                let text = Command::new("pdftotext")
                    .arg(&plan)
                    .arg("-")
                    .output()
                    .unwrap();
                let text = String::from_utf8_lossy(&text.stdout);
                assert!(
                    text.contains(&format!("Action plan: {}", open.agency_name)),
                    "{text}"
                );
                if std::env::var_os("E2E_SCREENSHOTS").is_some() {
                    let png = roundtable_e2e::artifacts_dir().join("browser-agency-plan");
                    Command::new("pdftoppm")
                        .args(["-png", "-r", "60", "-f", "1", "-l", "1"])
                        .arg(&plan)
                        .arg(&png)
                        .status()
                        .unwrap();
                }
                // The panel's tracker, in the coordinator's browser, shows the report.
                h.click_button("Sign out").await;
                sign_in(&h, "priya", &coordinator).await;
                h.click_link("Actions").await;
                h.heading("Actions").await;
                h.wait_text("main", "Home visit booked for Friday.").await;
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

/// Research before the meeting, in a browser at 1366x768 and by keyboard:
/// the coordinator publishes the next meeting's case list; a representative
/// of an expected agency researches two cases (known, with facts; not
/// known); the coordinator's grid shows both, and the cockpit holds them as
/// the agency's shares, researched in advance; once the meeting is closed
/// the representative's list no longer shows it. axe-core on every screen.
#[test]
fn a_representative_researches_two_cases_and_the_coordinator_sees_them() {
    let server = Server::start();
    let (meeting, cases, expected) = server.next_meeting();
    let agency = expected[0];
    let coordinator = server.ready_account("priya", "Priya Shah", AccountRole::Coordinator);
    let password = server.agency_account("rita", "Rita Rep", agency);
    let due = (chrono::Local::now().date_naive() + chrono::Days::new(7))
        .format("%d/%m/%Y")
        .to_string();
    let (first, second) = (cases[0].clone(), cases[1].clone());
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(browser_scenario(
            "browser-research",
            &server.url,
            |h| async move {
                sign_in(&h, "priya", &coordinator).await;
                h.click_link("Meetings").await;
                h.heading("Meetings").await;
                h.click_button("Research by agencies").await;
                h.fill("research-due", &due).await;
                h.press(ENTER).await;
                h.wait_text("[data-testid=research-published]", "Agencies answer by")
                    .await;
                h.fits_laptop_screen("research-grid").await;
                h.axe("browser-research-published").await;
                h.click_button("Sign out").await;

                sign_in(&h, "rita", &password).await;
                h.click_button("Research before meetings").await;
                h.wait_text("[data-testid=research-meetings]", "0 of").await;
                h.fits_laptop_screen("research-meetings").await;
                h.axe("browser-research-meetings").await;
                let open = h.find(&format!("#research-open-{meeting}")).await;
                open.send_keys(ENTER).await.unwrap();
                h.wait_text("[data-testid=research-due]", "Answer by").await;
                // The first case by keyboard: known, what the agency holds.
                let known = h.find(&format!("#research-{}-known", first.0)).await;
                known.send_keys(SPACE).await.unwrap();
                h.fill(
                    &format!("research-{}-facts", first.0),
                    "Known to us: two missing episodes in November.",
                )
                .await;
                h.press(TAB).await;
                let not_known = h.find(&format!("#research-{}-not_known", second.0)).await;
                not_known.send_keys(SPACE).await.unwrap();
                h.wait_text("[data-testid=research-case]", "All changes saved")
                    .await;
                h.fits_laptop_screen("research-cases").await;
                h.axe("browser-research-cases").await;
                let page = h.page_text().await;
                assert!(page.contains(&first.2) && page.contains(&second.1));
                h.click_button("Sign out").await;

                // The coordinator's grid: known and not known, by the agency.
                sign_in(&h, "priya", &coordinator).await;
                h.click_link("Meetings").await;
                h.heading("Meetings").await;
                h.click_button("Research by agencies").await;
                let row = |case: uuid::Uuid| {
                    format!("[data-testid=research-grid] tr[data-case='{case}']")
                };
                h.wait_text(&row(first.0), "Known").await;
                h.wait_text(&row(second.0), "Not known").await;
                h.axe("browser-research-grid").await;
                // What the agency opened, for the coordinator to see.
                h.click_link("Safety").await;
                h.wait_text("[data-testid=agency-views]", "Rita Rep (rita)")
                    .await;
                let views = h.text("[data-testid=agency-views]").await;
                assert!(views.contains(&first.1), "{views}");
                h.axe("browser-agency-views").await;
                // The cockpit: the agency's answer is its share, marked as researched.
                h.click_link("Meetings").await;
                h.click_button("Run the meeting").await;
                h.heading("The meeting has not started").await;
                h.press("n").await;
                h.heading("Introductions, attendance and confidentiality")
                    .await;
                shortcut(&h, "n").await;
                h.heading("Review of open actions").await;
                shortcut(&h, "n").await;
                h.wait_text("#case-title", &first.1).await;
                h.wait_text(".heard-list", "Researched").await;
                h.axe("browser-research-cockpit").await;
                // Held: the agency's research ends, and its view of the list.
                h.click_button("Close the meeting").await;
                h.wait_text("body", "The meeting is closed and marked as held.")
                    .await;
                h.press(ESC).await;
                h.click_button("Sign out").await;
                sign_in(&h, "rita", &password).await;
                h.click_button("Research before meetings").await;
                h.wait_text("main", "No meeting is waiting for your agency's research.")
                    .await;
                let page = h.page_text().await;
                assert!(!page.contains(&first.1), "{page}");
                h.axe("browser-research-after-the-meeting").await;
                h
            },
        ));
    let record = server.case_in_meeting(meeting, first.0).record;
    let share = record
        .shares
        .iter()
        .find(|s| s.agency_id == agency)
        .unwrap();
    assert_eq!(
        share.facts.as_deref(),
        Some("Known to us: two missing episodes in November.")
    );
    assert!(share.researched_at.is_some());
    assert!(share.updated_by.contains("Rita Rep"), "{share:?}");
}
