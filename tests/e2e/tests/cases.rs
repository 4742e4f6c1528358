//! Cases, referrals and preparing a meeting, end to end: a case added by
//! hand and flagged as a repeat, a referral list with three bad rows fixed
//! and imported, triage in bulk, and a meeting whose agenda puts children's
//! cases first and shows its projected end; axe-core on each new screen.

// Scenario bodies run in async blocks, where clippy's test allowances do not
// reach; a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fantoccini::Locator;
use roundtable_e2e::{Harness, scenario};

async fn open_cases(h: &Harness) {
    h.click_link("Cases").await;
    h.heading("Cases").await;
}

async fn fill_referral(h: &Harness, name: &str, children: &str) {
    h.click_button("New referral").await;
    h.heading("New referral").await;
    h.fill("new-case-subject_name", name).await;
    h.select("new-case-referral_route", "professional_judgement")
        .await;
    h.fill(
        "new-case-referral_reason",
        "Seen with older males; missing twice in October.",
    )
    .await;
    h.find("#new-case-consent").await.click().await.unwrap();
    h.fill("new-case-children_count", children).await;
}

#[tokio::test]
async fn a_case_added_by_hand_is_offered_as_a_repeat_and_flagged() {
    scenario("case_repeat", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        open_cases(&h).await;
        h.wait_text(".split__list", "Amara Okafor").await;
        h.axe("cases").await;

        // Amara was heard by the panel months ago; her date of birth is not
        // known to this referrer.
        fill_referral(&h, "AMARA  okafor", "0").await;
        h.axe("new-referral").await;
        h.click_button("Save referral").await;
        let offer = h.wait_text(".notice--warning", "Possible repeat").await;
        assert!(offer.contains("Amara Okafor"), "{offer}");
        assert!(
            offer.contains("within the panel's repeat window"),
            "the earlier hearing is shown: {offer}"
        );
        h.axe("case-possible-repeat").await;
        h.fits_laptop_screen("case").await;
        h.click_button("Yes, the same person").await;
        let flagged = h.wait_text("[data-testid=repeat-of]", "repeat").await;
        assert!(flagged.contains("This referral is a repeat."), "{flagged}");
        let header = h.text(".detail-header").await;
        assert!(
            header.contains("Repeat"),
            "flagged in words beside the name: {header}"
        );
        let history = h.text("[data-testid=timeline]").await;
        assert!(
            history.contains("Confirmed as the same person"),
            "{history}"
        );

        // The page offers the steps the core allows for the case's status.
        let steps = h.text("section.actions .button-group").await;
        for offered in [
            "Accept onto the next agenda",
            "Redirect…",
            "Defer…",
            "Close…",
            "Convene an emergency panel…",
        ] {
            assert!(
                steps.contains(offered),
                "a new referral offers {offered}: {steps}"
            );
        }
        h.click_button("Accept onto the next agenda").await;
        h.wait_text(".detail-header", "Accepted").await;
        let steps = h.text("section.actions .button-group").await;
        assert!(
            steps.contains("Defer…") && steps.contains("Close…"),
            "{steps}"
        );
        assert!(
            !steps.contains("Accept onto") && !steps.contains("Redirect…"),
            "an accepted case is not accepted or redirected again: {steps}"
        );
        h.axe("case-accepted").await;

        // Search finds people whatever the script or accents.
        h.fill("case-search", "nguyen").await;
        h.wait_text(".split__list", "Nguyễn Văn An").await;
        h.fill("case-search", "ivan").await;
        h.wait_text(".split__list", "Иван Петров").await;
        h
    })
    .await;
}

