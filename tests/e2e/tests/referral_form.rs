//! A SafeLives-style referral entered by keyboard in the real window
//! (issue 19): the referral, its perpetrator and an unborn child on the
//! referral form, and the Dash checklist answered question by question with
//! the space bar; the score is the core's, 14 sets visible high risk, and
//! axe-core passes with the checklist open and after it is saved.

// Scenario bodies run in async blocks, where clippy's test allowances do not
// reach; a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_e2e::{Harness, scenario};

const ENTER: &str = "\u{E007}";
const SPACE: &str = "\u{E00D}";

/// Focuses the element and presses a key on it, as a person tabbing to it.
async fn focus_and_press(h: &Harness, element: fantoccini::elements::Element, key: &str) {
    h.client
        .execute(
            "arguments[0].focus();",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await
        .unwrap();
    h.press(key).await;
}

/// The element `css` finds, focused, and `key` pressed on it.
async fn key_on(h: &Harness, css: &str, key: &str) {
    focus_and_press(h, h.find(css).await, key).await;
}

/// The button whose text starts with `text`, focused, and Enter pressed.
async fn enter_on_button(h: &Harness, text: &str) {
    let xpath = format!("//button[starts-with(normalize-space(.), '{text}')]");
    let button = h
        .client
        .wait()
        .for_element(fantoccini::Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|err| panic!("no button {text:?}: {err}"));
    focus_and_press(h, button, ENTER).await;
}

#[tokio::test]
async fn a_referral_with_its_dash_checklist_is_entered_by_keyboard() {
    scenario("referral_dash", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        h.click_link("Cases").await;
        h.heading("Cases").await;
        h.click_button("New referral").await;
        h.heading("New referral").await;
        h.fill("new-case-subject_name", "Precious Mensah-Okoro")
            .await;
        h.fill("new-case-date_of_birth", "09/06/2010").await;
        h.select("new-case-referral_route", "professional_judgement")
            .await;
        h.fill(
            "new-case-referral_reason",
            "Partner, 19, controlling and violent; she is pregnant.",
        )
        .await;
        key_on(&h, "#new-case-consent", SPACE).await;
        enter_on_button(&h, "Save referral").await;
        h.wait_text(".detail-header", "Precious Mensah-Okoro").await;

        // The referral form: a perpetrator and an unborn child.
        enter_on_button(&h, "Add a perpetrator").await;
        h.fill("referral-perpetrators-0-name", "Tyrese Hall").await;
        h.fill("referral-perpetrators-0-date_of_birth", "02/02/2007")
            .await;
        h.select("referral-perpetrators-0-relationship", "current_partner")
            .await;
        enter_on_button(&h, "Add a child").await;
        h.fill("referral-children-0-due_date", "01/04/2027").await;
        key_on(&h, "#referral-knows_of_referral-yes", SPACE).await;
        h.wait_text(
            "[data-testid=referral-records] [data-testid=save-status]",
            "All changes saved",
        )
        .await;

        // The Dash checklist: the young person's version is offered at 16.
        enter_on_button(&h, "Record a Dash checklist").await;
        h.find("#dash-version-young_person:checked").await;
        h.fill("dash-completed_on", "20/11/2026").await;
        h.fill("dash-completed_by", "Aaliyah Campbell, youth advocate")
            .await;
        for i in 0..24 {
            let answer = if i < 14 {
                "yes"
            } else if i < 16 {
                "not_known"
            } else {
                "no"
            };
            key_on(&h, &format!("#dash-answer-{i}-{answer}"), SPACE).await;
        }
        h.fill("dash-answers-1-source", "School safeguarding lead")
            .await;
        h.axe("dash-checklist").await;
        h.screenshot("dash-checklist").await;
        enter_on_button(&h, "Save checklist").await;
        let record = h.wait_text("[data-testid=dash-record]", "14 of 24").await;
        assert!(record.contains("Visible high risk"), "{record}");
        assert!(record.contains("young person"), "{record}");
        h.wait_text("[data-testid=timeline]", "14 of 24, visible high risk")
            .await;
        h.axe("case-with-dash").await;
        h.fits_laptop_screen("case-with-dash").await;
        h.screenshot("case-with-dash").await;
        h
    })
    .await;
}
