//! Panels, the agency directory and membership, through the features the
//! commands call: each test on a real encrypted store and again on
//! PostgreSQL (a scratch database on the test command's throwaway cluster).

// Test helpers may unwrap and panic: a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::Empty;
use roundtable_core::CoreError;
use roundtable_core::domain::{AgencyInput, PanelInput, PanelKind, RepresentativeInput, Sector};
use roundtable_core::features::{agencies, demo, panels};
use roundtable_core::store::Engine;

fn agency(name: &str, code: &str) -> AgencyInput {
    AgencyInput {
        name: name.into(),
        short_code: code.into(),
        sector: Some(Sector::Police),
        secure_email: String::new(),
        representatives: Vec::new(),
    }
}

fn fields(err: CoreError) -> Vec<(String, String)> {
    match err {
        CoreError::Validation(errors) => errors.into_iter().map(|e| (e.field, e.message)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn create_edit_and_archive_a_panel(mut empty: Empty<impl Engine>) {
    let store = &mut empty.store;
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = " Lowbridge MARAC ".into();
    let panel = panels::create(store, &input).unwrap();
    assert_eq!(panel.name, "Lowbridge MARAC");
    assert_eq!(
        panel.protective_marking, "OFFICIAL-SENSITIVE",
        "marking defaults to OFFICIAL-SENSITIVE"
    );

    input.name = "Lowbridge MARAC (fortnightly)".into();
    input.minutes_per_case = 15;
    let edited = panels::update(store, panel.id, &input).unwrap();
    assert_eq!(edited.minutes_per_case, 15);

    let archived = panels::set_archived(store, panel.id, true).unwrap();
    assert!(archived.archived);
    let listed = store.read(|db| panels::list(db)).unwrap();
    assert_eq!(
        listed.len(),
        1,
        "archived panels are still listed (marked archived)"
    );
    assert!(
        !panels::set_archived(store, panel.id, false)
            .unwrap()
            .archived
    );
}

fn panel_names_are_unique_ignoring_case_and_bad_input_saves_nothing(mut empty: Empty<impl Engine>) {
    let store = &mut empty.store;
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = "MARAC".into();
    let panel = panels::create(store, &input).unwrap();
    input.name = "marac".into();
    let errors = fields(panels::create(store, &input).unwrap_err());
    assert_eq!(errors[0].0, "name");
    assert!(
        errors[0].1.contains("already a panel called MARAC"),
        "{errors:?}"
    );

    let mut bad = PanelInput::defaults(PanelKind::Marac);
    bad.name = "Renamed".into();
    bad.repeat_window_months = 0;
    assert!(panels::update(store, panel.id, &bad).is_err());
    assert_eq!(
        store.read(|db| panels::get(db, panel.id)).unwrap().name,
        "MARAC",
        "nothing half-saved"
    );
}

fn short_codes_are_unique_and_the_error_names_the_owner(mut empty: Empty<impl Engine>) {
    let store = &mut empty.store;
    agencies::create(store, &agency("Lewisham Police", "LPOL")).unwrap();
    let errors = fields(agencies::create(store, &agency("Lewisham Housing", "lpol")).unwrap_err());
    assert_eq!(
        errors,
        [(
            "short_code".to_string(),
            "This short code is already used by Lewisham Police. Choose another.".to_string()
        )]
    );
    assert_eq!(
        store.read(|db| agencies::list(db)).unwrap().len(),
        1,
        "the refused agency was not saved"
    );
}

fn representatives_are_added_edited_and_removed_in_one_save(mut empty: Empty<impl Engine>) {
    let store = &mut empty.store;
    let mut input = agency("Children's Social Care", "CSC");
    input.sector = Some(Sector::ChildrensSocialCare);
    input.representatives = vec![
        RepresentativeInput {
            id: None,
            name: "Priya Natarajan".into(),
            role: "Head of Service".into(),
            email: "priya@csc.example".into(),
        },
        RepresentativeInput {
            id: None,
            name: "Tom Reilly".into(),
            role: "".into(),
            email: "".into(),
        },
    ];
    let created = agencies::create(store, &input).unwrap();
    assert_eq!(created.representatives.len(), 2);
    let priya = created.representatives[0].clone();

    input.representatives = vec![
        RepresentativeInput {
            id: Some(priya.id),
            name: "Priya Natarajan-Shaw".into(),
            role: "Head of Service".into(),
            email: "priya@csc.example".into(),
        },
        RepresentativeInput {
            id: None,
            name: "Grace Adeyemi".into(),
            role: "Team manager".into(),
            email: "".into(),
        },
    ];
    let edited = agencies::update(store, created.id, &input).unwrap();
    let names: Vec<_> = edited
        .representatives
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Priya Natarajan-Shaw", "Grace Adeyemi"],
        "Tom removed, Grace added"
    );
    assert_eq!(
        edited.representatives[0].id, priya.id,
        "an edited representative keeps its id"
    );

    // A bad email in one representative refuses the whole save.
    input.representatives[1].email = "grace@".into();
    let errors = fields(agencies::update(store, created.id, &input).unwrap_err());
    assert_eq!(errors[0].0, "representatives.1.email");
    let stored = store.read(|db| agencies::get(db, created.id)).unwrap();
    assert_eq!(stored.representatives[1].email, None, "nothing half-saved");
}

fn membership_links_panels_and_agencies_both_ways(mut empty: Empty<impl Engine>) {
    let store = &mut empty.store;
    let mut input = PanelInput::defaults(PanelKind::YouthMarac);
    input.name = "Youth MARAC".into();
    let panel = panels::create(store, &input).unwrap();
    let police = agencies::create(store, &agency("Police", "POL")).unwrap();
    let yjs = agencies::create(store, &agency("Youth Justice Service", "YJS")).unwrap();

    panels::set_membership(store, panel.id, police.id, true).unwrap();
    let panel_now = panels::set_membership(store, panel.id, yjs.id, true).unwrap();
    assert_eq!(
        panel_now.member_agency_ids,
        [police.id, yjs.id],
        "members listed by name"
    );
    // Adding twice is harmless.
    panels::set_membership(store, panel.id, yjs.id, true).unwrap();
    assert_eq!(
        store
            .read(|db| agencies::get(db, yjs.id))
            .unwrap()
            .panel_ids,
        [panel.id]
    );

    let panel_now = panels::set_membership(store, panel.id, police.id, false).unwrap();
    assert_eq!(panel_now.member_agency_ids, [yjs.id]);
    let missing = panels::set_membership(store, panel.id, uuid::Uuid::new_v4(), true);
    assert!(matches!(missing, Err(CoreError::NotFound(_))));
}

fn demo_data_is_a_youth_marac_with_twenty_plus_agencies_and_only_loads_into_an_empty_store(
    mut empty: Empty<impl Engine>,
) {
    let store = &mut empty.store;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    demo::load(store, today).unwrap();
    let panels = store.read(|db| panels::list(db)).unwrap();
    assert_eq!(panels.len(), 1);
    assert_eq!(panels[0].kind, PanelKind::YouthMarac);
    let agencies = store.read(|db| agencies::list(db)).unwrap();
    assert!(
        agencies.len() >= 20,
        "demo has 20+ agencies, got {}",
        agencies.len()
    );
    assert_eq!(
        panels[0].member_agency_ids.len(),
        agencies.len(),
        "every demo agency sits on the panel"
    );
    let sectors: std::collections::HashSet<_> = agencies.iter().map(|a| a.sector).collect();
    assert!(
        sectors.len() >= 10,
        "demo agencies span realistic sectors: {sectors:?}"
    );

    let again = demo::load(store, today);
    assert!(
        matches!(again, Err(CoreError::Conflict(_))),
        "demo data never mixes into real data"
    );
}

fn every_problem_is_reported_at_once_including_clashes(mut empty: Empty<impl Engine>) {
    let store = &mut empty.store;
    agencies::create(store, &agency("Lewisham Police", "LPOL")).unwrap();
    let mut input = agency("Lewisham Homes", "lpol");
    input.secure_email = "housing@lewisham".into();
    let errors = fields(agencies::create(store, &input).unwrap_err());
    let named: Vec<_> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        named,
        ["short_code", "secure_email"],
        "the clash and the bad email together"
    );

    let mut panel = PanelInput::defaults(PanelKind::Marac);
    panel.name = "MARAC".into();
    panels::create(store, &panel).unwrap();
    panel.name = "marac".into();
    panel.meeting_minutes = 1;
    let errors = fields(panels::create(store, &panel).unwrap_err());
    let named: Vec<_> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(named, ["name", "meeting_minutes"]);
}

crate::on_both_engines!(
    crate::common::empty_sqlite, crate::common::empty_postgres;
    create_edit_and_archive_a_panel,
    panel_names_are_unique_ignoring_case_and_bad_input_saves_nothing,
    short_codes_are_unique_and_the_error_names_the_owner,
    representatives_are_added_edited_and_removed_in_one_save,
    membership_links_panels_and_agencies_both_ways,
    every_problem_is_reported_at_once_including_clashes,
    demo_data_is_a_youth_marac_with_twenty_plus_agencies_and_only_loads_into_an_empty_store,
);
