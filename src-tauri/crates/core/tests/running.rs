//! Running a meeting through the core: attendance, information sharing by
//! agency, the assessment and outcome, actions and their review, timers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use chrono::{Duration, TimeZone, Utc};
use common::{Fixture, fields, today};
use roundtable_core::CoreError;
use roundtable_core::domain::action::{ActionInput, ActionStatus};
use roundtable_core::domain::case::CaseStatus;
use roundtable_core::domain::meeting::{HearingOutcome, MeetingDetail};
use roundtable_core::domain::running::{
    AssessmentInput, AttendanceStatus, AttendeeInput, OutcomeInput, Rag, RiskLevel, ShareInput,
    ShareState,
};
use roundtable_core::features::cases;
use roundtable_core::features::{actions, meetings, running};
use roundtable_core::store::Engine;
use uuid::Uuid;

fn meeting<S: Engine>(f: &mut Fixture<S>, date: &str) -> MeetingDetail {
    f.meeting(date)
}

fn action(
    m: &MeetingDetail,
    case: Option<Uuid>,
    agency: Option<Uuid>,
    text: &str,
    due: &str,
) -> ActionInput {
    ActionInput {
        meeting_id: m.id,
        case_id: case,
        agency_id: agency,
        text: text.into(),
        due: due.into(),
        officer: String::new(),
    }
}

fn attendance_by_agency_and_by_person<S: Engine>((mut f, _, m): (Fixture<S>, Uuid, MeetingDetail)) {
    let list = f.store.read(|db| running::attendance(db, m.id)).unwrap();
    assert_eq!(list.len(), 2, "both member agencies are expected");
    assert!(list.iter().all(|a| a.status.is_none()));
    assert!(
        list.iter().all(|a| a.heard_from),
        "before attendance is taken the chair hears from every expected agency"
    );
    let list =
        running::set_agency_attendance(&mut f.store, m.id, f.police, AttendanceStatus::Present)
            .unwrap();
    assert_eq!(
        list.iter()
            .find(|a| a.agency_id == f.police)
            .unwrap()
            .status,
        Some(AttendanceStatus::Present)
    );
    let list =
        running::set_agency_attendance(&mut f.store, m.id, f.csc, AttendanceStatus::Apologies)
            .unwrap();
    let heard: Vec<_> = list
        .iter()
        .filter(|a| a.heard_from)
        .map(|a| a.agency_id)
        .collect();
    assert_eq!(
        heard,
        [f.police],
        "an agency that sent apologies is not heard from"
    );

    let person = AttendeeInput {
        agency_id: Some(f.police),
        name: "DS Amira Haddad".into(),
        role: "Public protection".into(),
        acknowledged: true,
        arrived_at: "9.50".into(),
        left_at: String::new(),
    };
    let people = running::add_attendee(&mut f.store, m.id, &person).unwrap();
    assert_eq!(
        people[0].arrived_at.as_deref(),
        Some("09:50"),
        "late arrival kept"
    );
    assert!(people[0].acknowledged, "confidentiality acknowledged");
    let bad = AttendeeInput {
        name: " ".into(),
        left_at: "half ten".into(),
        ..person
    };
    assert_eq!(
        fields(running::add_attendee(&mut f.store, m.id, &bad).unwrap_err()),
        ["name", "left_at"]
    );
}

