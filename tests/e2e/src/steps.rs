//! Steps several scenarios take the same way, in the window and in the
//! browser alike: opening the demo's latest held meeting's minutes, and
//! the choices the split-names referral list needs in the import preview.

use fantoccini::Locator;

use super::{Harness, WAIT};

impl Harness {
    /// On the Meetings screen: the most recent held meeting, its minutes.
    pub async fn open_latest_held_minutes(&self) {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(
                "(//ul[@aria-label='Meetings']//button[contains(., 'Held')])[1]",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.click_button("Minutes and action plans").await;
    }

    /// In the preview of `import/split-names.xlsx`: a consent and a route
    /// for the whole file, and the directory agency for each referrer's
    /// word, until it is ready to import.
    pub async fn choose_for_split_names(&self) {
        self.select("every-consent", "given").await;
        self.select("every-referral_route", "professional_judgement")
            .await;
        self.select_text("agency-word-0", "Lowbridge Police, Public Protection Unit")
            .await;
        self.select_text("agency-word-1", "Lowbridge Hospital Emergency Department")
            .await;
        self.select_text("agency-word-2", "Education Inclusion Team")
            .await;
        self.wait_text("[data-testid=import-summary]", "Ready to import")
            .await;
    }
}
