//! Running a meeting through the core, beyond the hearing's record: actions
//! agreed (owned by an agency, shortcut due dates, hints) and reviewed at the
//! next meeting, item timers, and what the chair's cockpit and the projector
//! show (live timing for the chair, nothing identifying on the wall).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::running::meeting;

use chrono::{Duration, TimeZone, Utc};
use common::{Fixture, fields, today};
use roundtable_core::domain::action::{ActionInput, ActionStatus};
use roundtable_core::domain::meeting::MeetingDetail;
use roundtable_core::domain::running::{ShareInput, ShareState};
use roundtable_core::features::cases;
use roundtable_core::features::{actions, meetings, running};
use roundtable_core::store::Engine;
use uuid::Uuid;

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

crate::on_both_engines!(
    crate::common::case_on_an_agenda, crate::common::pg_case_on_an_agenda;
    item_timers_keep_actual_time_across_moves_and_pauses,
    actions_are_owned_by_an_agency_with_shortcut_due_dates_and_gentle_hints,
    open_actions_come_back_for_review_at_the_next_meeting,
    the_cockpit_shows_live_timing_and_everything_about_the_case,
    the_projector_shows_reference_initials_and_actions_but_nothing_identifying,
);
