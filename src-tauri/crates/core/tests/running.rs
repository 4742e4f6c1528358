//! Running a meeting through the core, the hearing's record: attendance,
//! information sharing by agency, the assessment and outcome, and edits
//! that are refused (stale or impossible) without losing or recording
//! anything. Actions, timers and the screens are in `running_actions`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{Fixture, fields, today};
use roundtable_core::CoreError;
use roundtable_core::domain::case::CaseStatus;
use roundtable_core::domain::meeting::{HearingOutcome, MeetingDetail};
use roundtable_core::domain::running::{
    AssessmentInput, AttendanceStatus, AttendeeInput, OutcomeInput, Rag, RiskLevel, ShareInput,
    ShareState,
};
use roundtable_core::features::cases;
use roundtable_core::features::running;
use roundtable_core::store::Engine;
use uuid::Uuid;

pub(crate) fn meeting<S: Engine>(f: &mut Fixture<S>, date: &str) -> MeetingDetail {
    f.meeting(date)
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
);
