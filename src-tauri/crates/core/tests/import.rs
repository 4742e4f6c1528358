//! Referral import from the files kept in tests/fixtures/import: good lists,
//! a list with three bad rows, other encodings, XLSX, and hostile files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::PathBuf;

use common::{Fixture, today};
use roundtable_core::CoreError;
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::import;
use roundtable_core::store::Engine;

fn file(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn count<S: Engine>(f: &mut Fixture<S>) -> usize {
    f.store
        .read(|db| cases::list(db, &CaseFilter::default(), today()))
        .unwrap()
        .len()
}

fn three_bad_rows_are_listed_by_row_and_column_and_nothing_is_written<S: Engine>(
    mut f: Fixture<S>,
) {
    let bytes = file("referrals-three-bad-rows.csv");
    let p = f
        .store
        .read(|db| {
            import::preview(
                db,
                f.panel.id,
                "referrals-three-bad-rows.csv",
                &bytes,
                None,
                today(),
            )
        })
        .unwrap();
    assert_eq!(p.total_rows, 5);
    let problems: Vec<_> = p
        .problems
        .iter()
        .map(|x| (x.row, x.column.as_str()))
        .collect();
    assert_eq!(
        problems,
        [(3, "DOB"), (5, "Reason for referral"), (6, "Referred by")],
        "{:#?}",
        p.problems
    );
    assert!(
        p.problems[2].message.contains("Metropolitan Police"),
        "{}",
        p.problems[2].message
    );
    assert!(!p.can_import);
    let err = import::commit(
        &mut f.store,
        f.panel.id,
        "x.csv",
        &bytes,
        &p.choices(),
        today(),
    )
    .unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    assert!(err.to_string().contains("Nothing was imported"));
    assert_eq!(count(&mut f), 0, "all or nothing: nothing");
}

fn a_good_list_imports_every_row_in_every_script_and_the_mapping_is_remembered<S: Engine>(
    mut f: Fixture<S>,
) {
    let bytes = file("referrals-good.csv");
    let p = f
        .store
        .read(|db| import::preview(db, f.panel.id, "referrals-good.csv", &bytes, None, today()))
        .unwrap();
    assert!(p.can_import, "{:#?}", p.problems);
    assert_eq!(p.rows[0].subject_name, "Amara Okafor");
    let result = import::commit(
        &mut f.store,
        f.panel.id,
        "referrals-good.csv",
        &bytes,
        &p.choices(),
        today(),
    )
    .unwrap();
    assert_eq!(result.imported, 5);
    let names: Vec<_> = f
        .store
        .read(|db| cases::list(db, &CaseFilter::default(), today()))
        .unwrap()
        .into_iter()
        .map(|c| c.subject_name)
        .collect();
    for name in [
        "Amara Okafor",
        "Nguyễn Văn An",
        "Zofia Wiśniewska",
        "Mohamed Abdi Warsame",
        "Иван Петров",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} imported");
    }
    let amara = f
        .store
        .read(|db| {
            cases::list(
                db,
                &CaseFilter {
                    query: "amara".into(),
                    ..Default::default()
                },
                today(),
            )
        })
        .unwrap();
    let detail = f
        .store
        .read(|db| cases::get(db, amara[0].id, today()))
        .unwrap();
    assert!(
        detail.input.referral_reason.contains("Second incident"),
        "quoted newline kept"
    );
    assert_eq!(
        detail.input.concerns,
        ["Knife crime", "Serious youth violence"]
    );
    assert!(
        detail.history[0]
            .detail
            .contains("Imported from referrals-good.csv, row 2")
    );

    // The same file again: every row is now a probable repeat of itself.
    let again = f
        .store
        .read(|db| import::preview(db, f.panel.id, "referrals-good.csv", &bytes, None, today()))
        .unwrap();
    assert_eq!(again.repeats.len(), 5, "probable repeats are shown");
    let amara_repeat = again
        .repeats
        .iter()
        .find(|r| r.subject_name.starts_with("Amara"))
        .expect("Amara's row is a repeat");
    assert_eq!(
        (
            amara_repeat.matches_reference.as_str(),
            amara_repeat.matches_name.as_str()
        ),
        (amara[0].reference.as_str(), amara[0].subject_name.as_str()),
        "each repeat names the case it matches by that case's reference"
    );
    assert_eq!(
        again.mapping, p.mapping,
        "the mapping is remembered for the panel"
    );

    // Imported cases are found as typed cases are: transliterated, and by
    // their own (distinct) references.
    let find = |f: &mut Fixture<S>, query: &str| {
        f.store
            .read(|db| {
                let filter = CaseFilter {
                    query: query.into(),
                    ..Default::default()
                };
                cases::list(db, &filter, today())
            })
            .unwrap()
    };
    assert_eq!(find(&mut f, "nguyen van")[0].subject_name, "Nguyễn Văn An");
    assert_eq!(find(&mut f, "ivan")[0].subject_name, "Иван Петров");
    let all = find(&mut f, "");
    let mut references: Vec<_> = all.iter().map(|c| c.reference.clone()).collect();
    references.sort();
    references.dedup();
    assert_eq!(references.len(), 5, "every case has its own reference");
    for c in &all {
        assert_eq!(find(&mut f, &c.reference)[0].id, c.id);
    }
    // Imported again, each row is offered as a repeat of its first import.
    let second = import::commit(
        &mut f.store,
        f.panel.id,
        "referrals-good.csv",
        &bytes,
        &again.choices(),
        today(),
    )
    .unwrap();
    assert_eq!(second.repeats_offered, 5);
}

