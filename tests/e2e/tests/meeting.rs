//! Running a meeting end to end on the demo borough: attendance, earlier
//! actions reviewed, three cases heard with information from several
//! agencies, actions agreed by keyboard, an overrun shown, the projector
//! window checked for anything identifying, and the app killed mid-meeting
//! and reopened with nothing lost. axe-core on each cockpit screen.

// Scenario bodies run in async blocks, where clippy's test allowances do not
// reach; a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use fantoccini::Locator;
use roundtable_e2e::{Harness, PASSPHRASE, scenario};

const ESC: &str = "\u{E00C}";
const ENTER: &str = "\u{E007}";

/// Case items on the agenda screen (they show the case reference in bold).
const CASE_ROWS: &str = "//li[contains(@class, 'agenda__item')][.//strong]";

async fn case_rows(h: &Harness) -> usize {
    h.client
        .find_all(Locator::XPath(CASE_ROWS))
        .await
        .unwrap()
        .len()
}

async fn click_xpath(h: &Harness, xpath: &str) {
    h.client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("nothing at {xpath}: {e}"))
        .click()
        .await
        .unwrap();
}

/// Leaves any text field, then presses a cockpit shortcut.
async fn shortcut(h: &Harness, key: &str) {
    h.press(ESC).await;
    h.press(key).await;
}

/// Picks the agency to hear from by typing into the sharing picker.
async fn hear(h: &Harness, typed: &str) {
    shortcut(h, "s").await;
    h.press(typed).await;
    h.press(ENTER).await;
    h.find("[data-testid=share-editor]").await;
}

async fn add_action(h: &Harness, agency: &str, text: &str, due: &str) {
    shortcut(h, "a").await;
    h.press(agency).await;
    h.press(ENTER).await; // picks the agency and moves to the action text
    h.press(text).await;
    if !due.is_empty() {
        h.fill("action-due", due).await;
    }
    h.find("#action-due").await.send_keys(ENTER).await.unwrap();
    h.wait_text("[data-testid=action-feedback]", "Action added")
        .await;
}