#[tokio::test]
async fn a_referral_list_with_three_bad_rows_is_fixed_then_imported() {
    scenario("import", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        open_cases(&h).await;
        h.click_button("Import referrals").await;
        h.heading("Import referrals").await;
        h.axe("import-start").await;

        h.upload(
            "import-file",
            &Harness::fixture("import/referrals-three-bad-rows.csv"),
        )
        .await;
        let summary = h
            .wait_text("[data-testid=import-summary]", "problems")
            .await;
        assert!(
            summary.contains("5 referrals read") && summary.contains("3 problems to fix"),
            "{summary}"
        );
        let mut problems = Vec::new();
        for row in h
            .client
            .find_all(Locator::Css("table:first-of-type tbody tr"))
            .await
            .unwrap()
        {
            let mut cells = Vec::new();
            for cell in row.find_all(Locator::Css("td")).await.unwrap() {
                cells.push(cell.text().await.unwrap());
            }
            problems.push(cells);
        }
        let places: Vec<(&str, &str)> = problems
            .iter()
            .map(|c| (c[0].as_str(), c[1].as_str()))
            .collect();
        assert_eq!(
            places,
            [
                ("3", "DOB"),
                ("5", "Reason for referral"),
                ("6", "Referred by")
            ],
            "{problems:?}"
        );
        assert!(
            problems[2][2].contains("Metropolitan Police"),
            "the problem says what is wrong: {problems:?}"
        );
        let buttons = h
            .client
            .find_all(Locator::XPath(
                "//section[contains(@class, 'split__detail')]//button[starts-with(normalize-space(.), 'Import ') and contains(., 'referral')]",
            ))
            .await
            .unwrap();
        assert!(
            buttons.is_empty(),
            "nothing can be imported while problems remain"
        );
        h.axe("import-problems").await;
        h.fits_laptop_screen("import-problems").await;

        // The coordinator fixes the file and chooses it again.
        h.upload(
            "import-file",
            &Harness::fixture("import/referrals-good.csv"),
        )
        .await;
        h.wait_text("[data-testid=import-summary]", "Ready to import")
            .await;
        h.click_button("Import 5 referrals").await;
        let list = h.wait_text(".split__list", "Mohamed Abdi Warsame").await;
        assert!(list.contains("Zofia Wiśniewska"), "{list}");
        h
    })
    .await;
}