fn each_agency_shares_and_the_chair_sees_who_has_not_spoken<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let codes = |f: &mut Fixture<S>| -> Vec<String> {
        f.store
            .read(|db| running::hearing_record(db, m.id, case))
            .unwrap()
            .not_yet_heard
            .into_iter()
            .map(|a| a.short_code)
            .collect()
    };
    assert_eq!(
        codes(&mut f).len(),
        2,
        "before attendance: every expected agency"
    );
    running::set_agency_attendance(&mut f.store, m.id, f.police, AttendanceStatus::Present)
        .unwrap();
    assert_eq!(codes(&mut f), ["POL"], "once taken: only those here");
    running::set_agency_attendance(&mut f.store, m.id, f.csc, AttendanceStatus::SentInWriting)
        .unwrap();
    assert_eq!(codes(&mut f).len(), 2, "written information is read in too");
    running::set_agency_attendance(&mut f.store, m.id, f.csc, AttendanceStatus::Present).unwrap();
    let record = f
        .store
        .read(|db| running::hearing_record(db, m.id, case))
        .unwrap();
    assert_eq!(record.not_yet_heard.len(), 2, "nobody has spoken yet");

    let shared = ShareInput {
        state: ShareState::Known,
        facts: "Stop and search 12/10: bladed article found.".into(),
        opinion: "Likely carrying for protection.".into(),
        withheld: "Intelligence on associates".into(),
        withheld_reason: String::new(),
        based_on: None,
    };
    assert_eq!(
        fields(running::share(&mut f.store, m.id, case, f.police, &shared).unwrap_err()),
        ["withheld_reason"]
    );
    let shared = ShareInput {
        withheld_reason: "Live operation".into(),
        ..shared
    };
    let record = running::share(&mut f.store, m.id, case, f.police, &shared).unwrap();
    assert_eq!(
        record.shares[0].facts.as_deref(),
        Some("Stop and search 12/10: bladed article found.")
    );
    assert_eq!(
        record.shares[0].opinion.as_deref(),
        Some("Likely carrying for protection."),
        "opinion kept apart from fact"
    );
    let names: Vec<_> = record
        .not_yet_heard
        .iter()
        .map(|a| a.short_code.as_str())
        .collect();
    assert_eq!(names, ["CSC"], "only Children's Social Care has not spoken");

    // The minutes read every case's record at once: the same records.
    let heard: Vec<Uuid> = m
        .items
        .iter()
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    let all = f
        .store
        .read(|db| running::hearing_records(db, m.id, &heard))
        .unwrap();
    assert_eq!(all.len(), heard.len());
    for id in &heard {
        let one = f
            .store
            .read(|db| running::hearing_record(db, m.id, *id))
            .unwrap();
        assert_eq!(all[id], one);
    }
    assert_eq!(all[&case], record);

    let input = f.referral("Jayden Clarke", "", "2026-11-03");
    let other = cases::create(&mut f.store, &input, today()).unwrap();
    let not_on_agenda = running::share(&mut f.store, m.id, other.id, f.police, &shared);
    assert!(
        not_on_agenda
            .unwrap_err()
            .to_string()
            .contains("not on this meeting's agenda")
    );
}

fn risk_is_reassessed_and_the_outcome_moves_the_case_on<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let assessment = AssessmentInput {
        summary: "Two incidents this year.".into(),
        risk_level: Some(RiskLevel::High),
        risk_rag: Some(Rag::Red),
        likelihood: Some(3),
        impact: Some(3),
        decisions: "Refer to child protection.".into(),
        who_tells: "Aaliyah Campbell, youth advocate".into(),
    };
    let record = running::assess(&mut f.store, m.id, case, &assessment).unwrap();
    assert_eq!(record.risk_score, Some(9));
    let bad = AssessmentInput {
        likelihood: Some(4),
        ..assessment
    };
    assert_eq!(
        fields(running::assess(&mut f.store, m.id, case, &bad).unwrap_err()),
        ["likelihood"]
    );

    let close = OutcomeInput {
        outcome: HearingOutcome::Close,
        review: String::new(),
        reason: String::new(),
    };
    assert_eq!(
        fields(running::decide(&mut f.store, m.id, case, &close, today()).unwrap_err()),
        ["reason"]
    );
    let next = meeting(&mut f, "2027-01-15");
    let review = OutcomeInput {
        outcome: HearingOutcome::Continue,
        review: "next meeting".into(),
        reason: String::new(),
    };
    let record = running::decide(&mut f.store, m.id, case, &review, today()).unwrap();
    assert_eq!(record.review_due.as_deref(), Some("2027-01-15"));
    assert_eq!(
        f.store
            .read(|db| cases::get(db, case, today()))
            .unwrap()
            .status,
        CaseStatus::UnderReview
    );
    let _ = next;
}

fn actions_are_owned_by_an_agency_with_shortcut_due_dates_and_gentle_hints<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let no_owner = action(&m, Some(case), None, "Complete a safety plan", "+2w");
    assert_eq!(
        fields(actions::add(&mut f.store, &no_owner, today()).unwrap_err()),
        ["agency_id"]
    );
    let bad_due = action(
        &m,
        Some(case),
        Some(f.police),
        "Complete a safety plan",
        "soonish",
    );
    assert_eq!(
        fields(actions::add(&mut f.store, &bad_due, today()).unwrap_err()),
        ["due"]
    );

    let saved = actions::add(
        &mut f.store,
        &action(
            &m,
            Some(case),
            Some(f.police),
            "Complete a home safety visit with the family",
            "+2w",
        ),
        today(),
    )
    .unwrap();
    assert_eq!(saved.action.due_date.as_deref(), Some("2026-12-18"));
    assert!(saved.hints.is_empty(), "{:?}", saved.hints);
    assert_eq!(saved.action.agency_code, "POL");
    let vague = actions::add(
        &mut f.store,
        &action(&m, None, Some(f.csc), "Monitor", ""),
        today(),
    )
    .unwrap();
    assert_eq!(
        vague.hints.len(),
        2,
        "no due date, and vague: hinted, not refused"
    );
    assert_eq!(
        vague.action.case_id, None,
        "any other business belongs to the meeting"
    );
    let agreed = f
        .store
        .read(|db| actions::agreed_at(db, m.id, today()))
        .unwrap();
    assert_eq!(agreed.len(), 2);
}

