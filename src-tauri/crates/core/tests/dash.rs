//! The SafeLives Dash checklist at referral, through the core on both
//! engines: the score is the count of "yes" answers and nothing else; 14 or
//! more sets the referral route to visible high risk; a lower re-assessment
//! is kept beside the first and lowers nothing; the route cannot claim
//! visible high risk against the checklist; bad input is refused by field
//! and stores nothing; a checklist being filled in is kept as a draft. The
//! Dash in the minutes, the action plans and imported lists is in
//! `dash_minutes_and_lists`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use chrono::{TimeZone, Utc};
use common::{Fixture, clear, fields, today};
use proptest::prelude::*;
use roundtable_core::domain::case::{ReferralRoute, YesNoUnknown};
use roundtable_core::domain::dash::{self, DashAnswer, DashInput, DashVersion, VISIBLE_HIGH_RISK};
use roundtable_core::domain::meeting::MeetingDetail;
use roundtable_core::features::{cases, cockpit, dash as dash_feature, documents, person};
use roundtable_core::store::Engine;
use uuid::Uuid;

/// A checklist with `yes` answers "yes", then `unknown` "not known", the
/// rest "no"; the second answer reported by a third party.
pub(crate) fn checklist(version: DashVersion, yes: usize, unknown: usize) -> DashInput {
    let answers = (0..version.questions().len())
        .map(|i| DashAnswer {
            answer: Some(if i < yes {
                YesNoUnknown::Yes
            } else if i < yes + unknown {
                YesNoUnknown::NotKnown
            } else {
                YesNoUnknown::No
            }),
            source: if i == 1 {
                "Police report of 18 November".into()
            } else {
                String::new()
            },
        })
        .collect();
    DashInput {
        version,
        completed_on: "20/11/2026".into(),
        completed_by: "Priya Shah, IDVA, Lowbridge Women's Aid".into(),
        answers,
    }
}

pub(crate) fn pdf_text(doc: &roundtable_pdf::Document) -> String {
    common::pdf_text(&documents::pdf(doc).unwrap())
}