#[tokio::test]
async fn triage_then_a_meeting_puts_children_first_and_shows_its_projected_end() {
    scenario("meeting", |h| async move {
        h.set_up().await;
        h.click_button("Start empty").await;
        h.fill("new-panel-name", "Riverside MACE").await;
        h.select("new-panel-kind", "mace").await;
        h.fill("new-panel-meeting_minutes", "45").await;
        h.click_button("Create panel").await;
        h.heading("Riverside MACE").await;

        open_cases(&h).await;
        for (name, children) in [
            ("Jayden Clarke", "0"),
            ("Leah Mensah", "2"),
            ("Kwame Asante", "0"),
        ] {
            fill_referral(&h, name, children).await;
            h.click_button("Save referral").await;
            h.wait_text(".detail-header", name).await;
        }
        h.select("case-status", "referred").await;
        h.wait_text(".split__list", "Kwame Asante").await;
        for checkbox in h
            .client
            .find_all(Locator::Css(".case-row__tick"))
            .await
            .unwrap()
        {
            checkbox.click().await.unwrap();
        }
        h.wait_text(".triage-bar", "3 of 3 ticked").await;
        h.axe("triage").await;
        h.click_button("Accept").await;
        h.wait_text("[data-testid=triage-message]", "3 referrals accepted")
            .await;

        h.click_link("Meetings").await;
        h.heading("Meetings").await;
        h.click_button("New meeting").await;
        h.heading("New meeting").await;
        h.fill("new-meeting-date", "04/12/2099").await;
        h.click_button("Set up meeting").await;
        let error = h.wait_text("#new-meeting-date-error", "two years").await;
        assert!(error.contains("within the next two years"), "{error}");
        h.axe("new-meeting").await;
        let next_month = "15/12/2026";
        h.fill("new-meeting-date", next_month).await;
        h.click_button("Set up meeting").await;
        h.heading("Riverside MACE: 15 Dec 2026").await;

        let agenda = h.text(".agenda").await;
        let leah = agenda.find("Leah Mensah").unwrap();
        let jayden = agenda.find("Jayden Clarke").unwrap();
        let kwame = agenda.find("Kwame Asante").unwrap();
        assert!(
            leah < jayden && leah < kwame,
            "the case with children comes first:\n{agenda}"
        );
        assert!(
            agenda.contains("Children in household"),
            "children shown in words"
        );
        // 09:30 + 5 + 10 + 3 x 12 + 5 minutes.
        let timing = h.text("[data-testid=agenda-timing]").await;
        assert!(timing.contains("Projected end 10:26"), "{timing}");
        let warning = h.text("[data-testid=overrun-warning]").await;
        assert!(
            warning.contains("runs 11 min past"),
            "56 planned minutes against a 45-minute meeting: {warning}"
        );
        h.axe("agenda").await;
        h.fits_laptop_screen("agenda").await;

        // Move Leah down with her button, then back up with Alt+Up.
        h.client
            .find(Locator::XPath(
                "//li[contains(., 'Leah Mensah')]//button[starts-with(normalize-space(.), 'Down')]",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let agenda = h.wait_text(".agenda", "Leah").await;
        let leah = agenda.find("Leah Mensah").unwrap();
        let first_other = agenda
            .find("Jayden Clarke")
            .unwrap()
            .min(agenda.find("Kwame Asante").unwrap());
        assert!(first_other < leah, "moved down one place:\n{agenda}");
        let leah_up = h
            .client
            .find(Locator::XPath(
                "//li[contains(., 'Leah Mensah')]//button[starts-with(normalize-space(.), 'Up')]",
            ))
            .await
            .unwrap();
        leah_up.send_keys("\u{E00A}\u{E013}\u{E000}").await.unwrap();
        // The move is announced to screen readers (visually hidden text,
        // which WebDriver's rendered text leaves out: read textContent).
        let mut announced = String::new();
        for _ in 0..50 {
            let live = h.find(".split__detail p[aria-live=polite]").await;
            announced = live.prop("textContent").await.unwrap().unwrap_or_default();
            if announced.contains("moved to position 3") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(
            announced.contains("moved to position 3 of 6"),
            "{announced}"
        );
        let agenda = h.text(".agenda").await;
        let leah = agenda.find("Leah Mensah").unwrap();
        assert!(
            leah < agenda.find("Jayden Clarke").unwrap()
                && leah < agenda.find("Kwame Asante").unwrap(),
            "moved back up by keyboard:\n{agenda}"
        );
        h
    })
    .await;
}

#[tokio::test]
async fn attendance_and_acknowledgements_are_recorded_and_survive_a_restart() {
    scenario("attendance", |mut h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        h.click_link("Meetings").await;
        h.heading("Meetings").await;
        // The next meeting is listed first and opened.
        h.click_button("Attendance and confidentiality").await;
        h.wait_text(
            ".notice",
            "Information shared at this meeting is confidential",
        )
        .await;
        let yjs_present = "//tr[th[contains(., 'Youth Justice Service')]]//input[@value='present']";
        h.client
            .find(Locator::XPath(yjs_present))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        h.wait_text("[data-testid=attendance-counts]", "1 present")
            .await;
        h.fill("attendee-name", "Chidi Okonkwo").await;
        h.select_text("attendee-agency", "Youth Justice Service (YJS)")
            .await;
        h.fill("attendee-arrived", "9.50").await;
        h.find("#attendee-ack").await.click().await.unwrap();
        h.click_button("Add person").await;
        h.wait_text(".notice", "1 of 1 people have acknowledged it.")
            .await;
        h.axe("attendance").await;
        h.fits_laptop_screen("attendance").await;

        h.restart().await;
        h.unlock(roundtable_e2e::PASSPHRASE).await;
        h.heading("Lowbridge Youth MARAC").await;
        h.click_link("Meetings").await;
        h.click_button("Attendance and confidentiality").await;
        let people = h
            .wait_text("[data-testid=attendees]", "Chidi Okonkwo")
            .await;
        assert!(people.contains("YJS"), "{people}");
        let arrived = h.find("#arrived-0").await.prop("value").await.unwrap();
        assert_eq!(
            arrived.as_deref(),
            Some("09:50"),
            "late arrival kept, in 24-hour form"
        );
        let checked = h
            .client
            .find(Locator::XPath(yjs_present))
            .await
            .unwrap()
            .prop("checked")
            .await
            .unwrap();
        assert_eq!(
            checked.as_deref(),
            Some("true"),
            "attendance kept after a restart"
        );
        h
    })
    .await;
}