fn open_actions_come_back_for_review_at_the_next_meeting<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let a = actions::add(
        &mut f.store,
        &action(
            &m,
            Some(case),
            Some(f.police),
            "Complete a home safety visit with the family",
            "11/12/2026",
        ),
        today(),
    )
    .unwrap()
    .action;
    let b = actions::add(
        &mut f.store,
        &action(
            &m,
            Some(case),
            Some(f.csc),
            "Convene a strategy discussion this week",
            "+3d",
        ),
        today(),
    )
    .unwrap()
    .action;
    let later = meeting(&mut f, "2027-01-15");
    let on = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
    let review = f
        .store
        .read(|db| actions::for_review(db, later.id, on))
        .unwrap();
    let ids: Vec<_> = review.iter().map(|x| x.id).collect();
    assert_eq!(ids, [b.id, a.id], "soonest due first");
    assert!(
        review.iter().all(|x| x.overdue),
        "both are past due by the next meeting"
    );
    assert!(
        f.store
            .read(|db| actions::for_review(db, m.id, today()))
            .unwrap()
            .is_empty(),
        "not reviewed at the meeting that agreed them"
    );

    let refused = actions::report(
        &mut f.store,
        a.id,
        ActionStatus::NotDoneAgency,
        "",
        Some(later.id),
        today(),
    );
    assert_eq!(fields(refused.unwrap_err()), ["note"]);
    // Typed and saved as it is typed: one update for this review, revised.
    for note in ["Visit", "Visit done 10/12."] {
        actions::report(
            &mut f.store,
            a.id,
            ActionStatus::Done,
            note,
            Some(later.id),
            today(),
        )
        .unwrap();
    }
    let done = f.store.read(|db| actions::get(db, a.id, today())).unwrap();
    assert_eq!(done.status, ActionStatus::Done);
    assert_eq!(
        done.updates.len(),
        1,
        "one update per review: {:?}",
        done.updates
    );
    assert_eq!(done.updates[0].note.as_deref(), Some("Visit done 10/12."));
    let open = f
        .store
        .read(|db| actions::open_for_case(db, case, today()))
        .unwrap();
    assert_eq!(open.iter().map(|x| x.id).collect::<Vec<_>>(), [b.id]);
}

