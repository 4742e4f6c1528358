//! Research before a meeting, through the core on both engines: the
//! coordinator publishes the case list with a last day; an expected agency
//! sees only what it needs to find each person and answers known / not
//! known, facts, opinion and what it withholds and why; the answer is its
//! share in the cockpit, marked as researched in advance, which the panel
//! may edit (audited); the grid shows who has researched what; and every
//! bad input (a passed deadline, a withdrawn case, an agency not asked, a
//! wrong answer) gets a clear message and changes nothing. Once the meeting
//! is held, an agency no longer sees its case list.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use chrono::Days;
use common::{Fixture, clear, fields, today};
use roundtable_core::CoreError;
use roundtable_core::domain::meeting::MeetingDetail;
use roundtable_core::domain::research::ResearchRequestInput;
use roundtable_core::domain::running::{ShareInput, ShareState};
use roundtable_core::features::research::{self, agency};
use roundtable_core::features::{agenda, cockpit, meetings, running};
use roundtable_core::store::Engine;
use uuid::Uuid;

fn due(text: &str) -> ResearchRequestInput {
    ResearchRequestInput {
        due_on: text.into(),
    }
}

fn known(facts: &str) -> ShareInput {
    ShareInput {
        state: ShareState::Known,
        facts: facts.into(),
        opinion: "Risk is rising.".into(),
        withheld: "A live investigation.".into(),
        withheld_reason: "It would prejudice the investigation.".into(),
        based_on: None,
    }
}

fn shares<S: Engine>(f: &mut Fixture<S>, m: &MeetingDetail, case: Uuid) -> usize {
    f.store
        .read(|db| cockpit::case_in_meeting(db, m.id, case, today()))
        .unwrap()
        .record
        .shares
        .len()
}

fn an_agency_researches_and_the_cockpit_shows_it<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    // Before publishing, the grid says who will be asked about what.
    let grid = research::grid(&mut f.store, m.id, today()).unwrap();
    assert_eq!(grid.due_on, None);
    assert_eq!(grid.agencies.len(), 2);
    assert_eq!(grid.cases.len(), 1);
    let grid = research::publish(&mut f.store, m.id, &due("2026-12-02"), today()).unwrap();
    assert_eq!(grid.due_on.as_deref(), Some("2026-12-02"));
    assert!(grid.open);

    f.store.set_actor("Rita Rep (police)");
    let listed = agency::meetings(&mut f.store, f.police, today()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].cases, listed[0].researched), (1, 0));
    let list = agency::list(&mut f.store, f.police, m.id, today()).unwrap();
    let subject = &list.cases[0];
    assert_eq!(subject.subject_name, "Amara Okafor");
    assert_eq!(subject.date_of_birth.as_deref(), Some("2009-03-14"));
    // The referral's story is not what research is shown.
    let sent = serde_json::to_string(&list).unwrap();
    assert!(!sent.contains("Concerns about exploitation"), "{sent}");

    let answered = agency::answer_case(
        &mut f.store,
        f.police,
        (m.id, case),
        &known("Two missing episodes."),
        today(),
    )
    .unwrap();
    let answer = answered.answer.unwrap();
    assert_eq!(answer.state, ShareState::Known);
    assert_eq!(answer.facts.as_deref(), Some("Two missing episodes."));

    // In the cockpit: the police's share, marked as researched in advance.
    f.store.set_actor("Yusuf Ali");
    let record = f
        .store
        .read(|db| cockpit::case_in_meeting(db, m.id, case, today()))
        .unwrap()
        .record;
    let share = &record.shares[0];
    assert_eq!(share.agency_id, f.police);
    assert!(share.researched_at.is_some());
    assert_eq!(share.updated_by, "Rita Rep (police)");
    // The panel edits it in the meeting; the mark stays, the change is logged.
    let mut edit = known("Two missing episodes; a third last night.");
    edit.based_on = Some(share.version.clone());
    let record = running::share(&mut f.store, m.id, case, f.police, &edit).unwrap();
    assert!(record.shares[0].researched_at.is_some());
    assert_eq!(record.shares[0].updated_by, "Yusuf Ali");
    let log = f
        .store
        .read(|db| roundtable_core::audit::recent(db, 50))
        .unwrap();
    assert!(
        log.entries
            .iter()
            .any(|e| e.entity == "information_share" && e.action == "update"),
        "{:?}",
        log.entries
    );
    assert!(
        log.entries
            .iter()
            .any(|e| e.entity == "research" && e.action == "view")
    );

    // The grid: the police have researched the case, CSC not yet; a reminder.
    let grid = research::remind(&mut f.store, m.id, f.csc, today()).unwrap();
    let police = grid
        .agencies
        .iter()
        .position(|a| a.agency_id == f.police)
        .unwrap();
    let csc = grid
        .agencies
        .iter()
        .position(|a| a.agency_id == f.csc)
        .unwrap();
    assert_eq!(grid.cases[0].answers[police], Some(ShareState::Known));
    assert_eq!(grid.cases[0].answers[csc], None);
    assert_eq!(grid.agencies[police].researched, 1);
    assert!(grid.agencies[csc].reminded_at.is_some());
    let theirs = agency::meetings(&mut f.store, f.csc, today()).unwrap();
    assert!(theirs[0].reminded_at.is_some());

    // Held: the agencies' research ends, and with it their view of the
    // case list; the answer stays in the meeting's record.
    meetings::mark_held(&mut f.store, m.id).unwrap();
    for asked in [f.police, f.csc] {
        assert!(
            agency::meetings(&mut f.store, asked, today())
                .unwrap()
                .is_empty()
        );
        let err = agency::list(&mut f.store, asked, m.id, today()).unwrap_err();
        assert!(matches!(err, CoreError::NotFound(_)), "{err:?}");
        let err = agency::answer_case(&mut f.store, asked, (m.id, case), &known("x"), today())
            .unwrap_err();
        assert!(clear(&err), "{err:?}");
    }
    assert_eq!(shares(&mut f, &m, case), 1);
}

