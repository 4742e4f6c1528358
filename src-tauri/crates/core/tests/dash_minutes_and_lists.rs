//! The SafeLives Dash where it leaves or enters the app, on both engines:
//! the minutes carry the score and never an answer, an agency's action plan
//! carries no Dash at all, and a referral list with a Dash score column sets
//! the route by the score, naming a bad score by row and column.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::dash::{checklist, pdf_text};

use chrono::{TimeZone, Utc};
use common::{Fixture, today};
use roundtable_core::domain::action::ActionInput;
use roundtable_core::domain::case::ReferralRoute;
use roundtable_core::domain::dash::DashVersion;
use roundtable_core::domain::meeting::MeetingDetail;
use roundtable_core::features::cases::CaseFilter;
use roundtable_core::features::{actions, cases, dash as dash_feature, documents, import};
use roundtable_core::import::ImportField;
use roundtable_core::store::Engine;
use uuid::Uuid;

fn minutes_carry_the_score_and_plans_no_dash<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    dash_feature::record(
        &mut f.store,
        case,
        &checklist(DashVersion::Adult, 16, 2),
        today(),
    )
    .unwrap();
    let mut yp = checklist(DashVersion::YoungPerson, 11, 0);
    yp.completed_on = "2026-11-22".into();
    dash_feature::record(&mut f.store, case, &yp, today()).unwrap();
    let action = ActionInput {
        meeting_id: m.id,
        case_id: Some(case),
        agency_id: Some(f.police),
        text: "Flag the address for an urgent response.".into(),
        due: "2026-12-18".into(),
        officer: String::new(),
    };
    actions::add(&mut f.store, &action, today()).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 12, 4, 12, 0, 0).unwrap();
    let (minutes, plan) = f
        .store
        .read(|db| {
            Ok((
                documents::minutes(db, m.id, now)?,
                documents::action_plan(db, m.id, f.police, now)?,
            ))
        })
        .unwrap();
    let minutes = pdf_text(&minutes);
    let flat = minutes.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Dash checklist"), "{flat}");
    assert!(
        flat.contains("16 of 24, visible high risk, 20 November 2026"),
        "{flat}"
    );
    assert!(
        flat.contains("re-assessed 11 of 24, 22 November 2026"),
        "{flat}"
    );
    let plan = pdf_text(&plan);
    assert!(
        plan.contains("Flag the address"),
        "the plan is the police's"
    );
    for text in [&minutes, &plan] {
        for version in DashVersion::ALL {
            for (_, _, question) in version.questions() {
                let words: String = question.chars().take(30).collect();
                assert!(
                    !text.replace('\n', " ").contains(&words),
                    "an answer's question leaked: {words}"
                );
            }
        }
        assert!(
            !text.contains("Police report of 18 November"),
            "a source leaked"
        );
    }
    assert!(!plan.contains("Dash"), "an action plan carries no Dash");
}

/// A referral list with a Dash score column: 14 or more sets the route to
/// visible high risk, a score kept without answers; a lower score cannot
/// claim it, and a score that is not 0-24 is named by row and column.
fn a_list_with_dash_scores_sets_the_route_by_the_score<S: Engine>(
    (mut f, _case, _m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let head = "Name,Date of birth,Referral date,Route,Reason,Consent,DASH score\n";
    let good = format!(
        "{head}Zara Ahmed,01/02/2009,10/11/2026,Professional judgement,Threats.,Yes,16\n\
         Noor Ali,02/03/2009,11/11/2026,Professional judgement,Controlling partner.,Yes,9\n\
         Mia Stone,03/04/2009,12/11/2026,Professional judgement,Stalking.,Yes,\n"
    );
    let p = f
        .store
        .read(|db| import::preview(db, f.panel.id, "dash.csv", good.as_bytes(), None, today()))
        .unwrap();
    assert!(p.can_import, "{:#?}", p.problems);
    assert!(p.mapping.iter().any(|m| m.field == ImportField::DashScore && m.header.as_deref() == Some("DASH score")));
    import::commit(
        &mut f.store,
        f.panel.id,
        "dash.csv",
        good.as_bytes(),
        &p.choices(),
        today(),
    )
    .unwrap();
    let listed = f
        .store
        .read(|db| {
            cases::list(
                db,
                &CaseFilter {
                    panel_id: Some(f.panel.id),
                    status: None,
                    query: String::new(),
                },
                today(),
            )
        })
        .unwrap();
    let mut case_of = |name: &str| {
        let id = listed.iter().find(|c| c.subject_name == name).unwrap().id;
        f.store.read(|db| cases::get(db, id, today())).unwrap()
    };
    let zara = case_of("Zara Ahmed");
    assert_eq!(zara.input.referral_route, Some(ReferralRoute::RiskScore));
    assert_eq!(
        (
            zara.dash[0].score,
            zara.dash[0].from_list,
            zara.dash[0].visible_high_risk
        ),
        (16, true, true)
    );
    assert_eq!(zara.dash[0].completed_on, "2026-11-10");
    let noor = case_of("Noor Ali");
    assert_eq!(
        noor.input.referral_route,
        Some(ReferralRoute::ProfessionalJudgement)
    );
    assert_eq!(noor.dash[0].score, 9);
    assert!(case_of("Mia Stone").dash.is_empty());

    let bad = format!(
        "{head}Lee Chan,04/05/2009,13/11/2026,Risk score,Threats.,Yes,11\n\
         Ola Bello,05/06/2009,14/11/2026,Professional judgement,Threats.,Yes,25\n"
    );
    let p = f
        .store
        .read(|db| import::preview(db, f.panel.id, "bad.csv", bad.as_bytes(), None, today()))
        .unwrap();
    assert_eq!(p.problem_count, 2, "{:#?}", p.problems);
    assert!(
        p.problems.iter().all(|r| r.column == "DASH score"),
        "{:#?}",
        p.problems
    );
    assert!(p.problems[0].message.contains("visible high risk needs 14"));
    assert!(
        p.problems[1]
            .message
            .contains("not a whole number from 0 to 24")
    );
}

crate::on_both_engines!(
    crate::common::case_on_an_agenda, crate::common::pg_case_on_an_agenda;
    minutes_carry_the_score_and_plans_no_dash,
    a_list_with_dash_scores_sets_the_route_by_the_score,
);