fn item_timers_keep_actual_time_across_moves_and_pauses<S: Engine>(
    (mut f, _case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let t0 = Utc.with_ymd_and_hms(2026, 12, 4, 9, 30, 0).unwrap();
    let first = m.items[0].id;
    let second = m.items[1].id;
    running::go_to_item(&mut f.store, m.id, first, t0).unwrap();
    running::go_to_item(&mut f.store, m.id, second, t0 + Duration::minutes(7)).unwrap();
    assert!(
        !running::toggle_timer(&mut f.store, m.id, t0 + Duration::minutes(10)).unwrap(),
        "paused"
    );
    assert!(
        running::toggle_timer(&mut f.store, m.id, t0 + Duration::minutes(20)).unwrap(),
        "resumed"
    );
    let seconds = f
        .store
        .read(|db| running::item_seconds(db, m.id, t0 + Duration::minutes(25)))
        .unwrap();
    assert_eq!(
        seconds[0],
        (first, "done".to_string(), 7 * 60),
        "first item took 7 minutes"
    );
    assert_eq!(
        seconds[1],
        (second, "current".to_string(), 8 * 60),
        "3 minutes, a 10-minute pause, then 5 more"
    );

    running::close(&mut f.store, m.id, t0 + Duration::minutes(26)).unwrap();
    let seconds = f
        .store
        .read(|db| running::item_seconds(db, m.id, t0 + Duration::minutes(90)))
        .unwrap();
    assert_eq!(
        seconds[1],
        (second, "done".to_string(), 9 * 60),
        "closing banks the last item's time and stops the clock"
    );
    let held = f.store.read(|db| meetings::get(db, m.id)).unwrap();
    assert_eq!(held.status, "held");
}

fn the_cockpit_shows_live_timing_and_everything_about_the_case<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    use roundtable_core::features::cockpit;
    let t0 = Utc.with_ymd_and_hms(2026, 12, 4, 9, 30, 0).unwrap();
    let local = |t: chrono::DateTime<Utc>| t.naive_utc();
    let before = f
        .store
        .read(|db| cockpit::meeting_now(db, m.id, t0, local(t0)))
        .unwrap();
    assert_eq!(
        before.projected_end, m.projected_end,
        "before it starts: the planned end"
    );
    let case_item = m.items.iter().find(|i| i.case.is_some()).unwrap().id;
    running::go_to_item(&mut f.store, m.id, case_item, t0).unwrap();
    // 20 minutes on a 15-minute case: 5 minutes over. Introductions (5) and
    // the action review (10) were skipped, so they are still to come, as is
    // any other business (5).
    let at = t0 + Duration::minutes(20);
    let now = f
        .store
        .read(|db| cockpit::meeting_now(db, m.id, at, local(at)))
        .unwrap();
    let timing = now.timings.iter().find(|t| t.item_id == case_item).unwrap();
    assert_eq!(timing.overrun_seconds, 5 * 60, "overrun recorded");
    assert_eq!(now.current_item_id, Some(case_item));
    assert!(now.timer_running);
    assert_eq!(
        now.projected_end, "10:10",
        "09:50 now + 5 + 10 + 5 minutes still to come"
    );

    actions::add(
        &mut f.store,
        &action(
            &m,
            Some(case),
            Some(f.police),
            "Complete a home safety visit with the family",
            "+2w",
        ),
        today(),
    )
    .unwrap();
    let view = f
        .store
        .read(|db| cockpit::case_in_meeting(db, m.id, case, today()))
        .unwrap();
    assert_eq!(view.case.input.subject_name, "Amara Okafor");
    assert_eq!(view.agreed_here.len(), 1);
    assert!(
        view.open_actions.is_empty(),
        "actions from this meeting are not 'earlier' ones"
    );
    assert_eq!(view.record.not_yet_heard.len(), 2);
}

fn the_projector_shows_reference_initials_and_actions_but_nothing_identifying<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    use roundtable_core::features::projector;
    let t0 = Utc.with_ymd_and_hms(2026, 12, 4, 9, 30, 0).unwrap();
    let case_item = m.items.iter().find(|i| i.case.is_some()).unwrap();
    let reference = case_item.case.as_ref().unwrap().reference.clone();
    running::go_to_item(&mut f.store, m.id, case_item.id, t0).unwrap();
    running::share(
        &mut f.store,
        m.id,
        case,
        f.police,
        &ShareInput {
            state: ShareState::Known,
            facts: "Seen with older males at Dockside Road on 3 November".into(),
            opinion: "Officer believes she is being groomed".into(),
            withheld: String::new(),
            withheld_reason: String::new(),
            based_on: None,
        },
    )
    .unwrap();
    actions::add(
        &mut f.store,
        &action(&m, Some(case), Some(f.csc), "Strategy discussion", "+1w"),
        today(),
    )
    .unwrap();
    let at = t0 + Duration::minutes(17);
    let view = f
        .store
        .read(|db| projector::view(db, m.id, at, at.naive_utc(), today()))
        .unwrap();
    let current = view.current.clone().unwrap();
    assert_eq!(current.label, format!("New case: {reference} (A.O.)"));
    assert_eq!(view.overrun_seconds, 2 * 60);
    assert_eq!(view.actions.len(), 1);
    assert_eq!(view.actions[0].agency_code, "CSC");
    assert_eq!(view.actions[0].text, "Strategy discussion");

    let mut detail = f.store.read(|db| cases::get(db, case, today())).unwrap();
    detail.input.address = "14 Tanner Street, Lowbridge".into();
    detail.input.postcode = "LB4 7QT".into();
    cases::update(&mut f.store, case, &detail.input, today()).unwrap();
    let view = f
        .store
        .read(|db| projector::view(db, m.id, at, at.naive_utc(), today()))
        .unwrap();
    let everything = serde_json::to_string(&view).unwrap();
    for secret in [
        "Amara",
        "Okafor",
        "2009-03-14",
        "14/03/2009",
        "Dockside",
        "groomed",
        "LB4 7QT",
        "Tanner",
    ] {
        assert!(
            !everything.contains(secret),
            "projector view must not contain {secret:?}: {everything}"
        );
    }
}

