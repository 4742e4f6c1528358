//! Foundation, end to end in the real window: first run, a panel and its
//! agencies surviving a restart, a wrong passphrase, validation beside fields,
//! and demo data; axe-core on every screen.

// Scenario bodies run in async blocks, where clippy's test allowances do not
// reach; a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_e2e::{Harness, PASSPHRASE, scenario};

async fn add_agency(h: &Harness, name: &str, code: &str, sector: &str, rep: &str) {
    h.click_button("New agency").await;
    h.heading("New agency").await;
    h.fill("new-agency-name", name).await;
    h.fill("new-agency-short_code", code).await;
    h.select("new-agency-sector", sector).await;
    h.click_button("Add a representative").await;
    h.fill("new-agency-representatives-0-name", rep).await;
    h.click_button("Add agency").await;
    h.heading(name).await;
}

#[tokio::test]
async fn first_run_panel_and_agencies_survive_a_restart() {
    scenario("first_run", |mut h| async move {
        h.heading("Set up Roundtable").await;
        h.axe("setup").await;
        h.set_up().await;
        h.wait_text("[data-testid=signed-in-user]", "Yusuf Ali")
            .await;
        h.heading("Get started").await;
        h.axe("get-started").await;

        h.click_button("Start empty").await;
        h.heading("New panel").await;
        h.axe("new-panel").await;
        h.fill("new-panel-name", "Lowbridge MARAC").await;
        h.select("new-panel-kind", "marac").await;
        h.fill("new-panel-minutes_per_case", "15").await;
        h.click_button("Create panel").await;
        h.heading("Lowbridge MARAC").await;

        h.click_link("Agencies").await;
        h.heading("Agencies").await;
        add_agency(&h, "Lowbridge Police", "POL", "police", "DS Amira Haddad").await;
        add_agency(
            &h,
            "Children's Social Care",
            "CSC",
            "childrens_social_care",
            "Priya Natarajan",
        )
        .await;
        add_agency(
            &h,
            "Nguyễn Youth Advocacy",
            "YA",
            "advocacy",
            "Łucja Kowalczyk",
        )
        .await;
        h.axe("agency-edit").await;

        h.click_link("Panels").await;
        h.heading("Lowbridge MARAC").await;
        for code in ["POL", "CSC", "YA"] {
            let xpath = format!("//label[span[normalize-space(.)='{code}']]");
            let label = h
                .client
                .find(fantoccini::Locator::XPath(&xpath))
                .await
                .unwrap();
            label.click().await.unwrap();
        }
        h.wait_text(".split__list", "3 agencies").await;
        h.axe("panel-edit").await;

        h.restart().await;
        h.heading("Unlock Roundtable").await;
        h.axe("unlock").await;
        h.unlock(PASSPHRASE).await;
        h.heading("Lowbridge MARAC").await;
        let list = h.wait_text(".split__list", "3 agencies").await;
        assert!(
            list.contains("MARAC"),
            "the panel kind survived the restart: {list}"
        );
        let minutes = h
            .find("#panel-minutes_per_case")
            .await
            .prop("value")
            .await
            .unwrap();
        assert_eq!(
            minutes.as_deref(),
            Some("15"),
            "minutes per case survived the restart"
        );
        for code in ["POL", "CSC", "YA"] {
            let xpath =
                format!("//label[span[normalize-space(.)='{code}']]/preceding-sibling::input");
            let checkbox = h
                .client
                .find(fantoccini::Locator::XPath(&xpath))
                .await
                .unwrap();
            assert_eq!(
                checkbox.prop("checked").await.unwrap().as_deref(),
                Some("true"),
                "{code} is still a member after the restart"
            );
        }
        h.click_link("Agencies").await;
        let agencies = h.wait_text(".split__list", "Nguyễn Youth Advocacy").await;
        assert!(
            agencies.contains("Lowbridge Police") && agencies.contains("Children's Social Care"),
            "{agencies}"
        );
        h.click_button("Nguyễn Youth Advocacy").await;
        let rep = h
            .find("#agency-representatives-0-name")
            .await
            .prop("value")
            .await
            .unwrap();
        assert_eq!(
            rep.as_deref(),
            Some("Łucja Kowalczyk"),
            "the representative survived the restart"
        );
        h
    })
    .await;
}