#[tokio::test]
async fn a_three_case_meeting_runs_from_attendance_to_the_last_item() {
    scenario("cockpit", |mut h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        h.click_link("Meetings").await;
        h.heading("Meetings").await;

        // Three cases tonight: the rest go to a later meeting.
        h.wait_text(".agenda", "New case").await;
        while case_rows(&h).await > 3 {
            let before = case_rows(&h).await;
            click_xpath(
                &h,
                &format!(
                    "({CASE_ROWS})[last()]//button[starts-with(normalize-space(.), 'Remove')]"
                ),
            )
            .await;
            for _ in 0..50 {
                if case_rows(&h).await < before {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        // The second case is planned at no minutes, so it overruns at once.
        let second_minutes = h
            .client
            .find(Locator::XPath(&format!("({CASE_ROWS})[2]//input")))
            .await
            .unwrap();
        second_minutes.clear().await.unwrap();
        second_minutes
            .send_keys(&format!("0{}", "\u{E004}"))
            .await
            .unwrap();
        assert_eq!(case_rows(&h).await, 3);

        h.click_button("Run the meeting").await;
        h.heading("The meeting has not started").await;
        h.axe("cockpit-start").await;

        // 1. Introductions: attendance, by keyboard shortcut N.
        h.press("n").await;
        h.heading("Introductions, attendance and confidentiality")
            .await;
        for (agency, status) in [
            ("Lowbridge Police", "present"),
            ("Children's Social Care", "present"),
            ("Targeted Youth Support", "present"),
            ("Early Help", "sent_in_writing"),
            ("Emergency Department", "apologies"),
        ] {
            click_xpath(
                &h,
                &format!("//tr[th[contains(., \"{agency}\")]]//input[@value='{status}']"),
            )
            .await;
        }
        h.wait_text("[data-testid=attendance-counts]", "3 present")
            .await;
        h.fill("attendee-name", "DI Marcus Bell").await;
        h.find("#attendee-ack").await.click().await.unwrap();
        h.click_button("Add person").await;
        h.wait_text(".notice", "1 of 1 people have acknowledged it.")
            .await;
        h.axe("cockpit-attendance").await;

        // 2. Review of earlier actions: status set in place, with words.
        shortcut(&h, "n").await;
        h.heading("Review of open actions").await;
        let counts = h.text("[data-testid=review-counts]").await;
        assert!(counts.contains("open from earlier meetings"), "{counts}");
        let first_status = h
            .client
            .find(Locator::XPath(
                "(//li[contains(@class,'review')])[1]//select",
            ))
            .await
            .unwrap();
        first_status
            .select_by_value("not_done_agency")
            .await
            .unwrap();
        h.wait_text("li.review", "Say why it was not done.").await;
        h.client
            .find(Locator::XPath(
                "(//li[contains(@class,'review')])[1]//input",
            ))
            .await
            .unwrap()
            .send_keys("Worker off sick; reallocated this week.")
            .await
            .unwrap();
        h.wait_saved().await;
        let second_status = h
            .client
            .find(Locator::XPath(
                "(//li[contains(@class,'review')])[2]//select",
            ))
            .await
            .unwrap();
        second_status.select_by_value("done").await.unwrap();
        h.wait_saved().await;
        h.axe("cockpit-review").await;

        // 3. First case: every agency heard, risk, outcome, actions.
        shortcut(&h, "n").await;
        h.find("#case-title").await;
        let not_heard = h.text("[data-testid=not-yet-heard]").await;
        for code in ["POL", "CSC", "TYS", "EH"] {
            assert!(
                not_heard.contains(code),
                "{code} not yet heard: {not_heard}"
            );
        }
        assert!(
            !not_heard.contains("ED"),
            "apologies are not expected to speak: {not_heard}"
        );
        hear(&h, "pol").await;
        h.fill(
            "share-facts",
            "Stopped with two older males at Dockside on 3 November.",
        )
        .await;
        h.fill(
            "share-opinion",
            "We believe he is being drawn into county lines.",
        )
        .await;
        hear(&h, "social").await;
        h.fill(
            "share-facts",
            "Open to CSC on a child in need plan since September.",
        )
        .await;
        h.wait_saved().await;
        hear(&h, "tys").await;
        shortcut(&h, "k").await;
        let not_heard = h.wait_text("[data-testid=not-yet-heard]", "(1)").await;
        assert!(
            not_heard.contains("EH") && !not_heard.contains("TYS"),
            "{not_heard}"
        );
        h.find("#risk-level-high").await.click().await.unwrap();
        h.find("#risk-rag-red").await.click().await.unwrap();
        h.select("risk-likelihood", "3").await;
        h.select("risk-impact", "3").await;
        h.wait_text("[data-testid=risk-score]", "Score 9 of 9 (high)")
            .await;
        h.fill("assess-decisions", "Strategy discussion to be convened.")
            .await;
        h.fill("assess-who-tells", "Social worker, at the home visit")
            .await;
        h.find("#outcome-continue").await.click().await.unwrap();
        h.fill("outcome-review", "+6w").await;
        add_action(
            &h,
            "csc",
            "Convene a strategy discussion with police and school",
            "+1w",
        )
        .await;
        add_action(&h, "tys", "Support", "").await;
        let feedback = h.text("[data-testid=action-feedback]").await;
        assert!(
            feedback.contains("Hint:"),
            "a vague action without a due date gets a hint: {feedback}"
        );
        let agreed = h.text("[data-testid=agreed-actions]").await;
        assert!(
            agreed.contains("CSC") && agreed.contains("Convene a strategy discussion"),
            "{agreed}"
        );
        h.wait_saved().await;
        h.axe("cockpit-case").await;
        h.fits_laptop_screen("cockpit-case").await;

        // The shared screen: reference and initials, never the name, date
        // of birth or postcode, nor what an agency shared.
        let main_window = h.client.window().await.unwrap();
        let case_heading = h.text("#case-title").await;
        shortcut(&h, "p").await;
        let mut projector = None;
        for _ in 0..50 {
            let windows = h.client.windows().await.unwrap();
            if let Some(other) = windows.into_iter().find(|w| *w != main_window) {
                projector = Some(other);
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let projector = projector.expect("the projector window opens");
        h.client.switch_to_window(projector).await.unwrap();
        let shown = h
            .wait_text("[data-testid=projector]", "Convene a strategy discussion")
            .await;
        let reference = case_heading.split_whitespace().next().unwrap().to_string();
        let name: Vec<&str> = case_heading.split_whitespace().skip(1).collect();
        let initials: String = [name[0], name[name.len() - 1]]
            .iter()
            .map(|n| format!("{}.", n.chars().next().unwrap().to_uppercase()))
            .collect();
        assert!(
            shown.contains(&format!("{reference} ({initials})")),
            "{shown}"
        );
        h.axe("projector").await;
        // Its page may call its own view and nothing else (its capability).
        let refused = h
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   window.__TAURI_INTERNALS__.invoke("list_cases", { filter: {} })
                     .then(() => done("answered"), (e) => done(String((e && e.message) || e)));"#,
                vec![],
            )
            .await
            .unwrap();
        let refused = refused.as_str().unwrap_or_default().to_string();
        assert!(
            refused.contains("not allowed"),
            "the projector read the case list: {refused}"
        );
        let dom = h.client.source().await.unwrap();
        h.client
            .switch_to_window(main_window.clone())
            .await
            .unwrap();
        let details = h.text(".case-work__head").await;
        for secret in name.iter().copied().chain(["Dockside", "county lines"]) {
            assert!(
                !dom.contains(secret),
                "the projector shows {secret:?}:\n{dom}"
            );
        }
        // Date of birth (as shown and as stored) and postcode.
        let dob = h.text("[data-testid=dob]").await;
        let postcode = h.text("[data-testid=postcode]").await;
        let iso = chrono::NaiveDate::parse_from_str(&dob, "%d %b %Y")
            .unwrap()
            .format("%Y-%m-%d")
            .to_string();
        for secret in [dob.as_str(), iso.as_str(), postcode.as_str()] {
            assert!(
                !secret.is_empty() && !dom.contains(secret),
                "the projector shows {secret:?} ({details})"
            );
        }

        // 4. Second case: planned at no minutes, so already over time.
        h.find("#case-title").await;
        shortcut(&h, "n").await;
        let countdown = h.wait_text("[data-testid=countdown]", "Over time by").await;
        assert!(countdown.contains("Over time by"), "{countdown}");
        let colour = h
            .find(".cockpit__clock--over")
            .await
            .css_value("background-color")
            .await
            .unwrap();
        assert_ne!(
            colour, "rgb(255, 255, 255)",
            "overrun shown in colour as well as words"
        );
        hear(&h, "csc").await;
        h.fill(
            "share-facts",
            "Missing from home twice in October; returned by police.",
        )
        .await;
        h.wait_saved().await;

        // Power cut: kill the app, reopen, nothing acknowledged is lost.
        h.kill_and_restart().await;
        h.unlock(PASSPHRASE).await;
        h.heading("Lowbridge Youth MARAC").await;
        h.click_link("Meetings").await;
        h.click_button("Run the meeting").await;
        h.find("#case-title").await;
        let countdown = h.text("[data-testid=countdown]").await;
        assert!(
            countdown.contains("Over time by"),
            "still on the second case: {countdown}"
        );
        hear(&h, "csc").await;
        h.wait_value(
            "share-facts",
            "Missing from home twice in October; returned by police.",
        )
        .await;

        // 5. Third case, then any other business, then close.
        shortcut(&h, "n").await;
        h.wait_text("[data-testid=not-yet-heard]", "Not yet heard")
            .await;
        hear(&h, "pol").await;
        h.fill("share-facts", "No police contact since the last meeting.")
            .await;
        add_action(
            &h,
            "eh",
            "Offer the family a parenting programme place",
            "+4w",
        )
        .await;
        shortcut(&h, "n").await;
        h.heading("Any other business").await;
        add_action(
            &h,
            "pol",
            "Share the updated hotspot map with all agencies",
            "+2w",
        )
        .await;
        shortcut(&h, "?").await;
        h.heading("Keyboard shortcuts").await;
        h.axe("shortcuts").await;
        h.find("dialog form .button").await.click().await.unwrap();
        h.click_button("Close the meeting").await;
        h.heading("This meeting is closed").await;
        let agenda = h.text(".cockpit__agenda").await;
        assert!(!agenda.contains("Now"), "no item is current: {agenda}");
        h.client.set_window_size(1920, 1080).await.unwrap();
        h.screenshot("cockpit-1080p").await;
        h
    })
    .await;
}
