//! Flows a coordinator runs on the demo borough.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_core::Store;
use roundtable_core::domain::case::{CaseInput, Consent, ReferralRoute};
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::{demo, panels};

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
    use roundtable_core::features::{actions, cockpit, meetings};
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

/// A newcomer opening a held demo meeting sees what a real one records.
#[test]
fn every_held_demo_meeting_records_attendance_sharing_risk_and_outcomes() {
    use roundtable_core::domain::running::{AttendanceStatus, ShareState};
    use roundtable_core::features::{meetings, running};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("t.db"), "demo passphrase").unwrap();
    let today = roundtable_core::dates::local_today();
    demo::load(&mut store, today).unwrap();
    let held: Vec<_> = meetings::list(store.conn(), None)
        .unwrap()
        .into_iter()
        .filter(|m| m.status == "held")
        .collect();
    assert_eq!(held.len(), 6, "six past meetings");
    for m in held {
        let conn = store.conn();
        let agencies = running::attendance(conn, m.id).unwrap();
        let count = |s: AttendanceStatus| agencies.iter().filter(|a| a.status == Some(s)).count();
        assert!(
            count(AttendanceStatus::Present) >= 15,
            "{}: most agencies present",
            m.date
        );
        assert!(
            count(AttendanceStatus::Apologies) >= 2,
            "{}: apologies",
            m.date
        );
        assert!(
            count(AttendanceStatus::SentInWriting) >= 1,
            "{}: sent in writing",
            m.date
        );
        let people = running::attendees(conn, m.id).unwrap();
        assert_eq!(
            people.len(),
            count(AttendanceStatus::Present),
            "one named attendee an agency present"
        );
        assert!(
            people.iter().all(|p| p.acknowledged),
            "each acknowledged the confidentiality statement"
        );
        let detail = meetings::get(conn, m.id).unwrap();
        let mut heard = 0;
        for case in detail.items.iter().filter_map(|i| i.case.as_ref()) {
            let record = running::hearing_record(conn, m.id, case.id).unwrap();
            heard += 1;
            let known = record
                .shares
                .iter()
                .filter(|s| s.state == ShareState::Known)
                .count();
            assert!(
                record.shares.len() >= 4 && known >= 2,
                "{}: several agencies shared",
                m.date
            );
            assert!(
                record
                    .shares
                    .iter()
                    .any(|s| s.facts.is_some() && s.opinion.is_some()),
                "fact and opinion"
            );
            assert!(
                record.summary.is_some()
                    && record.decisions.is_some()
                    && record.who_tells.is_some()
            );
            assert!(record.risk_level.is_some() && record.outcome.is_some());
            assert!(
                record.outcome_reason.is_some() || record.review_due.is_some(),
                "each outcome has its reason or review date"
            );
        }
        assert!(heard >= 8, "{}: its cases were heard", m.date);
    }
}