#[tokio::test]
async fn a_wrong_passphrase_shows_an_error_and_keeps_the_data() {
    scenario("wrong_passphrase", |mut h| async move {
        h.set_up().await;
        h.click_button("Start empty").await;
        h.fill("new-panel-name", "Kept Panel").await;
        h.click_button("Create panel").await;
        h.heading("Kept Panel").await;

        h.restart().await;
        h.unlock("not the passphrase at all").await;
        let error = h.wait_text("#unlock-passphrase-error", "not right").await;
        assert!(error.contains("That passphrase is not right"), "{error}");
        let summary = h.text(".error-summary").await;
        assert!(
            summary.contains("There is a problem"),
            "the error summary is shown: {summary}"
        );
        h.axe("unlock-error").await;

        h.unlock(PASSPHRASE).await;
        h.heading("Kept Panel").await;
        h
    })
    .await;
}

#[tokio::test]
async fn validation_errors_appear_beside_their_fields() {
    scenario("validation", |h| async move {
        h.set_up().await;

        // A panel with no name, on create: summary and message beside the field.
        h.click_button("Start empty").await;
        h.click_button("Create panel").await;
        let error = h
            .wait_text("#new-panel-name-error", "Enter the panel's name")
            .await;
        assert!(error.contains("Enter the panel's name"), "{error}");
        let focused = h
            .client
            .active_element()
            .await
            .unwrap()
            .attr("class")
            .await
            .unwrap();
        assert_eq!(
            focused.as_deref(),
            Some("error-summary"),
            "the error summary takes focus"
        );
        h.axe("new-panel-errors").await;
        h.click_button("Cancel").await;

        // A short code already in use names its owner.
        h.click_link("Agencies").await;
        add_agency(&h, "Lewisham Police", "LPOL", "police", "DI Marcus Bell").await;
        h.click_button("New agency").await;
        h.fill("new-agency-name", "Lewisham Homes").await;
        h.fill("new-agency-short_code", "lpol").await;
        h.select("new-agency-sector", "housing").await;
        h.fill("new-agency-secure_email", "housing@lewisham").await;
        h.click_button("Add agency").await;
        let code_error = h
            .wait_text("#new-agency-short_code-error", "already used")
            .await;
        assert!(
            code_error
                .contains("This short code is already used by Lewisham Police. Choose another."),
            "{code_error}"
        );
        let email_error = h.text("#new-agency-secure_email-error").await;
        assert!(email_error.contains("right format"), "{email_error}");
        h.axe("new-agency-errors").await;

        // Editing: a blanked name is not saved and says so beside the field.
        h.click_button("Cancel").await;
        h.click_button("Lewisham Police").await;
        h.fill("agency-name", "").await;
        h.find("#agency-short_code").await.click().await.unwrap();
        h.wait_text("#agency-name-error", "Enter the agency's name")
            .await;
        h.wait_text("[data-testid=save-status]", "Not saved").await;
        h.fill("agency-name", "Lewisham Police Service").await;
        h.find("#agency-short_code").await.click().await.unwrap();
        h.wait_text("[data-testid=save-status]", "All changes saved")
            .await;
        h.wait_text(".split__list", "Lewisham Police Service").await;
        h
    })
    .await;
}

#[tokio::test]
async fn demo_data_gives_a_youth_marac_with_its_agencies() {
    scenario("demo_data", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        let list = h.wait_text(".split__list", "23 agencies").await;
        assert!(list.contains("Youth MARAC"), "{list}");
        h.axe("demo-panel").await;
        h.fits_laptop_screen("panel").await;
        h.click_link("Agencies").await;
        let agencies = h.wait_text(".split__list", "Youth Justice Service").await;
        for name in [
            "Children's Social Care",
            "Child and Adolescent Mental Health Services",
            "Lowbridge IDVA Service",
        ] {
            assert!(agencies.contains(name), "{name} is in the demo directory");
        }
        h.fill("agency-filter", "camhs").await;
        let filtered = h.wait_text(".split__list", "Child and Adolescent").await;
        assert!(
            !filtered.contains("Youth Justice Service"),
            "the filter narrows the list: {filtered}"
        );
        h.axe("agencies").await;
        h.fits_laptop_screen("agencies").await;
        h
    })
    .await;
}