fn fourteen_sets_the_route_and_a_reassessment_is_kept<S: Engine>(
    (mut f, case, _m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let first = dash_feature::record(
        &mut f.store,
        case,
        &checklist(DashVersion::Adult, 14, 6),
        today(),
    )
    .unwrap();
    assert_eq!(first.dash.len(), 1);
    let a = &first.dash[0];
    assert_eq!(
        (a.score, a.visible_high_risk, a.reassessment),
        (14, true, false)
    );
    assert_eq!(a.completed_on, "2026-11-20");
    assert_eq!(a.answers[1].source, "Police report of 18 November");
    assert_eq!(first.input.referral_route, Some(ReferralRoute::RiskScore));
    let event = first.history.last().unwrap();
    assert_eq!(event.kind, "dash");
    assert!(
        event.detail.contains("14 of 24, visible high risk"),
        "{}",
        event.detail
    );
    assert!(
        event
            .detail
            .contains("Referral route set to visible high risk")
    );

    // A later, lower score is kept beside the first; the route stays.
    let mut later = checklist(DashVersion::Adult, 9, 0);
    later.completed_on = "2026-11-23".into();
    let again = dash_feature::record(&mut f.store, case, &later, today()).unwrap();
    let scores: Vec<(u32, bool)> = again
        .dash
        .iter()
        .map(|d| (d.score, d.reassessment))
        .collect();
    assert_eq!(scores, vec![(14, false), (9, true)]);
    assert_eq!(again.input.referral_route, Some(ReferralRoute::RiskScore));

    // The cockpit reads the same case.
    let m = f.meeting("2026-12-11");
    let seen = f
        .store
        .read(|db| cockpit::case_in_meeting(db, m.id, case, today()))
        .unwrap();
    assert_eq!(seen.case.dash, again.dash);
}

fn the_route_cannot_claim_high_risk_against_the_score<S: Engine>(
    (mut f, case, _m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let thirteen = dash_feature::record(
        &mut f.store,
        case,
        &checklist(DashVersion::Adult, 13, 11),
        today(),
    )
    .unwrap();
    assert_eq!(thirteen.dash[0].score, 13, "not known is never counted");
    assert_eq!(
        thirteen.input.referral_route,
        Some(ReferralRoute::ProfessionalJudgement)
    );
    let mut input = thirteen.input.clone();
    input.referral_route = Some(ReferralRoute::RiskScore);
    let err = cases::update(&mut f.store, case, &input, today()).unwrap_err();
    assert!(clear(&err));
    assert!(err.to_string().contains("scored 13"), "{err}");
    assert_eq!(fields(err), vec!["referral_route"]);
    let unchanged = f.store.read(|db| cases::get(db, case, today())).unwrap();
    assert_eq!(
        unchanged.input.referral_route,
        Some(ReferralRoute::ProfessionalJudgement)
    );
    assert_eq!(
        unchanged.history.len(),
        thirteen.history.len(),
        "nothing recorded"
    );
}

fn bad_checklists_are_refused_and_store_nothing<S: Engine>(
    (mut f, case, _m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let mut unanswered = checklist(DashVersion::Adult, 3, 0);
    unanswered.answers[4].answer = None;
    unanswered.answers[20].answer = None;
    unanswered.completed_by = "  ".into();
    unanswered.completed_on = "31/02/2026".into();
    let err = dash_feature::record(&mut f.store, case, &unanswered, today()).unwrap_err();
    assert!(clear(&err));
    let said = match &err {
        roundtable_core::CoreError::Validation(list) => {
            list.iter().map(|e| e.message.clone()).collect::<Vec<_>>()
        }
        other => panic!("{other:?}"),
    };
    assert!(
        said.contains(&"Answer question 5: yes, no or not known.".to_string()),
        "{said:?}"
    );
    let mut named = fields(err);
    named.sort();
    assert_eq!(
        named,
        vec!["answers.20", "answers.4", "completed_by", "completed_on"]
    );

    let mut future = checklist(DashVersion::Adult, 3, 0);
    future.completed_on = "2026-11-24".into();
    let mut short = checklist(DashVersion::YoungPerson, 3, 0);
    short.answers.pop();
    let mut long_source = checklist(DashVersion::Adult, 3, 0);
    long_source.answers[0].source = "x".repeat(201);
    for (bad, field) in [
        (future, "completed_on"),
        (short, "answers"),
        (long_source, "answers.0.source"),
    ] {
        let err = dash_feature::record(&mut f.store, case, &bad, today()).unwrap_err();
        assert!(clear(&err));
        assert_eq!(fields(err), vec![field]);
    }
    let err = dash_feature::record(
        &mut f.store,
        Uuid::new_v4(),
        &checklist(DashVersion::Adult, 15, 0),
        today(),
    )
    .unwrap_err();
    assert!(clear(&err), "{err}");
    let case = f.store.read(|db| cases::get(db, case, today())).unwrap();
    assert!(case.dash.is_empty(), "nothing was stored");
    assert_eq!(
        case.input.referral_route,
        Some(ReferralRoute::ProfessionalJudgement)
    );
}

/// A checklist being filled in is kept with each answer (a crash loses
/// nothing), comes back with the case, and goes when it is completed; the
/// subject access export holds every answer.
fn a_draft_is_kept_until_completed<S: Engine>(
    (mut f, case, _m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let mut typing = checklist(DashVersion::Adult, 2, 0);
    typing.answers.truncate(5);
    typing.completed_on = "20/11".into();
    dash_feature::save_draft(&mut f.store, case, &typing).unwrap();
    let back = f.store.read(|db| cases::get(db, case, today())).unwrap();
    assert_eq!(back.dash_draft.as_ref(), Some(&typing));
    assert!(back.dash.is_empty());

    let mut too_long = typing.clone();
    too_long.completed_by = "y".repeat(201);
    let err = dash_feature::save_draft(&mut f.store, case, &too_long).unwrap_err();
    assert_eq!(fields(err), vec!["completed_by"]);
    let err = dash_feature::save_draft(&mut f.store, Uuid::new_v4(), &typing).unwrap_err();
    assert!(clear(&err));
    let back = f.store.read(|db| cases::get(db, case, today())).unwrap();
    assert_eq!(
        back.dash_draft.as_ref(),
        Some(&typing),
        "the last good save stays"
    );

    let done = dash_feature::record(
        &mut f.store,
        case,
        &checklist(DashVersion::Adult, 15, 0),
        today(),
    )
    .unwrap();
    assert_eq!(done.dash_draft, None);
    dash_feature::save_draft(&mut f.store, case, &typing).unwrap();
    let dropped = dash_feature::discard_draft(&mut f.store, case, today()).unwrap();
    assert_eq!(dropped.dash_draft, None);
    assert_eq!(dropped.dash.len(), 1);

    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    let doc = f
        .store
        .read(|db| person::subject_access(db, case, now))
        .unwrap();
    let text = pdf_text(&doc)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Dash checklist of 20 November 2026: 15 of 24, visible high risk"),
        "{text}"
    );
    assert!(text.contains("Police report of 18 November"), "{text}");
    assert!(
        text.contains("Has the current incident resulted in injury?"),
        "{text}"
    );
}

crate::on_both_engines!(
    crate::common::case_on_an_agenda, crate::common::pg_case_on_an_agenda;
    fourteen_sets_the_route_and_a_reassessment_is_kept,
    the_route_cannot_claim_high_risk_against_the_score,
    bad_checklists_are_refused_and_store_nothing,
    a_draft_is_kept_until_completed,
);

fn answer() -> impl Strategy<Value = Option<YesNoUnknown>> {
    prop_oneof![
        Just(Some(YesNoUnknown::Yes)),
        Just(Some(YesNoUnknown::No)),
        Just(Some(YesNoUnknown::NotKnown)),
        Just(None),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Every answer pattern: the score is the number of "yes" answers, a
    /// "not known" is never counted, and visible high risk is 14 or more.
    #[test]
    fn the_score_counts_yes_and_nothing_else(answers in proptest::collection::vec(answer(), 24)) {
        let answers: Vec<DashAnswer> = answers
            .into_iter()
            .map(|answer| DashAnswer { answer, source: String::new() })
            .collect();
        let yes = answers.iter().filter(|a| a.answer == Some(YesNoUnknown::Yes)).count();
        prop_assert_eq!(dash::score(&answers) as usize, yes);
        let input = DashInput {
            version: DashVersion::Adult,
            completed_on: "2026-11-20".into(),
            completed_by: "IDVA".into(),
            answers: answers.clone(),
        };
        match input.validate(today()) {
            Ok(valid) => {
                prop_assert!(answers.iter().all(|a| a.answer.is_some()));
                prop_assert_eq!(valid.score() >= VISIBLE_HIGH_RISK, yes >= 14);
            }
            Err(err) => prop_assert!(answers.iter().any(|a| a.answer.is_none()), "{}", err),
        }
    }
}

/// Around the threshold exactly: 13 is not visible high risk, 14 is, and
/// turning a "yes" into "not known" drops the score by one.
#[test]
fn the_threshold_is_fourteen() {
    for version in DashVersion::ALL {
        assert_eq!(version.questions().len(), 24);
        for (yes, high) in [(0, false), (13, false), (14, true), (15, true), (24, true)] {
            let valid = checklist(*version, yes, 0).validate(today()).unwrap();
            assert_eq!(
                (valid.score(), valid.score() >= VISIBLE_HIGH_RISK),
                (yes as u32, high)
            );
        }
        let fourteen = checklist(*version, 14, 0);
        let mut unsure = fourteen.clone();
        unsure.answers[0].answer = Some(YesNoUnknown::NotKnown);
        assert_eq!(dash::score(&unsure.answers), 13);
    }
    assert_eq!(DashVersion::for_age(Some(15)), DashVersion::YoungPerson);
    assert_eq!(DashVersion::for_age(Some(18)), DashVersion::Adult);
    assert_eq!(DashVersion::for_age(None), DashVersion::Adult);
    let lists = dash::checklists();
    assert!(
        lists
            .iter()
            .all(|c| c.credit.contains("SafeLives") && c.high_risk_from == 14)
    );
}
