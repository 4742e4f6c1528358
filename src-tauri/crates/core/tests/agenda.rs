//! Meetings and agendas: the built order, timings, moving items, cases
//! accepted later, emergency and triage meetings.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{Fixture, fields, today};
use roundtable_core::domain::meeting::{AgendaItemKind, HearingOutcome, MeetingInput, MeetingKind};
use roundtable_core::features::cases::{self, CaseAction};
use roundtable_core::features::{agenda, meetings};
use roundtable_core::store::Engine;

fn meeting_input(panel_id: uuid::Uuid, date: &str) -> MeetingInput {
    MeetingInput {
        panel_id,
        kind: MeetingKind::Scheduled,
        date: date.into(),
        start_time: "9:30".into(),
        venue: "Lowbridge Civic Centre, Room 2".into(),
        chair: "DI Marcus Bell".into(),
        minute_taker: "Yusuf Ali".into(),
        expected_agency_ids: Vec::new(),
    }
}

fn accepted<S: Engine>(
    f: &mut Fixture<S>,
    name: &str,
    referred: &str,
    children: u32,
) -> uuid::Uuid {
    let mut input = f.referral(name, "", referred);
    input.children_count = children;
    let case = cases::create(&mut f.store, &input, today()).unwrap();
    cases::transition(&mut f.store, case.id, &CaseAction::Accept, today()).unwrap();
    case.id
}

fn the_agenda_builds_itself_children_first_with_planned_times<S: Engine>(mut f: Fixture<S>) {
    let a = accepted(&mut f, "Amara Okafor", "2026-11-01", 0);
    let b = accepted(&mut f, "Nguyễn Văn An", "2026-11-05", 2);
    let c = accepted(&mut f, "Zofia Wiśniewska", "2026-11-03", 0);
    let d = accepted(&mut f, "Mohamed Warsame", "2026-11-04", 1);
    let m = meetings::create(
        &mut f.store,
        &meeting_input(f.panel.id, "04/12/2026"),
        today(),
    )
    .unwrap();
    let kinds: Vec<_> = m.items.iter().map(|i| i.kind).collect();
    use AgendaItemKind::*;
    assert_eq!(
        kinds,
        [
            Introductions,
            ActionReview,
            NewCase,
            NewCase,
            NewCase,
            NewCase,
            OtherBusiness
        ]
    );
    let order: Vec<_> = m
        .items
        .iter()
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    assert_eq!(
        order,
        [d, b, a, c],
        "children first, then oldest referral first"
    );
    assert_eq!(m.items[0].planned_start, "09:30");
    assert_eq!(m.items[2].planned_start, "09:45", "after 5 + 10 minutes");
    assert_eq!(m.total_minutes, 5 + 10 + 4 * 15 + 5);
    assert_eq!(m.projected_end, "10:50");
    assert_eq!(m.over_by_minutes, 0);
    assert_eq!(
        m.expected_agency_ids.len(),
        0,
        "the panel has no members in this fixture"
    );
}

fn a_warning_when_the_plan_runs_past_the_meeting_length<S: Engine>(mut f: Fixture<S>) {
    for i in 0..8 {
        accepted(&mut f, &format!("Person {i} Example"), "2026-11-01", 0);
    }
    let m = meetings::create(
        &mut f.store,
        &meeting_input(f.panel.id, "2026-12-04"),
        today(),
    )
    .unwrap();
    assert_eq!(m.total_minutes, 5 + 10 + 8 * 15 + 5);
    assert_eq!(
        m.over_by_minutes,
        140 - 120,
        "the panel's meeting is 120 minutes"
    );
}

fn items_move_and_late_acceptances_join_the_right_group<S: Engine>(mut f: Fixture<S>) {
    let a = accepted(&mut f, "Amara Okafor", "2026-11-01", 0);
    let b = accepted(&mut f, "Nguyễn Văn An", "2026-11-05", 2);
    let m = meetings::create(
        &mut f.store,
        &meeting_input(f.panel.id, "2026-12-04"),
        today(),
    )
    .unwrap();
    // Move Amara (position 3) above Nguyễn (position 2).
    let amara_item = m
        .items
        .iter()
        .find(|i| i.case.as_ref().is_some_and(|c| c.id == a))
        .unwrap()
        .id;
    agenda::move_item(&mut f.store, amara_item, 2).unwrap();
    let m = f.store.read(|db| meetings::get(db, m.id)).unwrap();
    let order: Vec<_> = m
        .items
        .iter()
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    assert_eq!(order, [a, b]);
    let positions: Vec<_> = m.items.iter().map(|i| i.position).collect();
    assert_eq!(
        positions,
        (0..m.items.len() as u32).collect::<Vec<_>>(),
        "positions stay 0..n"
    );

    // A case with children accepted now goes after the last child case.
    let late = accepted(&mut f, "Иван Петров", "2026-11-20", 1);
    let m = f.store.read(|db| meetings::get(db, m.id)).unwrap();
    let order: Vec<_> = m
        .items
        .iter()
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    assert_eq!(order, [a, b, late]);
    assert!(agenda::set_planned_minutes(&mut f.store, m.items[0].id, 500).is_err());
    agenda::set_planned_minutes(&mut f.store, m.items[0].id, 10).unwrap();
    assert_eq!(
        f.store.read(|db| meetings::get(db, m.id)).unwrap().items[1].planned_start,
        "09:40"
    );
}

