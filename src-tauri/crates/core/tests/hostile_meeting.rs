//! Hostile input to the commands used in and after a meeting: attendance,
//! what each agency shares, the risk assessment and outcome, actions and
//! their reports, case decisions, the panel's categories, the agenda,
//! approval and amendments, retention and the tracker's filter. Whatever is
//! typed, the core saves it clean (trimmed, exactly what was typed) or
//! refuses it with a clear error naming the field; it never panics, and the
//! database stays whole with its audit log intact.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::cell::RefCell;

use common::{Fixture, assert_whole, clear, hostile_text as text, today};
use proptest::prelude::*;
use roundtable_core::domain::action::{ActionInput, ActionStatus, ReportInput};
use roundtable_core::domain::meeting::HearingOutcome;
use roundtable_core::domain::meeting::MeetingDetail;
use roundtable_core::domain::running::{
    AssessmentInput, AttendeeInput, OutcomeInput, ShareInput, ShareState,
};
use roundtable_core::features::cases::{self, CaseAction};
use roundtable_core::features::retention::{self, DeleteDueInput};
use roundtable_core::features::tracker::{self, ActionFilter};
use roundtable_core::features::{actions, agenda, approval, running};
use roundtable_core::store::Engine;
use uuid::Uuid;

fn share_state() -> impl Strategy<Value = ShareState> {
    prop_oneof![
        Just(ShareState::Known),
        Just(ShareState::NotKnown),
        Just(ShareState::NotPresent),
        Just(ShareState::SentInWriting),
    ]
}

fn outcome() -> impl Strategy<Value = HearingOutcome> {
    prop_oneof![
        Just(HearingOutcome::Continue),
        Just(HearingOutcome::Close),
        Just(HearingOutcome::Escalate),
        Just(HearingOutcome::Redirect),
        Just(HearingOutcome::Defer),
    ]
}

fn status() -> impl Strategy<Value = ActionStatus> {
    prop_oneof![
        Just(ActionStatus::Open),
        Just(ActionStatus::InProgress),
        Just(ActionStatus::Done),
        Just(ActionStatus::NotDoneCircumstances),
        Just(ActionStatus::NotDoneAgency),
    ]
}

