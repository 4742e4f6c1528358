//! The same person across panels, through the core on both engines: a
//! case's person, perpetrator or linked person found as the person or a
//! perpetrator of another panel's case (accents ignored) shows that case's
//! reference and panel and nothing of its content; the coordinator confirms
//! or dismisses it (kept, in the case's history and the audit log); and
//! keep-apart pairs on one agenda are flagged on both cases.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{Fixture, clear, today};
use roundtable_core::domain::case::{LinkedPersonInput, Relationship};
use roundtable_core::domain::meeting::MeetingDetail;
use roundtable_core::domain::referral::{PerpetratorInput, ReferralDetails};
use roundtable_core::domain::{PanelInput, PanelKind};
use roundtable_core::features::cases::{self, CaseAction};
use roundtable_core::features::{meetings, other_panels, panels, referral};
use roundtable_core::matching::MatchStrength;
use roundtable_core::store::Engine;
use uuid::Uuid;

fn perpetrator(name: &str, born: &str) -> ReferralDetails {
    ReferralDetails {
        perpetrators: vec![PerpetratorInput {
            id: None,
            name: name.into(),
            aliases: Vec::new(),
            date_of_birth: born.into(),
            relationship: None,
        }],
        ..ReferralDetails::empty()
    }
}

fn a_person_known_to_another_panel_shows_its_reference_and_panel_only<S: Engine>(
    (mut f, youth_case, _m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let mut marac = PanelInput::defaults(PanelKind::Marac);
    marac.name = "Lowbridge MARAC".into();
    let marac = panels::create(&mut f.store, &marac).unwrap();
    let mut adult = f.referral("Grace Adeyemi", "01/02/1990", "2026-11-10");
    adult.panel_id = marac.id;
    adult.referral_reason = "Secret story of the other panel.".into();
    adult.linked_people.push(LinkedPersonInput {
        id: None,
        name: "Kyle Brown".into(),
        relationship: Some(Relationship::Associate),
        keep_apart: false,
    });
    let adult = cases::create(&mut f.store, &adult, today()).unwrap();
    // Her perpetrator is the Youth MARAC's young person, typed without accents.
    let adult = referral::save(
        &mut f.store,
        adult.id,
        &perpetrator("Amara Okáfor", "14/03/2009"),
        today(),
    )
    .unwrap();
    let seen = &adult.other_panels;
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].who, "Perpetrator Amara Okáfor");
    assert_eq!(seen[0].panel_name, "Lowbridge Youth MARAC");
    assert_eq!(seen[0].strength, MatchStrength::Strong);
    assert!(!seen[0].confirmed);

    // The Youth MARAC's case sees the MARAC's, by reference and panel only.
    let youth = f
        .store
        .read(|db| cases::get(db, youth_case, today()))
        .unwrap();
    assert_eq!(youth.other_panels.len(), 1);
    assert_eq!(
        (
            youth.other_panels[0].who.as_str(),
            youth.other_panels[0].reference.as_str()
        ),
        ("The person", adult.reference.as_str())
    );
    let sent = serde_json::to_string(&youth.other_panels).unwrap();
    for content in ["Grace Adeyemi", "Secret story", "Kyle Brown", "1990"] {
        assert!(
            !sent.contains(content),
            "{content} of the other case was shown"
        );
    }

    // A linked person matches another panel's person on the name alone.
    let mut kyle = f.referral("Kyle Brown", "05/05/2010", "2026-11-12");
    kyle.referral_reason = "Knife found at school.".into();
    let kyle = cases::create(&mut f.store, &kyle, today()).unwrap();
    let adult_again = f
        .store
        .read(|db| cases::get(db, adult.id, today()))
        .unwrap();
    let linked = adult_again
        .other_panels
        .iter()
        .find(|m| m.other_case_id == kyle.id)
        .unwrap();
    assert_eq!(
        (linked.who.as_str(), linked.strength),
        ("Linked person Kyle Brown", MatchStrength::Probable)
    );

    // Confirmed: kept and told in the history. Dismissed: no longer offered.
    let confirmed = other_panels::decide(
        &mut f.store,
        (youth_case, adult.id, "The person"),
        true,
        today(),
    )
    .unwrap();
    assert!(confirmed.other_panels[0].confirmed);
    assert!(
        confirmed
            .history
            .last()
            .unwrap()
            .detail
            .contains("confirmed as the same person as in case")
    );
    let dismissed = other_panels::decide(
        &mut f.store,
        (adult.id, kyle.id, "Linked person Kyle Brown"),
        false,
        today(),
    )
    .unwrap();
    assert!(
        dismissed
            .other_panels
            .iter()
            .all(|m| m.other_case_id != kyle.id)
    );
    let err = other_panels::decide(
        &mut f.store,
        (youth_case, Uuid::new_v4(), "The person"),
        true,
        today(),
    )
    .unwrap_err();
    assert!(clear(&err), "{err}");
}

fn keep_apart_pairs_on_one_agenda_are_flagged<S: Engine>(
    (mut f, _case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    // Noor's case keeps her apart from Jay; Jay is referred too, and both
    // (with Lena, unconnected) are accepted onto the next agenda.
    let mut noor = f.referral("Noor Rahman", "04/04/2009", "2026-11-14");
    noor.linked_people.push(LinkedPersonInput {
        id: None,
        name: "Jay Smíth".into(),
        relationship: Some(Relationship::Peer),
        keep_apart: true,
    });
    let mut accepted = Vec::new();
    for input in [
        noor,
        f.referral("Jay Smith", "02/02/2009", "2026-11-15"),
        f.referral("Lena Park", "03/03/2010", "2026-11-16"),
    ] {
        let case = cases::create(&mut f.store, &input, today()).unwrap();
        cases::transition(&mut f.store, case.id, &CaseAction::Accept, today()).unwrap();
        accepted.push(case);
    }
    // Accepted onto the next agenda: the meeting already scheduled.
    let meeting = f.store.read(|db| meetings::get(db, m.id)).unwrap();
    let flags = |id: Uuid| {
        meeting
            .items
            .iter()
            .filter_map(|i| i.case.as_ref())
            .find(|c| c.id == id)
            .expect("on the agenda")
            .keep_apart_with
            .clone()
    };
    assert_eq!(flags(accepted[0].id), vec![accepted[1].reference.clone()]);
    assert_eq!(flags(accepted[1].id), vec![accepted[0].reference.clone()]);
    assert!(flags(accepted[2].id).is_empty());
}

crate::on_both_engines!(
    crate::common::case_on_an_agenda, crate::common::pg_case_on_an_agenda;
    a_person_known_to_another_panel_shows_its_reference_and_panel_only,
    keep_apart_pairs_on_one_agenda_are_flagged,
);