fn duplicates_within_a_file_are_problems<S: Engine>(mut f: Fixture<S>) {
    let mut text = String::from_utf8(file("referrals-good.csv")).unwrap();
    text.push_str(
        "Amara  OKAFOR,14/03/2009,F,SE13 5AB,POL,07/11/2026,Automatic,Again.,Knife crime,Yes,0\n",
    );
    let p = f
        .store
        .read(|db| import::preview(db, f.panel.id, "dup.csv", text.as_bytes(), None, today()))
        .unwrap();
    assert_eq!(p.problem_count, 1);
    assert!(
        p.problems[0]
            .message
            .contains("Same name and date of birth as row 2"),
        "{}",
        p.problems[0].message
    );
    let _ = &mut f;
}

fn other_encodings_and_xlsx_are_read<S: Engine>(mut f: Fixture<S>) {
    let p = f
        .store
        .read(|db| {
            import::preview(
                db,
                f.panel.id,
                "w.csv",
                &file("referrals-windows-1252.csv"),
                None,
                today(),
            )
        })
        .unwrap();
    assert_eq!(p.rows[0].subject_name, "José Müller");
    assert!(p.notes.iter().any(|n| n.contains("Windows-1252")));

    let bytes = file("referrals.xlsx");
    let p = f
        .store
        .read(|db| import::preview(db, f.panel.id, "referrals.xlsx", &bytes, None, today()))
        .unwrap();
    assert!(p.can_import, "{:#?}", p.problems);
    assert_eq!(p.rows[0].date_of_birth, "2009-03-14", "an Excel date cell");
    import::commit(
        &mut f.store,
        f.panel.id,
        "referrals.xlsx",
        &bytes,
        &p.choices(),
        today(),
    )
    .unwrap();
    let abdi = f
        .store
        .read(|db| {
            cases::list(
                db,
                &CaseFilter {
                    query: "abdirahman".into(),
                    ..Default::default()
                },
                today(),
            )
        })
        .unwrap();
    let detail = f
        .store
        .read(|db| cases::get(db, abdi[0].id, today()))
        .unwrap();
    assert!(
        detail.input.referral_reason.starts_with("=HYPERLINK"),
        "a formula is kept as text, never run"
    );
    assert_eq!(detail.input.children_count, 3);
}

fn hostile_files_give_clear_errors_and_write_nothing<S: Engine>(mut f: Fixture<S>) {
    for name in [
        "empty.csv",
        "headers-only.csv",
        "not-a-list.csv",
        "broken.xlsx",
    ] {
        let bytes = file(name);
        let err = f
            .store
            .read(|db| import::preview(db, f.panel.id, name, &bytes, None, today()))
            .err();
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        // not-a-list.csv decodes as text; then no column maps, so every row has problems.
        if name == "not-a-list.csv" && message.is_empty() {
            let p = f
                .store
                .read(|db| import::preview(db, f.panel.id, name, &bytes, None, today()))
                .unwrap();
            assert!(!p.can_import);
            continue;
        }
        assert!(
            !message.is_empty() && !message.contains("panicked"),
            "{name}: {message}"
        );
    }
    assert_eq!(count(&mut f), 0);
    let _ = &mut f;
}

fn a_mapping_naming_a_missing_column_is_refused<S: Engine>(mut f: Fixture<S>) {
    let bytes = file("referrals-good.csv");
    let mut p = f
        .store
        .read(|db| import::preview(db, f.panel.id, "g.csv", &bytes, None, today()))
        .unwrap();
    p.mapping[0].header = Some("No such column".into());
    let err = import::commit(
        &mut f.store,
        f.panel.id,
        "g.csv",
        &bytes,
        &p.choices(),
        today(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("no column called"), "{err}");
}

crate::on_both_engines!(
    crate::common::fixture, crate::common::pg_fixture;
    three_bad_rows_are_listed_by_row_and_column_and_nothing_is_written,
    a_good_list_imports_every_row_in_every_script_and_the_mapping_is_remembered,
    duplicates_within_a_file_are_problems,
    other_encodings_and_xlsx_are_read,
    hostile_files_give_clear_errors_and_write_nothing,
    a_mapping_naming_a_missing_column_is_refused,
);
