//! Working a screen as a person would: finding an element, heading, button
//! or link (waiting for it to appear), pressing keys, filling and choosing
//! in fields, uploading a file, and reading text, fields and tables back,
//! waiting until they show what is expected.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::elements::Element;

use super::{Harness, WAIT, workspace_root};

impl Harness {
    /// Presses keys on whatever has the focus, as a person at the keyboard.
    pub async fn press(&self, keys: &str) {
        let focused = self.client.active_element().await.unwrap();
        focused.send_keys(keys).await.unwrap();
    }

    /// Waits until the field with this id holds exactly `expected`.
    pub async fn wait_value(&self, id: &str, expected: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self
                .find(&format!("#{id}"))
                .await
                .prop("value")
                .await
                .unwrap()
                .unwrap_or_default();
            if value == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "#{id} never held {expected:?}; last value: {value:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until everything typed has been committed ("All changes saved").
    pub async fn wait_saved(&self) {
        self.wait_text("[data-testid=save-status]", "All changes saved")
            .await;
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|err| panic!("no element matches {css}: {err}"))
    }

    /// Waits for a heading (h1 or h2) with this exact text.
    pub async fn heading(&self, text: &str) -> Element {
        let xpath = format!(
            "//*[self::h1 or self::h2][normalize-space(.)={}]",
            xpath_literal(text)
        );
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|err| panic!("no heading {text:?}: {err}"))
    }

    /// Clicks the button whose visible text starts with `text`.
    pub async fn click_button(&self, text: &str) {
        let xpath = format!(
            "//button[starts-with(normalize-space(.), {})]",
            xpath_literal(text)
        );
        let button = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|err| panic!("no button {text:?}: {err}"));
        button.click().await.unwrap();
    }

    /// Clicks the link with exactly this text.
    pub async fn click_link(&self, text: &str) {
        let xpath = format!("//a[normalize-space(.)={}]", xpath_literal(text));
        let link = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap();
        link.click().await.unwrap();
    }

    /// Replaces the text in the field with this id.
    pub async fn fill(&self, id: &str, text: &str) {
        let field = self.find(&format!("#{id}")).await;
        if text.is_empty() {
            // Select all and delete, as a person would: unlike WebDriver's
            // clear, this fires the input event the UI listens to.
            field.click().await.unwrap();
            field.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
        } else {
            field.clear().await.unwrap();
            field.send_keys(text).await.unwrap();
        }
    }

    /// Chooses a file in the `<input type=file>` with this id, as a person
    /// picking it in the file dialog would.
    pub async fn upload(&self, id: &str, path: &Path) {
        let field = self.find(&format!("#{id}")).await;
        field.send_keys(&path.display().to_string()).await.unwrap();
    }

    /// A file kept with the tests (under tests/fixtures).
    pub fn fixture(relative: &str) -> PathBuf {
        workspace_root()
            .join("tests/fixtures")
            .join(relative)
            .canonicalize()
            .unwrap()
    }

    /// Chooses the option whose visible text is `text`.
    pub async fn select_text(&self, id: &str, text: &str) {
        let field = self.find(&format!("#{id}")).await;
        field.select_by_label(text).await.unwrap();
    }

    pub async fn select(&self, id: &str, value: &str) {
        let field = self.find(&format!("#{id}")).await;
        field.select_by_value(value).await.unwrap();
    }

    /// Each row of the table captioned by `caption_id`, as its cells' text.
    pub async fn table_rows(&self, caption_id: &str) -> Vec<Vec<String>> {
        let css = format!("table[aria-labelledby={caption_id}] tbody tr");
        let mut rows = Vec::new();
        for row in self.client.find_all(Locator::Css(&css)).await.unwrap() {
            let mut cells = Vec::new();
            for cell in row.find_all(Locator::Css("td")).await.unwrap() {
                cells.push(cell.text().await.unwrap());
            }
            rows.push(cells);
        }
        rows
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    /// Waits until the element's text contains `expected`.
    pub async fn wait_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(expected) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never showed {expected:?}; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The whole page's visible text.
    pub async fn page_text(&self) -> String {
        self.text("body").await
    }
}

/// Quotes text for an XPath expression.
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
