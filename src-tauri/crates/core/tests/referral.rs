//! The referral form's records, through the core on both engines: the
//! perpetrators, children (unborn too), safe contact, knowledge of the
//! referral, the lawful ground from the list, an earlier MARAC and risk to
//! professionals are kept as typed and read back; rows keep their ids
//! through edits and go when taken off; bad dates and incomplete rows are
//! refused by field and change nothing; and the case's own free text is
//! never touched.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use chrono::{TimeZone, Utc};
use common::{Fixture, clear, fields, today};
use proptest::prelude::*;
use roundtable_core::domain::action::ActionInput;
use roundtable_core::domain::case::YesNoUnknown;
use roundtable_core::domain::meeting::MeetingDetail;
use roundtable_core::domain::referral::{
    ChildInput, ChildRelationship, LawfulGround, PerpetratorInput, PerpetratorRelationship,
    ReferralDetails,
};
use roundtable_core::features::{actions, cases, documents, projector, referral};
use roundtable_core::store::Engine;
use uuid::Uuid;

fn child(name: &str, born: &str, due: &str) -> ChildInput {
    ChildInput {
        id: None,
        name: name.into(),
        date_of_birth: born.into(),
        due_date: due.into(),
        relationship_to_person: Some(ChildRelationship::Child),
        relationship_to_perpetrator: Some(ChildRelationship::Stepchild),
        lives_with: "Mother, at the refuge".into(),
        school: "Lowbridge Primary".into(),
    }
}

fn perpetrator(name: &str, born: &str) -> PerpetratorInput {
    PerpetratorInput {
        id: None,
        name: name.into(),
        aliases: vec!["Dee".into()],
        date_of_birth: born.into(),
        relationship: Some(PerpetratorRelationship::FormerPartner),
    }
}

fn full_form() -> ReferralDetails {
    ReferralDetails {
        perpetrators: vec![perpetrator("Darren Cole", "03/04/1990")],
        children: vec![
            child("Maya Cole", "12/02/2019", ""),
            child("", "", "01/03/2027"),
        ],
        safe_phone: "07700 900123".into(),
        safe_to_call: Some(YesNoUnknown::Yes),
        best_time_to_call: "Weekdays 10:00-12:00".into(),
        safe_to_leave_message: Some(YesNoUnknown::No),
        knows_of_referral: Some(YesNoUnknown::Yes),
        lawful_ground: Some(LawfulGround::RiskOfSeriousHarm),
        consent_conditions: "Not to be shared with her employer.".into(),
        earlier_marac: Some(YesNoUnknown::Yes),
        earlier_marac_where: "Southwark MARAC, 2025".into(),
        risk_to_professionals: "Threatened a housing officer in 2024.".into(),
    }
}

