//! The agency directory on day one: a coordinator's list of agencies and
//! their representatives imports in one step (one row per representative,
//! sectors written loosely), a faulty list is refused whole with every
//! problem named by row and column, and an empty directory can start from
//! the usual agencies for the panel's kind.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::PathBuf;

use common::{Empty, Fixture};
use roundtable_core::CoreError;
use roundtable_core::Store;
use roundtable_core::domain::usual_agencies::usual_agencies;
use roundtable_core::domain::{PanelInput, PanelKind, Sector};
use roundtable_core::features::agency_import::{self, AgencyImportPreview};
use roundtable_core::features::{agencies, panels};
use roundtable_core::store::Engine;
use roundtable_core::store::pg::PgStore;

fn file(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/agencies")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An empty directory and one panel, on either engine.
type EmptyDirectory<S> = fn() -> (Empty<S>, uuid::Uuid);

fn empty_directory<S: Engine>(mut empty: Empty<S>) -> (Empty<S>, uuid::Uuid) {
    empty.store.set_actor("Yusuf Ali");
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = "Lewisham MARAC".into();
    let panel = panels::create(&mut empty.store, &input).unwrap();
    (empty, panel.id)
}

fn sqlite_directories() -> EmptyDirectory<Store> {
    || empty_directory(common::empty_sqlite())
}

fn postgres_directories() -> EmptyDirectory<PgStore> {
    || empty_directory(common::empty_postgres())
}

fn sqlite_fixtures() -> fn() -> Fixture {
    common::fixture
}

fn postgres_fixtures() -> fn() -> Fixture<PgStore> {
    common::pg_fixture
}

fn problems(p: &AgencyImportPreview) -> Vec<(u32, &str, &str)> {
    p.problems
        .iter()
        .map(|x| (x.row, x.column.as_str(), x.message.as_str()))
        .collect()
}

fn a_directory_list_imports_with_representatives_grouped_under_their_agency<S: Engine>(
    directory: EmptyDirectory<S>,
) {
    for name in ["directory.csv", "directory.xlsx"] {
        let (mut empty, panel) = directory();
        let store = &mut empty.store;
        let bytes = file(name);
        let p = store
            .read(|db| agency_import::preview(db, name, &bytes, None))
            .unwrap();
        assert!(p.problems.is_empty(), "{name}: {:?}", problems(&p));
        assert!(p.can_import);
        assert_eq!(p.total_rows, 10);
        let seen: Vec<_> = p
            .agencies
            .iter()
            .map(|a| (a.name.as_str(), a.short_code.as_str(), a.sector))
            .collect();
        assert_eq!(
            seen,
            [
                ("Lewisham Police", "POL", Some(Sector::Police)),
                (
                    "Lewisham Children's Social Care",
                    "CSC",
                    Some(Sector::ChildrensSocialCare)
                ),
                (
                    "Lewisham and Greenwich NHS Trust",
                    "LGT",
                    Some(Sector::Health)
                ),
                ("South London CAMHS", "CAMHS", Some(Sector::MentalHealth)),
                ("Lewisham Homes", "HSG", Some(Sector::Housing)),
                (
                    "Probation Service, Lewisham",
                    "PROB",
                    Some(Sector::Probation)
                ),
                (
                    "Lewisham Youth Justice Service",
                    "YJS",
                    Some(Sector::YouthOffending)
                ),
                ("Refuge", "REF", Some(Sector::VoluntarySector)),
            ],
            "{name}"
        );
        assert_eq!(
            p.agencies[0].representatives,
            ["DS Amara Okafor", "PC Tomasz Wiśniewski"]
        );
        assert!(
            store
                .read(|db| db.value::<i64>("SELECT count(*) FROM agency", &[]))
                .unwrap()
                == Some(0),
            "a preview writes nothing"
        );

        let result = agency_import::commit(store, name, &bytes, &p.columns, Some(panel)).unwrap();
        assert_eq!((result.agencies, result.representatives), (8, 9));
        let list = store.read(|db| agencies::list(db)).unwrap();
        assert_eq!(list.len(), 8);
        let police = list.iter().find(|a| a.short_code == "POL").unwrap();
        assert_eq!(police.secure_email.as_deref(), Some("marac@met.police.uk"));
        assert_eq!(
            police.representatives[1].email.as_deref(),
            Some("tomasz.wisniewski@met.police.uk")
        );
        assert_eq!(
            police.representatives[0].role.as_deref(),
            Some("Detective Sergeant")
        );
        assert!(
            list.iter().all(|a| a.panel_ids == [panel]),
            "every imported agency sits on the panel"
        );

        let again = store
            .read(|db| agency_import::preview(db, name, &bytes, None))
            .unwrap();
        assert!(
            !again.can_import,
            "the same list twice clashes with the directory"
        );
        assert!(again.problems.iter().any(|x| x.row == 2
            && x.column == "Code"
            && x.message.contains("already used by Lewisham Police")));
    }
}

fn a_faulty_list_is_refused_whole_with_each_problem_on_its_row_and_column<S: Engine>(
    fixture: fn() -> Fixture<S>,
) {
    for name in ["directory-faulty.csv", "directory-faulty.xlsx"] {
        let mut f = fixture();
        let bytes = file(name);
        let p = f
            .store
            .read(|db| agency_import::preview(db, name, &bytes, None))
            .unwrap();
        let found = problems(&p);
        let at = |row: u32, column: &str, words: &str| {
            assert!(
                found
                    .iter()
                    .any(|(r, c, m)| *r == row && *c == column && m.contains(words)),
                "{name}: no problem at row {row}, {column} saying “{words}” in {found:#?}"
            );
        };
        at(2, "Code", "already used by Lowbridge Police");
        at(4, "Code", "already used by Children's Social Care");
        at(5, "Agency", "Row 2 already lists Lewisham Police");
        at(7, "Sector", "does not know the sector “Leisure”");
        at(8, "Agency", "Enter the agency's name");
        at(9, "Secure email", "email");
        at(9, "Email", "email");
        at(
            12,
            "Code",
            "Row 6 already uses the short code HSG for Lewisham Housing Options",
        );
        assert_eq!(found.len(), 8, "{name}: {found:#?}");
        assert!(!p.can_import);

        let before = f.store.read(|db| agencies::list(db)).unwrap().len();
        let refused = agency_import::commit(&mut f.store, name, &bytes, &p.columns, None);
        assert!(
            matches!(refused, Err(CoreError::Conflict(ref m)) if m.contains("8 problems")),
            "{refused:?}"
        );
        assert_eq!(
            f.store.read(|db| agencies::list(db)).unwrap().len(),
            before,
            "nothing was added"
        );
    }
}

fn a_list_with_only_names_and_types_gets_codes_made_from_the_names<S: Engine>(
    directory: EmptyDirectory<S>,
) {
    let (mut empty, _) = directory();
    let store = &mut empty.store;
    let csv = "Organisation,Type\nMetropolitan Police Service,Police\nSouth London and Maudsley NHS Trust,Mental health\nNational Probation Service,\n";
    let p = store
        .read(|db| agency_import::preview(db, "orgs.csv", csv.as_bytes(), None))
        .unwrap();
    assert!(p.problems.is_empty(), "{:?}", problems(&p));
    let codes: Vec<_> = p
        .agencies
        .iter()
        .map(|a| (a.short_code.as_str(), a.code_made, a.sector))
        .collect();
    assert_eq!(
        codes,
        [
            ("MPS", true, Some(Sector::Police)),
            ("SLMNT", true, Some(Sector::MentalHealth)),
            ("NPS", true, Some(Sector::Probation)),
        ]
    );
}

fn the_usual_agencies_are_added_together_or_not_at_all<S: Engine>(directory: EmptyDirectory<S>) {
    let (mut empty, panel) = directory();
    let store = &mut empty.store;
    let mut offer = usual_agencies(PanelKind::Marac);
    offer[0].name = "Lewisham Police".into();
    offer[3].short_code = "POL".into();
    let refused = agencies::create_many(store, &offer, Some(panel));
    let Err(CoreError::Validation(errors)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "agencies.3.short_code");
    assert!(
        errors[0]
            .message
            .contains("already used by Lewisham Police")
    );
    assert!(store.read(|db| agencies::list(db)).unwrap().is_empty());

    offer[3].short_code = "ASC".into();
    let added = agencies::create_many(store, &offer, Some(panel)).unwrap();
    assert_eq!(added.len(), offer.len());
    assert_eq!(added[0].name, "Lewisham Police");
    let seated = store
        .read(|db| panels::get(db, panel))
        .unwrap()
        .member_agency_ids
        .len();
    assert_eq!(seated, offer.len());
}

crate::on_both_engines!(
    super::sqlite_directories, super::postgres_directories;
    a_directory_list_imports_with_representatives_grouped_under_their_agency,
    a_list_with_only_names_and_types_gets_codes_made_from_the_names,
    the_usual_agencies_are_added_together_or_not_at_all,
);

crate::on_both_engines!(
    super::sqlite_fixtures, super::postgres_fixtures;
    a_faulty_list_is_refused_whole_with_each_problem_on_its_row_and_column,
);
