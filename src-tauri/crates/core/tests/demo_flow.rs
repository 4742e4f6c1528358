//! Flows a coordinator runs on the demo borough.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_core::Store;
use roundtable_core::domain::case::{CaseInput, Consent, ReferralRoute};
use roundtable_core::services::cases::{self, CaseFilter};
use roundtable_core::services::{demo, panels};

#[test]
fn a_referral_typed_without_a_date_of_birth_is_offered_the_earlier_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("t.db"), "demo passphrase").unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    demo::load(&mut store, today).unwrap();
    let panel = panels::list(store.conn()).unwrap()[0].id;
    let mut input = CaseInput::blank(panel, today);
    input.subject_name = "AMARA  okafor".into();
    input.referral_route = Some(ReferralRoute::ProfessionalJudgement);
    input.referral_reason = "Seen with older males.".into();
    input.consent = Some(Consent::Given);
    let case = cases::create(&mut store, &input, today).unwrap();
    assert_eq!(
        case.possible_repeats.len(),
        1,
        "{:?}",
        case.possible_repeats
    );
    assert!(case.possible_repeats[0].within_repeat_window);
    assert!(
        cases::list(store.conn(), &CaseFilter::default(), today)
            .unwrap()
            .len()
            > 60
    );
}

#[test]
fn the_next_demo_meeting_has_earlier_actions_to_review_and_cases_with_history() {
    use roundtable_core::services::{actions, cockpit, meetings};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("t.db"), "demo passphrase").unwrap();
    let today = roundtable_core::dates::local_today();
    demo::load(&mut store, today).unwrap();
    let next = meetings::list(store.conn(), None)
        .unwrap()
        .into_iter()
        .find(|m| m.status != "held")
        .unwrap();
    let review = actions::for_review(store.conn(), next.id, today).unwrap();
    assert!(
        review.len() >= 4,
        "open actions from the last meetings come back: {}",
        review.len()
    );
    assert!(review.iter().all(|a| a.status.is_open()));
    let detail = meetings::get(store.conn(), next.id).unwrap();
    let reviewed = detail
        .items
        .iter()
        .filter_map(|i| i.case.as_ref())
        .map(|c| cockpit::case_in_meeting(store.conn(), next.id, c.id, today).unwrap())
        .find(|v| !v.history.is_empty())
        .expect("a case heard before");
    assert!(reviewed.history.iter().all(|h| h.risk_level.is_some()));
}
