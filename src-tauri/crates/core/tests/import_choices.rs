//! A referral list as referrers really send it: surname and forename in two
//! columns, no consent or route column, agencies written as "Police" or
//! "Health". It imports unedited once the preview's choices are made, and the
//! next list from the same source needs none of them again.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::PathBuf;

use chrono::NaiveDate;
use common::{Fixture, date};
use roundtable_core::domain::case::{Consent, ReferralRoute};
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::import::{self, ImportPreview};
use roundtable_core::import::{AgencyWord, ImportChoices, ImportField};
use roundtable_core::store::Engine;
use uuid::Uuid;

fn file(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lists were received up to 2 December 2026.
fn today() -> NaiveDate {
    date("2026-12-03")
}

fn value(choices: &mut ImportChoices, field: ImportField, value: &str) {
    let column = choices
        .columns
        .iter_mut()
        .find(|c| c.field == field)
        .unwrap();
    column.value = Some(value.into());
}

fn problems(p: &ImportPreview) -> Vec<(u32, String)> {
    p.problems
        .iter()
        .map(|x| (x.row, x.column.clone()))
        .collect()
}

fn a_list_with_split_names_and_missing_columns_imports_with_choices_made_once<S: Engine>(
    mut f: Fixture<S>,
) {
    let (police, csc) = (f.police, f.csc);
    for name in ["split-names.csv", "split-names.xlsx"] {
        let bytes = file(name);
        let p = f
            .store
            .read(|db| import::preview(db, f.panel.id, name, &bytes, None, today()))
            .unwrap();
        let names: Vec<_> = p.rows.iter().map(|r| r.subject_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Tolúwalàṣẹ́ Adeyemi",
                "Kacper Jan Nowak",
                "Ruksana Begum",
                "Văn Minh Nguyễn",
                "Ciara O'Sullivan",
                "Harpreet Kaur Singh"
            ],
            "{name}: names as they will be stored"
        );
        let words: Vec<_> = p
            .agency_words
            .iter()
            .map(|w| (w.text.as_str(), w.rows, w.agency_id))
            .collect();
        assert_eq!(
            words,
            [
                ("Police", 2, None),
                ("Health", 2, None),
                ("Education", 1, None)
            ],
            "{name}"
        );
        assert!(!p.can_import);
        let every_row: Vec<_> = p
            .problems
            .iter()
            .filter(|x| x.row == 2)
            .map(|x| x.column.as_str())
            .collect();
        assert_eq!(
            every_row,
            ["Referrer", "(not in the file)", "(not in the file)"],
            "{name}: {:#?}",
            p.problems
        );
        assert!(p.file_value_fields.contains(&ImportField::Consent));
        assert!(!p.file_value_fields.contains(&ImportField::DateOfBirth));
    }

    let bytes = file("split-names.xlsx");
    let first = f
        .store
        .read(|db| import::preview(db, f.panel.id, "split-names.xlsx", &bytes, None, today()))
        .unwrap();
    let mut choices = first.choices();
    value(&mut choices, ImportField::Consent, "given");
    value(
        &mut choices,
        ImportField::ReferralRoute,
        "professional_judgement",
    );
    for (word, agency) in choices.agencies.iter_mut().zip([police, csc, csc]) {
        word.agency_id = Some(agency);
    }
    let p = f
        .store
        .read(|db| {
            import::preview(
                db,
                f.panel.id,
                "split-names.xlsx",
                &bytes,
                Some(&choices),
                today(),
            )
        })
        .unwrap();
    assert!(p.can_import, "{:#?}", p.problems);
    assert_eq!(p.rows[0].referring_agency, "Lowbridge Police");
    assert_eq!(p.rows[1].referring_agency, "Children's Social Care");
    assert_eq!(
        p.rows[5].referring_agency, "Children's Social Care",
        "a directory name needs no choice"
    );
    let result = import::commit(
        &mut f.store,
        f.panel.id,
        "split-names.xlsx",
        &bytes,
        &choices,
        today(),
    )
    .unwrap();
    assert_eq!(result.imported, 6);
    let list = f
        .store
        .read(|db| cases::list(db, &CaseFilter::default(), today()))
        .unwrap();
    let ciara = list
        .iter()
        .find(|c| c.subject_name == "Ciara O'Sullivan")
        .unwrap();
    let detail = f
        .store
        .read(|db| cases::get(db, ciara.id, today()))
        .unwrap();
    assert_eq!(detail.input.consent, Some(Consent::Given));
    assert_eq!(
        detail.input.referral_route,
        Some(ReferralRoute::ProfessionalJudgement)
    );
    assert_eq!(detail.input.referring_agency_id, Some(csc));

    // The next list, with other headings and faulty rows: the panel's
    // choices come back by themselves; only the faulty rows are problems.
    let bytes = file("split-names-faulty.csv");
    let p = f
        .store
        .read(|db| {
            import::preview(
                db,
                f.panel.id,
                "split-names-faulty.csv",
                &bytes,
                None,
                today(),
            )
        })
        .unwrap();
    assert!(
        p.agency_words.iter().all(|w| w.agency_id.is_some()),
        "{:?}",
        p.agency_words
    );
    assert_eq!(
        problems(&p),
        [
            (4, "Date of birth".into()),
            (5, "First name + Middle name + Surname".into())
        ],
        "{:#?}",
        p.problems
    );
    assert_eq!(
        p.repeats.len(),
        6,
        "the rows already imported are offered as repeats"
    );
}

fn choices_that_cannot_stand_are_refused_with_the_field_named<S: Engine>(mut f: Fixture<S>) {
    let bytes = file("split-names.csv");
    let p = f
        .store
        .read(|db| import::preview(db, f.panel.id, "split-names.csv", &bytes, None, today()))
        .unwrap();
    let mut refused = |choices: &ImportChoices| {
        let err = f
            .store
            .read(|db| {
                import::preview(
                    db,
                    f.panel.id,
                    "split-names.csv",
                    &bytes,
                    Some(choices),
                    today(),
                )
            })
            .unwrap_err();
        common::fields(err)
    };
    let mut choices = p.choices();
    value(&mut choices, ImportField::Consent, "perhaps");
    assert_eq!(refused(&choices), ["mapping.consent"]);

    let mut choices = p.choices();
    choices
        .columns
        .iter_mut()
        .find(|c| c.field == ImportField::DateOfBirth)
        .unwrap()
        .header = None;
    value(&mut choices, ImportField::DateOfBirth, "01/01/2010");
    assert_eq!(
        refused(&choices),
        ["mapping.date_of_birth"],
        "a person's facts come only from a column"
    );

    let mut choices = p.choices();
    value(&mut choices, ImportField::ReferringAgency, "Fire brigade");
    choices
        .columns
        .iter_mut()
        .find(|c| c.field == ImportField::ReferringAgency)
        .unwrap()
        .header = None;
    assert_eq!(refused(&choices), ["mapping.referring_agency"]);

    let choices = ImportChoices {
        columns: p.mapping.clone(),
        agencies: vec![AgencyWord {
            text: "Police".into(),
            agency_id: Some(Uuid::new_v4()),
        }],
    };
    assert_eq!(refused(&choices), ["agencies.0"]);
}

crate::on_both_engines!(
    crate::common::fixture, crate::common::pg_fixture;
    a_list_with_split_names_and_missing_columns_imports_with_choices_made_once,
    choices_that_cannot_stand_are_refused_with_the_field_named,
);
