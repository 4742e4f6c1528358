//! Cases through the features the commands call: recording, lifecycle and
//! history, repeat offers, and search.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{Fixture, date, fields, today};
use roundtable_core::domain::case::{CaseStatus, CaseStep, LinkedPersonInput, Relationship};
use roundtable_core::domain::meeting::HearingOutcome;
use roundtable_core::features::cases::{self, CaseAction, CaseFilter};
use roundtable_core::features::meetings;
use roundtable_core::store::Engine;

fn a_referral_is_recorded_with_a_reference_that_reveals_nothing<S: Engine>(mut f: Fixture<S>) {
    let mut input = f.referral("Amara Okafor", "14/03/2009", "2026-11-02");
    input.postcode = "se13 5ab".into();
    input.linked_people.push(LinkedPersonInput {
        id: None,
        name: "Tyrell Grant".into(),
        relationship: Some(Relationship::Perpetrator),
        keep_apart: true,
    });
    let case = cases::create(&mut f.store, &input, today()).unwrap();
    assert!(case.reference.starts_with("YM-"), "{}", case.reference);
    assert_eq!(case.reference.len(), 8);
    for part in ["AMARA", "OKAFOR", "2009", "SE13"] {
        assert!(
            !case.reference.contains(part),
            "the reference says nothing about the person"
        );
    }
    assert_eq!(case.status, CaseStatus::Referred);
    assert_eq!(case.input.date_of_birth, "2009-03-14");
    assert_eq!(case.input.postcode, "SE13 5AB");
    assert_eq!(case.age, Some(17));
    assert_eq!(
        case.referring_agency_name.as_deref(),
        Some("Lowbridge Police")
    );
    assert!(case.linked_people[0].keep_apart);
    assert_eq!(case.history[0].kind, "referred");
    assert_eq!(
        case.history[0].recorded_by, "Yusuf Ali",
        "history says who recorded it"
    );
}

fn bad_input_is_refused_and_nothing_is_saved<S: Engine>(mut f: Fixture<S>) {
    let mut input = f.referral("", "31/02/2009", "2026-11-02");
    input.concerns = vec!["Not a category".into()];
    assert_eq!(
        fields(cases::create(&mut f.store, &input, today()).unwrap_err()),
        ["subject_name", "date_of_birth"]
    );
    input.subject_name = "Amara Okafor".into();
    input.date_of_birth = "14/03/2009".into();
    assert_eq!(
        fields(cases::create(&mut f.store, &input, today()).unwrap_err()),
        ["concerns.0"]
    );
    assert!(
        f.store
            .read(|db| cases::list(db, &CaseFilter::default(), today()))
            .unwrap()
            .is_empty()
    );
}

fn lifecycle_steps_are_kept_in_history_and_wrong_steps_refused<S: Engine>(mut f: Fixture<S>) {
    let case = {
        let input = f.referral("Amara Okafor", "14/03/2009", "2026-11-02");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    use CaseStep::*;
    // The page offers what the status allows, as the core decides it.
    assert_eq!(case.next_steps, [Accept, Redirect, Defer, Close, Emergency]);
    let deferred = cases::transition(
        &mut f.store,
        case.id,
        &CaseAction::Defer {
            reason: "Referrer absent".into(),
        },
        today(),
    )
    .unwrap();
    assert_eq!(deferred.status, CaseStatus::Deferred);
    assert_eq!(deferred.next_steps, [Accept, Redirect, Close, Emergency]);
    let accepted = cases::transition(&mut f.store, case.id, &CaseAction::Accept, today()).unwrap();
    assert_eq!(accepted.status, CaseStatus::Accepted);
    assert_eq!(accepted.next_steps, [Defer, Close, Emergency]);
    let refused = cases::transition(
        &mut f.store,
        case.id,
        &CaseAction::Redirect {
            service: "Early Help".into(),
            reason: "x".into(),
        },
        today(),
    );
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("cannot be redirected")
    );
    let empty_reason = cases::transition(
        &mut f.store,
        case.id,
        &CaseAction::Close { reason: " ".into() },
        today(),
    );
    assert_eq!(fields(empty_reason.unwrap_err()), ["reason"]);
    let closed = cases::transition(
        &mut f.store,
        case.id,
        &CaseAction::Close {
            reason: "Moved out of area".into(),
        },
        today(),
    )
    .unwrap();
    assert!(closed.next_steps.is_empty(), "a closed case takes no step");
    let kinds: Vec<_> = closed.history.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["referred", "deferred", "accepted", "closed"]);
    assert!(closed.history[3].detail.contains("Moved out of area"));
}

