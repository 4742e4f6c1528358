//! Between meetings on the demo borough: the coordinator records agencies'
//! reports in the action tracker (one, then several at once), finds them in
//! the next meeting's review, opens the statistics and saves them as CSV,
//! and reads a repeat person's timeline. axe-core on each screen.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use fantoccini::Locator;
use roundtable_e2e::{Harness, scenario};

/// A screenshot of one part of a long page: scrolled to the top of the
/// window for it, then back. (Shifting `main` up by a negative margin
/// instead left WebKit's screenshot waiting for ever when painting without
/// compositing.)
async fn show(h: &Harness, css: &str, label: &str) {
    h.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); return true;",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    h.screenshot(label).await;
    h.client
        .execute("window.scrollTo(0, 0); return true;", vec![])
        .await
        .unwrap();
}

async fn tick_row(h: &Harness, n: usize) -> String {
    let row = h
        .client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(&format!(
            "(//table[@data-testid='tracker']/tbody/tr)[{n}]"
        )))
        .await
        .unwrap();
    let text = row.text().await.unwrap();
    row.find(Locator::Css("input[type=checkbox]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    text
}

fn count(text: &str) -> usize {
    text.split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no count in {text:?}"))
}

#[tokio::test]
async fn reports_between_meetings_reach_the_review_and_the_statistics_open() {
    scenario("between", |h| async move {
        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;

        // The tracker: open actions, soonest due first, lateness by agency.
        h.click_link("Actions").await;
        h.heading("Actions").await;
        h.find("[data-testid=lateness]").await;
        let before = count(&h.wait_text("[data-testid=tracker-count]", "action").await);
        assert!(before >= 4, "open actions in the demo: {before}");
        h.axe("actions").await;
        h.fits_laptop_screen("actions").await;

        // One agency's report, dated today by default.
        let first = tick_row(&h, 1).await;
        h.select("report-status", "in_progress").await;
        h.fill("report-note", "Assessment started; home visit booked.")
            .await;
        h.click_button("Record the report").await;
        h.wait_text(
            "[data-testid=tracker]",
            "Assessment started; home visit booked.",
        )
        .await;
        assert!(first.contains("Open"), "{first}");

        // Two at once, done: they leave the open list.
        tick_row(&h, 2).await;
        tick_row(&h, 3).await;
        h.select("report-status", "done").await;
        h.fill("report-note", "Completed; confirmed by email.")
            .await;
        h.click_button("Record the report").await;
        let after = h
            .wait_text(
                "[data-testid=tracker-count]",
                &format!("{} action", before - 2),
            )
            .await;
        assert_eq!(count(&after), before - 2);
        h.screenshot("actions-reported").await;

        // A bad date is refused beside its field; nothing changes.
        tick_row(&h, 1).await;
        h.fill("report-date", "31/12/2099").await;
        h.click_button("Record the report").await;
        h.wait_text("#report-date-error", "cannot be in the future")
            .await;
        h.axe("actions-error").await;

        // The next meeting's review shows what was reported in between.
        h.click_link("Meetings").await;
        h.heading("Meetings").await;
        h.click_button("Run the meeting").await;
        h.heading("The meeting has not started").await;
        h.press("n").await;
        h.heading("Introductions, attendance and confidentiality")
            .await;
        h.press("n").await;
        h.heading("Review of open actions").await;
        let review = h
            .wait_text("main", "Assessment started; home visit booked.")
            .await;
        assert!(
            review.contains("Completed; confirmed by email."),
            "{review}"
        );
        h.find("[data-testid=reported-between]").await;
        h.axe("review-with-reports").await;
        h.click_button("Back").await;

        // Statistics for the last full quarter: figures, charts and tables.
        h.click_link("Statistics").await;
        h.heading("Statistics").await;
        let summary = h
            .wait_text("[data-testid=stats-summary]", "Cases heard")
            .await;
        assert!(summary.contains("repeat rate"), "{summary}");
        // The chart is drawn: its canvas has ink on it.
        h.find("canvas[data-testid=chart-gender-chart]").await;
        let inked = h
            .client
            .execute(
                r#"const c = document.querySelector("[data-testid=chart-gender-chart]");
                   const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                   return n;"#,
                vec![],
            )
            .await
            .unwrap();
        assert!(inked.as_u64().unwrap_or(0) > 1_000, "chart pixels: {inked}");
        h.find("[data-testid=chart-age_band-table]").await;
        h.axe("statistics").await;
        show(&h, ".chart-grid", "statistics-charts").await;
        show(&h, "[data-testid=stats-actions]", "statistics-actions").await;
        h.fits_laptop_screen("statistics").await;
        let out = h.export_dir();
        h.fill("stats-export-folder", &out.display().to_string())
            .await;
        h.click_button("Save as CSV").await;
        h.wait_text("[data-testid=stats-export-written]", "Saved")
            .await;
        let csv: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(csv.len(), 1);
        let text = std::fs::read_to_string(&csv[0]).unwrap();
        assert!(text.starts_with("section,item,value,share"), "{text}");
        assert!(text.contains("Cases heard"));

        // The SafeLives return: exact, with the area's rate once its
        // population is entered, saved as XLSX for submission.
        h.wait_text("[data-testid=return-warning]", "Exact figures")
            .await;
        show(&h, "#return-title", "safelives-return-first").await;
        h.fill("return-women", "112,400").await;
        h.fill("return-source", "ONS mid-2024 estimate").await;
        h.click_button("Save the population").await;
        h.wait_text("[data-testid=return-rate]", "112,400 women")
            .await;
        h.axe("safelives-return").await;
        show(&h, "#return-title", "safelives-return").await;
        h.fill("return-export-folder", &out.display().to_string())
            .await;
        h.click_button("Save the return as XLSX").await;
        h.wait_text("[data-testid=return-export-written]", ".xlsx")
            .await;
        let xlsx = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
            .expect("the return, saved");
        assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "a workbook");

        // A repeat person's timeline: both referrals, in order.
        h.click_link("Cases").await;
        h.heading("Cases").await;
        h.fill("case-search", "Ajayi").await;
        h.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::XPath(
                "(//ul[@aria-label='Cases']//button[contains(., 'Repeat') and contains(., 'Fọláṣadé')])[1]",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        h.wait_text(".detail-header", "Fọláṣadé").await;
        let timeline = h
            .wait_text("[data-testid=timeline]", "Confirmed as the same person")
            .await
            .to_lowercase();
        for words in ["referral", "hearing", "outcome", "risk assessed"] {
            assert!(timeline.contains(words), "{words} in {timeline}");
        }
        show(&h, "[data-testid=timeline]", "case-timeline-shown").await;
        h.axe("case-timeline").await;
        h
    })
    .await;
}