fn bad_research_is_refused_and_changes_nothing<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    // Publishing: no date, not a date, in the past, after the meeting.
    for (typed, why) in [
        ("", "empty"),
        ("soon", "not a date"),
        ("2026-11-01", "past"),
        ("2026-12-20", "after"),
    ] {
        let err = research::publish(&mut f.store, m.id, &due(typed), today()).unwrap_err();
        assert_eq!(fields(err), ["due_on"], "{why}");
    }
    // Not published: no agency is asked anything.
    let err = agency::list(&mut f.store, f.police, m.id, today()).unwrap_err();
    assert!(matches!(err, CoreError::NotFound(_)), "{err:?}");
    let err = research::remind(&mut f.store, m.id, f.police, today()).unwrap_err();
    assert!(clear(&err), "{err:?}");
    research::publish(&mut f.store, m.id, &due("2026-11-30"), today()).unwrap();

    // An answer that is neither known nor not known; a withholding with no reason.
    let mut wrong = known("x");
    wrong.state = ShareState::NotPresent;
    let err =
        agency::answer_case(&mut f.store, f.police, (m.id, case), &wrong, today()).unwrap_err();
    assert_eq!(fields(err), ["state"]);
    let mut no_reason = known("x");
    no_reason.withheld_reason = String::new();
    let err =
        agency::answer_case(&mut f.store, f.police, (m.id, case), &no_reason, today()).unwrap_err();
    assert_eq!(fields(err), ["withheld_reason"]);
    // An agency not expected at the meeting is not asked.
    let stranger = Uuid::new_v4();
    let err = agency::answer_case(&mut f.store, stranger, (m.id, case), &known("x"), today())
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound(_)), "{err:?}");
    // The deadline passed.
    let after = today().checked_add_days(Days::new(8)).unwrap();
    let err =
        agency::answer_case(&mut f.store, f.police, (m.id, case), &known("x"), after).unwrap_err();
    assert!(
        clear(&err)
            && err
                .to_string()
                .contains("closed on Monday 30 November 2026"),
        "{err}"
    );
    let err = research::remind(&mut f.store, m.id, f.csc, after).unwrap_err();
    assert!(clear(&err), "{err:?}");
    // The case withdrawn from the agenda.
    let item = m.items.iter().find(|i| i.case.is_some()).unwrap().id;
    agenda::remove_item(&mut f.store, item).unwrap();
    let err = agency::answer_case(&mut f.store, f.police, (m.id, case), &known("x"), today())
        .unwrap_err();
    assert!(
        clear(&err) && err.to_string().contains("withdrawn"),
        "{err}"
    );
    let list = agency::list(&mut f.store, f.police, m.id, today()).unwrap();
    assert!(list.cases.is_empty());
    assert_eq!(shares(&mut f, &m, case), 0, "nothing was saved");
}

crate::on_both_engines!(
    crate::common::case_on_an_agenda, crate::common::pg_case_on_an_agenda;
    an_agency_researches_and_the_cockpit_shows_it,
    bad_research_is_refused_and_changes_nothing,
);