fn heard_case<S: Engine>(
    f: &mut Fixture<S>,
    name: &str,
    dob: &str,
    meeting_date: &str,
) -> uuid::Uuid {
    let case = {
        let input = f.referral(name, dob, "2025-01-05");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    cases::transition(&mut f.store, case.id, &CaseAction::Accept, today()).unwrap();
    let meeting = f.meeting(meeting_date);
    meetings::record_hearing(
        &mut f.store,
        meeting.id,
        case.id,
        HearingOutcome::Close,
        None,
    )
    .unwrap();
    case.id
}

fn a_repeat_within_the_window_is_offered_then_flagged_once_confirmed<S: Engine>(mut f: Fixture<S>) {
    let earlier = heard_case(&mut f, "Mohammed Ali", "2009-03-14", "2026-03-10");
    let again = {
        let input = f.referral("ALI, Muhammad", "14/03/2009", "2026-11-02");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    assert_eq!(
        again.possible_repeats.len(),
        1,
        "the earlier case is offered, never merged silently"
    );
    let offer = &again.possible_repeats[0];
    assert_eq!(offer.case_id, earlier);
    assert_eq!(
        offer.last_heard_on.as_deref(),
        Some("2026-03-10"),
        "the earlier hearing is shown"
    );
    assert!(
        offer.within_repeat_window,
        "heard 8 months before: within 12 months"
    );
    let listed = f
        .store
        .read(|db| cases::list(db, &CaseFilter::default(), today()))
        .unwrap();
    let row = listed.iter().find(|c| c.id == again.id).unwrap();
    assert!(
        row.possible_repeat && !row.is_repeat,
        "offered, not yet a repeat"
    );

    let confirmed = cases::decide_repeat(&mut f.store, again.id, earlier, true, today()).unwrap();
    assert!(confirmed.possible_repeats.is_empty());
    assert_eq!(
        confirmed.repeat_of.as_ref().map(|r| r.case_id),
        Some(earlier)
    );
    let listed = f
        .store
        .read(|db| cases::list(db, &CaseFilter::default(), today()))
        .unwrap();
    assert!(
        listed.iter().find(|c| c.id == again.id).unwrap().is_repeat,
        "flagged as a repeat"
    );
}

fn after_the_window_the_same_person_counts_as_new_and_a_rejected_match_stays_rejected<S: Engine>(
    mut f: Fixture<S>,
) {
    let earlier = heard_case(&mut f, "Zofia Wiśniewska", "2010-01-05", "2025-02-01");
    let later = {
        let input = f.referral("Zofia Wisniewska", "05/01/2010", "2026-11-02");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    assert!(
        !later.possible_repeats[0].within_repeat_window,
        "heard 21 months before: counts as new"
    );
    cases::decide_repeat(&mut f.store, later.id, earlier, true, today()).unwrap();
    let listed = f
        .store
        .read(|db| cases::list(db, &CaseFilter::default(), today()))
        .unwrap();
    assert!(
        !listed.iter().find(|c| c.id == later.id).unwrap().is_repeat,
        "outside the window: not a repeat"
    );

    let other = {
        let input = f.referral("Zofia Wiśniewska", "", "2026-11-03");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    assert!(
        !other.possible_repeats.is_empty(),
        "unknown date of birth: a probable match"
    );
    let rejected = cases::decide_repeat(&mut f.store, other.id, earlier, false, today()).unwrap();
    assert!(
        rejected
            .possible_repeats
            .iter()
            .all(|r| r.case_id != earlier)
    );
    let mut edit = rejected.input.clone();
    edit.school = "Lowbridge Academy".into();
    let edited = cases::update(&mut f.store, other.id, &edit, today()).unwrap();
    assert!(
        edited.possible_repeats.iter().all(|r| r.case_id != earlier),
        "a rejected match is not offered again"
    );
}

fn search_by_name_alias_date_of_birth_postcode_or_reference<S: Engine>(mut f: Fixture<S>) {
    let mut amara = f.referral("Amara Okafor", "14/03/2009", "2026-11-02");
    amara.aliases = vec!["Mara".into()];
    amara.postcode = "SE13 5AB".into();
    let amara = cases::create(&mut f.store, &amara, today()).unwrap();
    {
        let input = f.referral("Nguyễn Văn An", "2008-07-21", "2026-11-03");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    {
        let input = f.referral("Иван Петров", "2009-12-12", "2026-11-04");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    {
        let input = f.referral("王伟", "2010-02-02", "2026-11-05");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    {
        let input = f.referral("Siobhán O'Connor", "2008-01-01", "2026-11-06");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();

    let find = |f: &mut Fixture<S>, q: &str| -> Vec<String> {
        let filter = CaseFilter {
            query: q.into(),
            ..CaseFilter::default()
        };
        f.store
            .read(|db| cases::list(db, &filter, today()))
            .unwrap()
            .into_iter()
            .map(|c| c.subject_name)
            .collect()
    };
    assert_eq!(
        find(&mut f, "nguyen"),
        ["Nguyễn Văn An"],
        "diacritics ignored"
    );
    assert_eq!(
        find(&mut f, "NGUYỄN văn"),
        ["Nguyễn Văn An"],
        "case ignored"
    );
    assert_eq!(
        find(&mut f, "ivan"),
        ["Иван Петров"],
        "Cyrillic found by its transliteration"
    );
    assert_eq!(find(&mut f, "Иван"), ["Иван Петров"]);
    assert_eq!(find(&mut f, "wang"), ["王伟"]);
    assert_eq!(find(&mut f, "siobhan"), ["Siobhán O'Connor"]);
    assert_eq!(find(&mut f, "mara"), ["Amara Okafor"], "alias");
    assert_eq!(
        find(&mut f, "14/03/2009"),
        ["Amara Okafor"],
        "date of birth as typed"
    );
    assert_eq!(
        find(&mut f, "se135ab"),
        ["Amara Okafor"],
        "postcode without its space"
    );
    assert_eq!(find(&mut f, "SE13"), ["Amara Okafor"]);
    assert_eq!(
        find(&mut f, &amara.reference),
        ["Amara Okafor"],
        "case reference"
    );
    // References are random: twenty more, so some start with a digit
    // after the dash ("YM-23ABC"), which text parsers read as a number.
    let names: Vec<String> = (0..20).map(|i| format!("Test Person {i}")).collect();
    for name in &names {
        let input = f.referral(name, "2010-01-01", "2026-11-07");
        let case = cases::create(&mut f.store, &input, today()).unwrap();
        let found = find(&mut f, &case.reference);
        assert_eq!(found.len(), 1, "{}", case.reference);
        assert_eq!(&found[0], name, "{}", case.reference);
    }
    assert!(
        find(&mut f, "\"; DROP TABLE person_case; --").is_empty(),
        "hostile text is just text"
    );
    assert_eq!(find(&mut f, "").len(), 25);
}

fn bulk_triage_changes_all_or_none<S: Engine>(mut f: Fixture<S>) {
    let a = {
        let input = f.referral("Amara Okafor", "14/03/2009", "2026-11-02");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    let b = {
        let input = f.referral("Jayden Clarke", "2008-01-02", "2026-11-03");
        cases::create(&mut f.store, &input, today())
    }
    .unwrap();
    cases::transition(
        &mut f.store,
        b.id,
        &CaseAction::Close {
            reason: "Duplicate".into(),
        },
        today(),
    )
    .unwrap();
    let redirect = CaseAction::Redirect {
        service: "Early Help".into(),
        reason: "Below threshold".into(),
    };
    assert!(
        cases::triage(&mut f.store, &[a.id, b.id], &redirect, None, today()).is_err(),
        "b is closed"
    );
    assert_eq!(
        f.store
            .read(|db| cases::get(db, a.id, today()))
            .unwrap()
            .status,
        CaseStatus::Referred,
        "a is unchanged"
    );
    assert_eq!(
        cases::triage(&mut f.store, &[a.id], &redirect, None, today()).unwrap(),
        1
    );
    let a = f.store.read(|db| cases::get(db, a.id, today())).unwrap();
    assert_eq!(a.status, CaseStatus::Redirected);
    assert!(a.history.last().unwrap().detail.contains("Early Help"));
    let _ = date("2026-01-01");
}

crate::on_both_engines!(
    crate::common::fixture, crate::common::pg_fixture;
    a_referral_is_recorded_with_a_reference_that_reveals_nothing,
    bad_input_is_refused_and_nothing_is_saved,
    lifecycle_steps_are_kept_in_history_and_wrong_steps_refused,
    search_by_name_alias_date_of_birth_postcode_or_reference,
    bulk_triage_changes_all_or_none,
    a_repeat_within_the_window_is_offered_then_flagged_once_confirmed,
    after_the_window_the_same_person_counts_as_new_and_a_rejected_match_stays_rejected,
);
