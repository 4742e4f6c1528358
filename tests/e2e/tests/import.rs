//! A coordinator's first real referral list, imported unedited: surname and
//! forename in two columns, no consent or route column, referrers written as
//! "Police" and "Health". Everything is chosen in the preview, and the next
//! list from the same source needs none of it again.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_e2e::{Harness, scenario};

async fn start_import(h: &Harness, fixture: &str) -> String {
    h.click_button("Import referrals").await;
    h.heading("Import referrals").await;
    h.upload("import-file", &Harness::fixture(fixture)).await;
    h.wait_text("[data-testid=import-summary]", "read from")
        .await
}

#[tokio::test]
async fn a_real_referral_list_imports_unedited_choosing_only_in_the_preview() {
    scenario("import-choices", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        h.click_link("Cases").await;
        h.heading("Cases").await;

        let summary = start_import(&h, "import/split-names.xlsx").await;
        assert!(summary.contains("6 referrals read"), "{summary}");
        let names: Vec<String> = h
            .table_rows("rows-title")
            .await
            .into_iter()
            .map(|r| r[1].clone())
            .collect();
        assert_eq!(
            names[..2],
            [
                "Tolúwalàṣẹ́ Adeyemi".to_string(),
                "Kacper Jan Nowak".to_string()
            ],
            "the names as they will be stored"
        );
        let words = h.text("[data-testid=import-agency-words]").await;
        assert!(
            words.contains("“Police” (2 rows)") && words.contains("“Education” (1 row)"),
            "{words}"
        );

        h.choose_for_split_names().await;
        let first = &h.table_rows("rows-title").await[0];
        assert_eq!(
            first[4], "Lowbridge Police, Public Protection Unit",
            "{first:?}"
        );
        h.axe("import-choices").await;
        h.fits_laptop_screen("import-choices").await;
        h.click_button("Import 6 referrals").await;
        let list = h.wait_text(".split__list", "Tolúwalàṣẹ́ Adeyemi").await;
        assert!(list.contains("Harpreet Kaur Singh"), "{list}");

        // The next list from the same source: other headings, two faulty
        // rows; the panel's choices are already made.
        start_import(&h, "import/split-names-faulty.csv").await;
        let summary = h
            .wait_text("[data-testid=import-summary]", "problems")
            .await;
        assert!(summary.contains("2 problems to fix"), "{summary}");
        let places: Vec<(String, String)> = h
            .table_rows("problems-title")
            .await
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        assert_eq!(
            places,
            [
                ("4".to_string(), "Date of birth".to_string()),
                (
                    "5".to_string(),
                    "First name + Middle name + Surname".to_string()
                )
            ]
        );
        assert_eq!(
            h.find("#every-consent")
                .await
                .prop("value")
                .await
                .unwrap()
                .as_deref(),
            Some("given"),
            "the value for every row is remembered"
        );
        h
    })
    .await;
}