/// Two people edit one agency's share from the same version: the second
/// to save is refused and the first's words are kept.
fn a_stale_share_is_refused_and_loses_nothing<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let input = |facts: &str, based_on: Option<String>| ShareInput {
        state: ShareState::Known,
        facts: facts.into(),
        opinion: String::new(),
        withheld: String::new(),
        withheld_reason: String::new(),
        based_on,
    };
    let first = running::share(
        &mut f.store,
        m.id,
        case,
        f.police,
        &input("Seen twice.", None),
    )
    .unwrap();
    let read = first.shares[0].version.clone();
    std::thread::sleep(std::time::Duration::from_millis(5));
    f.store.set_actor("Mina Minutes");
    running::share(
        &mut f.store,
        m.id,
        case,
        f.police,
        &input("Seen three times.", Some(read.clone())),
    )
    .unwrap();
    f.store.set_actor("Chris Chair");
    let stale = running::share(
        &mut f.store,
        m.id,
        case,
        f.police,
        &input("Seen once.", Some(read)),
    );
    let Err(CoreError::Conflict(message)) = stale else {
        panic!("a stale edit was saved: {stale:?}");
    };
    assert!(message.contains("Mina Minutes"), "{message}");
    let kept = f
        .store
        .read(|db| running::hearing_record(db, m.id, case))
        .unwrap();
    assert_eq!(kept.shares[0].facts.as_deref(), Some("Seen three times."));
}

/// An edit the record cannot take (an unknown agency or meeting, a case
/// not on the agenda) is refused with its reason and records nothing: not
/// even the hearing row an accepted edit would make.
fn a_refused_edit_says_why_and_records_nothing<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let words = ShareInput {
        state: ShareState::Known,
        facts: "Seen twice.".into(),
        opinion: String::new(),
        withheld: String::new(),
        withheld_reason: String::new(),
        based_on: None,
    };
    let hearings = |f: &mut Fixture<S>| -> i64 {
        f.store
            .read(|db| {
                Ok(db
                    .value(
                        "SELECT count(*) FROM hearing WHERE meeting_id = ?1",
                        &[&m.id],
                    )?
                    .unwrap_or(0))
            })
            .unwrap()
    };
    let stranger = Uuid::new_v4();
    let refused = running::share(&mut f.store, m.id, case, stranger, &words);
    assert!(
        matches!(refused, Err(CoreError::NotFound("That agency"))),
        "{refused:?}"
    );
    let refused = running::share(&mut f.store, stranger, case, f.police, &words);
    assert!(
        matches!(refused, Err(CoreError::NotFound("That meeting"))),
        "{refused:?}"
    );
    let assessment = AssessmentInput {
        summary: "High risk.".into(),
        risk_level: Some(RiskLevel::High),
        risk_rag: Some(Rag::Red),
        likelihood: Some(3),
        impact: Some(3),
        decisions: String::new(),
        who_tells: String::new(),
    };
    let refused = running::assess(&mut f.store, m.id, stranger, &assessment);
    let Err(CoreError::Conflict(message)) = refused else {
        panic!("a case not on the agenda was assessed: {refused:?}");
    };
    assert!(
        message.contains("not on this meeting's agenda"),
        "{message}"
    );
    assert_eq!(hearings(&mut f), 0, "a refused edit made a hearing row");

    let record = running::share(&mut f.store, m.id, case, f.police, &words).unwrap();
    assert_eq!(record.shares[0].facts.as_deref(), Some("Seen twice."));
    let record = running::assess(&mut f.store, m.id, case, &assessment).unwrap();
    assert_eq!(record.summary.as_deref(), Some("High risk."));
    assert_eq!(
        record.shares.len(),
        1,
        "the assessment kept what was shared"
    );
    assert_eq!(
        hearings(&mut f),
        1,
        "one hearing row, made by the first edit"
    );
}

crate::on_both_engines!(
    crate::common::case_on_an_agenda, crate::common::pg_case_on_an_agenda;
    a_stale_share_is_refused_and_loses_nothing,
    a_refused_edit_says_why_and_records_nothing,
    attendance_by_agency_and_by_person,
    each_agency_shares_and_the_chair_sees_who_has_not_spoken,
    risk_is_reassessed_and_the_outcome_moves_the_case_on,
    item_timers_keep_actual_time_across_moves_and_pauses,
    actions_are_owned_by_an_agency_with_shortcut_due_dates_and_gentle_hints,
    open_actions_come_back_for_review_at_the_next_meeting,
    the_cockpit_shows_live_timing_and_everything_about_the_case,
    the_projector_shows_reference_initials_and_actions_but_nothing_identifying,
);