fn the_whole_form_is_kept_and_rows_keep_their_ids<S: Engine>(
    (mut f, case, _m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let before = f.store.read(|db| cases::get(db, case, today())).unwrap();
    assert_eq!(before.referral, ReferralDetails::empty());
    let saved = referral::save(&mut f.store, case, &full_form(), today()).unwrap();
    let r = &saved.referral;
    assert_eq!(r.perpetrators[0].date_of_birth, "1990-04-03");
    assert_eq!(r.children[0].date_of_birth, "2019-02-12");
    assert_eq!(
        (
            r.children[1].date_of_birth.as_str(),
            r.children[1].due_date.as_str()
        ),
        ("", "2027-03-01")
    );
    assert_eq!(r.lawful_ground, Some(LawfulGround::RiskOfSeriousHarm));
    assert_eq!(r.earlier_marac_where, "Southwark MARAC, 2025");
    assert_eq!(
        r.risk_to_professionals,
        "Threatened a housing officer in 2024."
    );
    assert_eq!(
        saved.input, before.input,
        "the case's own fields are untouched"
    );

    // An edit keeps each row's id; a row taken off the form goes.
    let mut edit = saved.referral.clone();
    let kept_id = edit.children[0].id;
    edit.children[0].school = "Lowbridge Academy".into();
    edit.children.remove(1);
    edit.perpetrators
        .push(perpetrator("Kyle Young", "2010-06-01"));
    let again = referral::save(&mut f.store, case, &edit, today()).unwrap();
    assert_eq!(again.referral.children.len(), 1);
    assert_eq!(again.referral.children[0].id, kept_id);
    assert_eq!(again.referral.children[0].school, "Lowbridge Academy");
    assert_eq!(again.referral.perpetrators.len(), 2);
    assert_eq!(
        again.referral.perpetrators[0].id,
        saved.referral.perpetrators[0].id
    );

    // Empty rows (an "Add" pressed and left) are dropped, not refused.
    let mut blank_rows = again.referral.clone();
    blank_rows.children.push(child("", "", ""));
    blank_rows
        .children
        .last_mut()
        .unwrap()
        .relationship_to_person = None;
    blank_rows
        .children
        .last_mut()
        .unwrap()
        .relationship_to_perpetrator = None;
    blank_rows.children.last_mut().unwrap().lives_with.clear();
    blank_rows.children.last_mut().unwrap().school.clear();
    let dropped = referral::save(&mut f.store, case, &blank_rows, today()).unwrap();
    assert_eq!(dropped.referral.children.len(), 1);
}

fn bad_rows_are_refused_by_field_and_change_nothing<S: Engine>(
    (mut f, case, _m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let good = referral::save(&mut f.store, case, &full_form(), today()).unwrap();
    let mut bad = full_form();
    bad.children = vec![
        child("Both", "01/01/2020", "01/03/2027"),
        child("Unborn overdue", "", "01/11/2026"),
        child("Grown up", "01/01/2000", ""),
        child("Future", "01/01/2027", ""),
        child("Far", "", "01/12/2027"),
        child("Nonsense", "31/02/2020", ""),
    ];
    bad.perpetrators = vec![
        perpetrator("", "01/01/1990"),
        perpetrator("Young", "2030-01-01"),
    ];
    bad.safe_phone = "7".repeat(41);
    let err = referral::save(&mut f.store, case, &bad, today()).unwrap_err();
    assert!(clear(&err));
    let mut named = fields(err);
    named.sort();
    assert_eq!(
        named,
        vec![
            "children.0.due_date",
            "children.1.due_date",
            "children.2.date_of_birth",
            "children.3.date_of_birth",
            "children.4.due_date",
            "children.5.date_of_birth",
            "perpetrators.0.name",
            "perpetrators.1.date_of_birth",
            "safe_phone",
        ]
    );
    let err = referral::save(&mut f.store, Uuid::new_v4(), &full_form(), today()).unwrap_err();
    assert!(clear(&err));
    // A row id of another case is refused, and that case keeps its row.
    let other_input = f.referral("Other Person", "01/01/2010", "2026-11-03");
    let other = cases::create(&mut f.store, &other_input, today()).unwrap();
    let mut stolen = full_form();
    stolen.children[0].id = good.referral.children[0].id;
    let err = referral::save(&mut f.store, other.id, &stolen, today()).unwrap_err();
    assert!(
        clear(&err) && err.to_string().contains("another case"),
        "{err}"
    );
    let after = f.store.read(|db| cases::get(db, case, today())).unwrap();
    assert_eq!(after.referral, good.referral, "nothing changed");
}

/// The minutes name the perpetrator and count the children; an agency's
/// plan and the shared screen carry none of the form, with or without a
/// Dash behind it.
fn minutes_use_the_records_and_plans_and_the_projector_do_not<S: Engine>(
    (mut f, case, m): (Fixture<S>, Uuid, MeetingDetail),
) {
    referral::save(&mut f.store, case, &full_form(), today()).unwrap();
    let action = ActionInput {
        meeting_id: m.id,
        case_id: Some(case),
        agency_id: Some(f.csc),
        text: "Visit the family this week.".into(),
        due: "2026-12-18".into(),
        officer: String::new(),
    };
    actions::add(&mut f.store, &action, today()).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 12, 4, 12, 0, 0).unwrap();
    let (minutes, plan, projector) = f
        .store
        .read(|db| {
            Ok((
                documents::minutes(db, m.id, now)?,
                documents::action_plan(db, m.id, f.csc, now)?,
                projector::view(db, m.id, now, now.naive_utc(), today())?,
            ))
        })
        .unwrap();
    let flat = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let minutes = flat(common::pdf_text(&documents::pdf(&minutes).unwrap()));
    assert!(
        minutes.contains("Perpetrator Darren Cole (former partner)"),
        "{minutes}"
    );
    assert!(
        minutes.contains("Children 1 in the household, and 1 unborn"),
        "{minutes}"
    );
    let plan = flat(common::pdf_text(&documents::pdf(&plan).unwrap()));
    assert!(plan.contains("Visit the family"));
    let projector = serde_json::to_string(&projector).unwrap();
    for private in [
        "Darren Cole",
        "Dee",
        "07700 900123",
        "Maya Cole",
        "refuge",
        "employer",
        "Southwark",
        "housing officer",
    ] {
        assert!(!plan.contains(private), "the plan carries {private}");
        assert!(
            !projector.contains(private),
            "the shared screen carries {private}"
        );
        if private != "Darren Cole" {
            assert!(!minutes.contains(private), "the minutes carry {private}");
        }
    }
}

/// A repeat as SafeLives counts it: the same person and the same
/// perpetrator (accents ignored) within twelve months of the earlier
/// referral; said apart from the panel's own rule, and not said when the
/// perpetrator differs or the earlier referral is older.
fn the_same_person_and_perpetrator_within_a_year_is_a_safelives_repeat<S: Engine>(
    (mut f, _case, _m): (Fixture<S>, Uuid, MeetingDetail),
) {
    let mut offer_for = |name: &str, earlier_on: &str, their_perpetrator: &str| {
        let input = f.referral(name, "01/02/1995", earlier_on);
        let first = cases::create(&mut f.store, &input, today()).unwrap();
        let mut form = ReferralDetails::empty();
        form.perpetrators = vec![perpetrator(their_perpetrator, "03/04/1990")];
        form.perpetrators[0].aliases.clear();
        referral::save(&mut f.store, first.id, &form, today()).unwrap();
        let input = f.referral(name, "01/02/1995", "2026-11-20");
        let again = cases::create(&mut f.store, &input, today()).unwrap();
        form.perpetrators = vec![perpetrator("Darren Colé", "03/04/1990")];
        let again = referral::save(&mut f.store, again.id, &form, today()).unwrap();
        assert_eq!(
            again.possible_repeats.len(),
            1,
            "{:?}",
            again.possible_repeats
        );
        again.possible_repeats[0].clone()
    };
    let within = offer_for("Zainab Hussain", "2026-03-01", "Darren Cole");
    assert_eq!(within.same_perpetrator.as_deref(), Some("Darren Colé"));
    assert!(within.safelives_repeat);
    let older = offer_for("Maryam Qureshi", "2025-10-01", "Darren Cole");
    assert_eq!(older.same_perpetrator.as_deref(), Some("Darren Colé"));
    assert!(
        !older.safelives_repeat,
        "over twelve months: a new referral"
    );
    let other_man = offer_for("Ifeoma Eze", "2026-06-01", "Marcus Webb");
    assert_eq!(other_man.same_perpetrator, None);
    assert!(!other_man.safelives_repeat);
}

crate::on_both_engines!(
    crate::common::case_on_an_agenda, crate::common::pg_case_on_an_agenda;
    the_whole_form_is_kept_and_rows_keep_their_ids,
    bad_rows_are_refused_by_field_and_change_nothing,
    minutes_use_the_records_and_plans_and_the_projector_do_not,
    the_same_person_and_perpetrator_within_a_year_is_a_safelives_repeat,
);

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (1990i32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{d:02}/{m:02}/{y}")),
        common::hostile_text(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any mix of dates of birth and due dates, many children and empty
    /// perpetrators: validation never panics, a child kept has at most one
    /// of the two dates, a kept due date lies ahead and a kept date of birth
    /// behind, and no empty perpetrator is kept.
    #[test]
    fn dates_of_birth_and_due_dates_never_mix(
        kids in proptest::collection::vec((date_text(), date_text(), "[a-z]{0,6}"), 0..30),
        names in proptest::collection::vec("[a-zA-Z ]{0,8}", 0..5),
    ) {
        let mut form = ReferralDetails::empty();
        form.children = kids.iter().map(|(b, d, n)| child(n, b, d)).collect();
        form.perpetrators = names.iter().map(|n| PerpetratorInput { aliases: Vec::new(), relationship: None, ..perpetrator(n, "") }).collect();
        if let Ok(valid) = form.validate(today()) {
            prop_assert!(valid.children.len() <= 20);
            for c in &valid.children {
                prop_assert!(c.date_of_birth.is_empty() || c.due_date.is_empty());
                let today = today().format("%Y-%m-%d").to_string();
                prop_assert!(c.due_date.is_empty() || c.due_date >= today);
                prop_assert!(c.date_of_birth.is_empty() || c.date_of_birth <= today);
            }
            prop_assert!(valid.perpetrators.iter().all(|p| !p.name.trim().is_empty()));
        }
    }
}