fn review_cases_and_cases_for_notice<S: Engine>(mut f: Fixture<S>) {
    let reviewed = accepted(&mut f, "Amara Okafor", "2026-09-01", 0);
    let old = accepted(&mut f, "Jayden Clarke", "2025-10-01", 0);
    let past = meetings::create(
        &mut f.store,
        &meeting_input(f.panel.id, "2025-11-20"),
        today(),
    )
    .unwrap();
    meetings::record_hearing(&mut f.store, past.id, old, HearingOutcome::Close, None).unwrap();
    let recent = meetings::create(
        &mut f.store,
        &meeting_input(f.panel.id, "2026-10-01"),
        today(),
    )
    .unwrap();
    meetings::record_hearing(
        &mut f.store,
        recent.id,
        reviewed,
        HearingOutcome::Continue,
        None,
    )
    .unwrap();
    let m = meetings::create(
        &mut f.store,
        &meeting_input(f.panel.id, "2026-12-04"),
        today(),
    )
    .unwrap();
    let review: Vec<_> = m
        .items
        .iter()
        .filter(|i| i.kind == AgendaItemKind::ReviewCase)
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    assert_eq!(review, [reviewed]);
    let notice: Vec<_> = m
        .items
        .iter()
        .filter(|i| i.kind == AgendaItemKind::AnniversaryNotice)
        .collect();
    assert_eq!(
        notice.len(),
        1,
        "last heard 20/11/2025: reaches 12 months before 04/12/2026"
    );
    assert_eq!(notice[0].planned_minutes, 0, "notified, not discussed");
}

fn an_emergency_panel_for_one_case_and_a_triage_meeting<S: Engine>(mut f: Fixture<S>) {
    let case = {
        let input = f.referral("Amara Okafor", "14/03/2009", "2026-11-20");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    let m = meetings::create_emergency(
        &mut f.store,
        case.id,
        &meeting_input(f.panel.id, "2026-11-24"),
        today(),
    )
    .unwrap();
    assert_eq!(m.kind, MeetingKind::Emergency);
    let cases_on: Vec<_> = m
        .items
        .iter()
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    assert_eq!(cases_on, [case.id]);
    let detail = f.store.read(|db| cases::get(db, case.id, today())).unwrap();
    assert!(detail.history.iter().any(|e| e.kind == "emergency_panel"));

    let mut triage = meeting_input(f.panel.id, "2026-11-24");
    triage.kind = MeetingKind::Triage;
    let t = meetings::create(&mut f.store, &triage, today()).unwrap();
    assert!(t.items.iter().any(|i| i.kind == AgendaItemKind::Triage));
    let mut emergency = meeting_input(f.panel.id, "2026-11-24");
    emergency.kind = MeetingKind::Emergency;
    assert_eq!(
        fields(meetings::create(&mut f.store, &emergency, today()).unwrap_err()),
        ["kind"]
    );
}

fn meeting_input_is_checked<S: Engine>(mut f: Fixture<S>) {
    let mut bad = meeting_input(f.panel.id, "31/02/2026");
    bad.start_time = "half nine".into();
    assert_eq!(
        fields(meetings::create(&mut f.store, &bad, today()).unwrap_err()),
        ["date", "start_time"]
    );
    assert!(
        f.store
            .read(|db| meetings::list(db, None))
            .unwrap()
            .is_empty(),
        "nothing saved"
    );
}

/// The agencies chosen for a meeting are the ones its page reads back,
/// each once, in the order of their ids on either engine.
fn the_agencies_expected_are_read_back_as_chosen<S: Engine>(mut f: Fixture<S>) {
    let mut input = meeting_input(f.panel.id, "04/12/2026");
    input.expected_agency_ids = vec![f.police, f.csc];
    let created = meetings::create(&mut f.store, &input, today()).unwrap();
    let read = f.store.read(|db| meetings::get(db, created.id)).unwrap();
    let mut chosen = vec![f.police, f.csc];
    chosen.sort();
    assert_eq!(read.expected_agency_ids, chosen);
    assert_eq!(created.expected_agency_ids, chosen);
    input.expected_agency_ids = vec![f.csc];
    let one = meetings::create(&mut f.store, &input, today()).unwrap();
    assert_eq!(one.expected_agency_ids, [f.csc]);
}

crate::on_both_engines!(
    crate::common::fixture, crate::common::pg_fixture;
    the_agencies_expected_are_read_back_as_chosen,
    the_agenda_builds_itself_children_first_with_planned_times,
    a_warning_when_the_plan_runs_past_the_meeting_length,
    items_move_and_late_acceptances_join_the_right_group,
    review_cases_and_cases_for_notice,
    an_emergency_panel_for_one_case_and_a_triage_meeting,
    meeting_input_is_checked,
);
