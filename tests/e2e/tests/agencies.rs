//! The agency directory on day one: a coordinator who starts empty is offered
//! the usual agencies for the panel's kind, makes them local and adds them in
//! one step; another imports the directory list they already keep, sees a
//! faulty version refused with each row named, and imports the right one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_e2e::{Harness, scenario};

async fn empty_marac(h: &Harness) {
    h.set_up().await;
    h.click_button("Start empty").await;
    h.heading("New panel").await;
    h.fill("new-panel-name", "Lewisham MARAC").await;
    h.select("new-panel-kind", "marac").await;
    h.click_button("Create panel").await;
    h.heading("Lewisham MARAC").await;
    h.click_link("Agencies").await;
    h.heading("Agencies").await;
}

#[tokio::test]
async fn an_empty_directory_starts_from_the_usual_agencies_made_local() {
    scenario("usual-agencies", |h| async move {
        empty_marac(&h).await;
        h.heading("Start with the usual agencies").await;
        h.wait_value("usual-0-name", "Police").await;
        h.wait_value("usual-1-code", "IDVA").await;
        h.fill("usual-0-name", "Lewisham Police").await;
        h.fill("usual-3-code", "POL").await;
        h.click_button("Add 12 agencies").await;
        let error = h.wait_text("#usual-3-code-error", "already used").await;
        assert!(error.contains("Lewisham Police"), "{error}");
        h.axe("usual-agencies").await;
        h.fits_laptop_screen("usual-agencies").await;
        let list = h.text(".split__list").await;
        assert!(
            list.contains("No agencies yet"),
            "nothing was added while one had a problem: {list}"
        );

        h.fill("usual-3-code", "ASC").await;
        h.find("#usual-11-include").await.click().await.unwrap();
        h.click_button("Add 11 agencies").await;
        h.wait_text("[role=status]", "11 agencies added").await;
        let list = h.text("ul[aria-label=Agencies]").await;
        assert!(list.contains("Lewisham Police"), "{list}");
        assert!(
            !list.contains("Refuge"),
            "the unticked agency is not added: {list}"
        );

        h.click_link("Panels").await;
        h.wait_text(".split__list", "11 agencies").await;
        h
    })
    .await;
}

#[tokio::test]
async fn a_directory_list_imports_after_its_faults_are_shown_by_row() {
    scenario("agency-import", |h| async move {
        empty_marac(&h).await;
        h.click_button("Import agencies").await;
        h.heading("Import agencies").await;
        h.upload(
            "agency-import-file",
            &Harness::fixture("agencies/directory-faulty.xlsx"),
        )
        .await;
        let summary = h
            .wait_text("[data-testid=agency-import-summary]", "problems")
            .await;
        assert!(summary.contains("6 problems to fix"), "{summary}");
        let places: Vec<(String, String)> = h
            .table_rows("agency-problems-title")
            .await
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        let expected = [
            ("5", "Agency"),
            ("7", "Sector"),
            ("8", "Agency"),
            ("9", "Secure email"),
            ("9", "Email"),
            ("12", "Code"),
        ];
        assert_eq!(
            places,
            expected.map(|(r, c)| (r.to_string(), c.to_string())),
        );
        let problems = h.text("table[aria-labelledby=agency-problems-title]").await;
        assert!(
            problems.contains("Row 6 already uses the short code HSG"),
            "{problems}"
        );
        let offered = h
            .client
            .find_all(fantoccini::Locator::Css(
                ".split__detail button:not(.button--secondary)",
            ))
            .await
            .unwrap();
        assert!(offered.is_empty(), "a faulty list cannot be imported");

        h.upload(
            "agency-import-file",
            &Harness::fixture("agencies/directory.xlsx"),
        )
        .await;
        h.wait_text("[data-testid=agency-import-summary]", "Ready to import")
            .await;
        let rows = h.table_rows("agency-rows-title").await;
        assert_eq!(rows.len(), 8);
        assert_eq!(rows[0][1], "Lewisham Police");
        assert_eq!(rows[0][5], "DS Amara Okafor, PC Tomasz Wiśniewski");
        assert_eq!(rows[3][3], "Mental health", "CAMHS is read as a sector");
        h.axe("agency-import").await;
        h.fits_laptop_screen("agency-import").await;
        h.click_button("Import 8 agencies").await;
        h.wait_text("[role=status]", "8 agencies added with 9 representatives")
            .await;
        h.click_button("Lewisham Police").await;
        h.wait_value("agency-representatives-1-name", "PC Tomasz Wiśniewski")
            .await;
        h.click_link("Panels").await;
        h.wait_text(".split__list", "8 agencies").await;
        h
    })
    .await;
}