/// What a text field is saved as: trimmed, or nothing when blank.
fn saved(typed: &str) -> Option<String> {
    let t = typed.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[test]
fn meeting_commands_survive_hostile_input_and_the_database_stays_whole() {
    let f = hostile_meeting(common::case_on_an_agenda());
    assert_whole(&f.store);
}

#[test]
fn meeting_commands_survive_hostile_input_on_postgres() {
    let mut f = hostile_meeting(common::pg_case_on_an_agenda());
    let check = f.store.verify_audit(&[]).unwrap();
    assert!(check.intact, "{}", check.message);
}

fn hostile_meeting<S: Engine>(
    (mut f, case_id, meeting): (Fixture<S>, Uuid, MeetingDetail),
) -> Fixture<S> {
    let item = meeting.items[0].id;
    let agreed = actions::add(
        &mut f.store,
        &ActionInput {
            meeting_id: meeting.id,
            case_id: Some(case_id),
            agency_id: Some(f.police),
            text: "Visit the family with the school's safeguarding lead".into(),
            due: "+2w".into(),
            officer: String::new(),
        },
        today(),
    )
    .unwrap()
    .action
    .id;
    let (panel_id, police, meeting_id) = (f.panel.id, f.police, meeting.id);
    let referral = f.referral("Jonah Pereira", "01/01/2010", "2026-11-02");
    let store = RefCell::new(&mut f.store);

    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    });
    runner
        .run(
            &(
                (text(), text(), text(), text()),
                share_state(),
                outcome(),
                status(),
                (any::<u32>(), any::<u32>(), any::<bool>()),
            ),
            |((a, b, c, d), state, decided, reported, (n, m, yes))| {
                let mut store = store.borrow_mut();

                let person = AttendeeInput {
                    agency_id: Some(police),
                    name: a.clone(),
                    role: b.clone(),
                    acknowledged: yes,
                    arrived_at: c.clone(),
                    left_at: d.clone(),
                };
                match running::add_attendee(&mut **store, meeting_id, &person) {
                    Ok(list) => {
                        let last = list.last().unwrap();
                        prop_assert_eq!(Some(last.name.clone()), saved(&a));
                    }
                    Err(e) => prop_assert!(clear(&e), "attendee: {e:?}"),
                }

                let share = ShareInput {
                    state,
                    facts: a.clone(),
                    opinion: b.clone(),
                    withheld: c.clone(),
                    withheld_reason: d.clone(),
                    based_on: None,
                };
                match running::share(&mut **store, meeting_id, case_id, police, &share) {
                    Ok(record) => {
                        let s = record
                            .shares
                            .iter()
                            .find(|s| s.agency_id == police)
                            .unwrap();
                        prop_assert_eq!(&s.facts, &saved(&a), "facts saved as typed");
                        prop_assert_eq!(&s.opinion, &saved(&b), "opinion saved as typed");
                        prop_assert!(s.withheld.is_none() || s.withheld_reason.is_some());
                    }
                    Err(e) => prop_assert!(clear(&e), "share: {e:?}"),
                }

                let assessment = AssessmentInput {
                    summary: a.clone(),
                    risk_level: None,
                    risk_rag: None,
                    likelihood: Some(n % 6),
                    impact: Some(m % 5),
                    decisions: b.clone(),
                    who_tells: c.clone(),
                };
                match running::assess(&mut **store, meeting_id, case_id, &assessment) {
                    Ok(record) => {
                        prop_assert!(record.likelihood.is_none_or(|l| (1..=3).contains(&l)));
                        prop_assert!(record.impact.is_none_or(|i| (1..=3).contains(&i)));
                        prop_assert_eq!(record.summary, saved(&a));
                    }
                    Err(e) => prop_assert!(clear(&e), "assessment: {e:?}"),
                }

                let decision = OutcomeInput {
                    outcome: decided,
                    review: d.clone(),
                    reason: a.clone(),
                };
                if let Err(e) =
                    running::decide(&mut **store, meeting_id, case_id, &decision, today())
                {
                    prop_assert!(clear(&e), "outcome: {e:?}");
                }

                let action = ActionInput {
                    meeting_id,
                    case_id: Some(case_id),
                    agency_id: Some(police),
                    text: a.clone(),
                    due: b.clone(),
                    officer: c.clone(),
                };
                if let Err(e) = actions::update(&mut **store, agreed, &action, today()) {
                    prop_assert!(clear(&e), "action edit: {e:?}");
                }
                if let Err(e) = actions::report(
                    &mut **store,
                    agreed,
                    reported,
                    &d,
                    Some(meeting_id),
                    today(),
                ) {
                    prop_assert!(clear(&e), "report at the meeting: {e:?}");
                }
                let report = ReportInput {
                    status: reported,
                    note: a.clone(),
                    reported_on: b.clone(),
                };
                if let Err(e) = actions::report_many(&mut **store, &[agreed], &report, today()) {
                    prop_assert!(clear(&e), "report between meetings: {e:?}");
                }
                if let Err(e) = actions::report_many(&mut **store, &[], &report, today()) {
                    prop_assert!(clear(&e), "report on nothing: {e:?}");
                } else {
                    prop_assert!(false, "a report on no action is refused");
                }

                // A fresh referral each time, so every decision can be tried.
                let fresh = cases::create(&mut **store, &referral, today());
                let fresh = match fresh {
                    Ok(c) => c.id,
                    Err(e) => {
                        prop_assert!(clear(&e), "referral: {e:?}");
                        return Ok(());
                    }
                };
                for decision in [
                    CaseAction::Redirect {
                        service: a.clone(),
                        reason: b.clone(),
                    },
                    CaseAction::Defer { reason: c.clone() },
                    CaseAction::Close { reason: d.clone() },
                ] {
                    if let Err(e) = cases::transition(&mut **store, fresh, &decision, today()) {
                        prop_assert!(clear(&e), "case decision: {e:?}");
                    }
                }
                if let Err(e) = cases::triage(
                    &mut **store,
                    &[fresh, Uuid::new_v4()],
                    &CaseAction::Close { reason: a.clone() },
                    None,
                    today(),
                ) {
                    prop_assert!(clear(&e), "triage: {e:?}");
                }
                if let Err(e) = cases::decide_repeat(&mut **store, fresh, case_id, yes, today()) {
                    prop_assert!(clear(&e), "repeat decision: {e:?}");
                }

                if let Err(e) = cases::set_panel_concerns(
                    &mut **store,
                    panel_id,
                    &[a.clone(), b.clone(), "Knife crime".into()],
                ) {
                    prop_assert!(clear(&e), "categories: {e:?}");
                }
                let unknown_panel = cases::set_panel_concerns(
                    &mut **store,
                    Uuid::new_v4(),
                    &["Knife crime".into()],
                );
                prop_assert!(
                    matches!(
                        unknown_panel,
                        Err(roundtable_core::error::CoreError::NotFound(_))
                    ),
                    "categories of an unknown panel: {unknown_panel:?}"
                );
                if let Err(e) = agenda::set_planned_minutes(&mut **store, item, n) {
                    prop_assert!(clear(&e), "planned minutes: {e:?}");
                }
                if let Err(e) = agenda::move_item(&mut **store, item, m) {
                    prop_assert!(clear(&e), "agenda move: {e:?}");
                }
                if let Err(e) = approval::approve(&mut **store, meeting_id, &a) {
                    prop_assert!(clear(&e), "approval: {e:?}");
                }
                if let Err(e) = approval::start_amendment(&mut **store, meeting_id, &b) {
                    prop_assert!(clear(&e), "amendment: {e:?}");
                }
                if let Err(e) = approval::finish_amendment(&mut **store, meeting_id, &c) {
                    prop_assert!(clear(&e), "amendment: {e:?}");
                }
                let unknown = DeleteDueInput {
                    case_ids: vec![Uuid::new_v4(), case_id],
                };
                match retention::delete_due(&mut **store, &unknown, today()) {
                    Ok(_) => prop_assert!(false, "an open case is never deleted"),
                    Err(e) => prop_assert!(clear(&e), "retention: {e:?}"),
                }
                let filter = ActionFilter {
                    case_reference: a.clone(),
                    due_within_days: Some(n),
                    ..ActionFilter::open()
                };
                if let Err(e) = store.read(|db| tracker::list(db, &filter, today())) {
                    prop_assert!(clear(&e), "tracker filter: {e:?}");
                }
                Ok(())
            },
        )
        .unwrap();

    let _ = store.into_inner();
    assert!(
        f.store.read(|db| cases::get(db, case_id, today())).is_ok(),
        "the case under test is still there"
    );
    f
}
