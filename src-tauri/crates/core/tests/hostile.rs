//! Hostile input: property tests over the commands' validation and the
//! referral and agency importers. Whatever is typed or imported - any text, any bytes,
//! any number - the core returns a value or a clear error naming the field,
//! never panics, and the database stays whole.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{Fixture, assert_whole, clear, hostile_text as text, today};
use proptest::prelude::*;
use roundtable_core::domain::action::ActionInput;
use roundtable_core::domain::case::CaseInput;
use roundtable_core::domain::meeting::{MeetingInput, MeetingKind};
use roundtable_core::domain::safety::{BackupInput, ChangePassphraseInput, RestoreInput};
use roundtable_core::domain::{
    AgencyInput, PanelInput, PanelKind, RepresentativeInput, SetupInput,
};
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::statistics::{self, StatisticsRequest};
use roundtable_core::features::{actions, agencies, agency_import, import, meetings, panels};
use roundtable_core::import::table::read_table;
use roundtable_core::store::Engine;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn setup_and_passphrase_inputs_never_panic(a in text(), b in text(), c in text()) {
        if let Err(e) = (SetupInput { passphrase: a.clone().into(), confirm_passphrase: b.clone().into(), name: c.clone(), role: None }).validate() {
            prop_assert!(clear(&e));
        }
        for result in [
            ChangePassphraseInput { current_passphrase: a.clone().into(), new_passphrase: b.clone().into(), confirm_passphrase: c.clone().into() }.validate(),
            BackupInput { folder: a.clone(), passphrase: b.clone().into(), confirm_passphrase: c.clone().into() }.validate(),
            RestoreInput { file: a.clone(), backup_passphrase: b.clone().into(), current_passphrase: c.clone().into() }.validate(),
        ] {
            if let Err(e) = result {
                prop_assert!(clear(&e));
            }
        }
    }

    #[test]
    fn panel_and_agency_inputs_are_cleaned_or_refused(
        name in text(), statement in text(), marking in text(), email in text(),
        numbers in proptest::array::uniform6(any::<u32>()),
    ) {
        let panel = PanelInput {
            name: name.clone(),
            kind: PanelKind::Mace,
            meeting_minutes: numbers[0],
            minutes_per_case: numbers[1],
            confidentiality_statement: statement,
            protective_marking: marking,
            repeat_window_months: numbers[2],
            idle_lock_minutes: numbers[3],
            retention_years: numbers[4],
        };
        match panel.validate() {
            Ok(clean) => {
                prop_assert_eq!(clean.name.trim(), clean.name.as_str());
                prop_assert!(!clean.name.is_empty() && clean.name.chars().count() <= 120);
                prop_assert!(!clean.name.chars().any(char::is_control));
                prop_assert!((1..=60).contains(&clean.idle_lock_minutes));
                prop_assert!((1..=100).contains(&clean.retention_years));
            }
            Err(e) => prop_assert!(clear(&e)),
        }
        let agency = AgencyInput {
            name: name.clone(),
            short_code: email.chars().take(12).collect(),
            sector: None,
            secure_email: email.clone(),
            representatives: vec![RepresentativeInput { id: None, name, role: email.clone(), email }],
        };
        if let Err(e) = agency.validate() {
            prop_assert!(clear(&e));
        }
    }

    #[test]
    fn any_bytes_as_a_referral_file_give_a_table_or_a_clear_error(
        bytes in proptest::collection::vec(any::<u8>(), 0..2_000),
        kind in prop_oneof![Just("referrals.csv"), Just("referrals.xlsx"), Just("referrals.xls"), Just("referrals.txt"), Just("")],
    ) {
        if let Err(e) = read_table(kind, &bytes) {
            prop_assert!(clear(&e));
        }
    }

    #[test]
    fn csv_text_of_any_shape_gives_a_table_or_a_clear_error(
        rows in proptest::collection::vec(proptest::collection::vec(text(), 0..8), 0..12),
        delimiter in prop_oneof![Just(','), Just(';'), Just('\t')],
    ) {
        let text: String = rows
            .iter()
            .map(|r| r.join(&delimiter.to_string()))
            .collect::<Vec<_>>()
            .join("\r\n");
        if let Err(e) = read_table("referrals.csv", text.as_bytes()) {
            prop_assert!(clear(&e));
        }
    }
}

/// Through the store: hostile input to the commands that write is refused
/// with a clear error or saved clean, and the file stays whole.
#[test]
fn commands_that_write_survive_hostile_input_and_the_database_stays_whole() {
    let f = hostile_writes(common::fixture());
    assert_whole(&f.store);
    assert!(
        roundtable_core::audit::verify(f.store.conn())
            .unwrap()
            .intact
    );
}

/// The same on PostgreSQL: nothing a user types reaches the server as an
/// error of its own (a NUL byte, a malformed date), and the log verifies.
#[test]
fn commands_that_write_survive_hostile_input_on_postgres() {
    let mut f = hostile_writes(common::pg_fixture());
    let check = f.store.verify_audit(&[]).unwrap();
    assert!(check.intact, "{}", check.message);
}

fn hostile_writes<S: Engine>(mut f: Fixture<S>) -> Fixture<S> {
    let meeting = f.meeting("2026-12-03");
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    });
    let panel_id = f.panel.id;
    let police = f.police;
    let store = std::cell::RefCell::new(&mut f.store);
    runner
        .run(
            &(
                text(),
                text(),
                text(),
                text(),
                proptest::collection::vec(any::<u8>(), 0..600),
                any::<u32>(),
            ),
            |(a, b, c, d, bytes, n)| {
                let mut store = store.borrow_mut();
                let mut case = CaseInput::blank(panel_id, today());
                case.subject_name = a.clone();
                case.date_of_birth = b.clone();
                case.referral_date = c.clone();
                case.referral_reason = d.clone();
                case.postcode = b.clone();
                case.aliases = vec![c.clone(), d.clone()];
                case.approximate_age = Some(n);
                case.children_count = n;
                case.referring_agency_id = Some(police);
                if let Err(e) = cases::create(&mut **store, &case, today()) {
                    prop_assert!(clear(&e), "{e:?}");
                }
                let action = ActionInput {
                    meeting_id: meeting.id,
                    case_id: None,
                    agency_id: Some(police),
                    text: a.clone(),
                    due: b.clone(),
                    officer: c.clone(),
                };
                if let Err(e) = actions::add(&mut **store, &action, today()) {
                    prop_assert!(clear(&e), "{e:?}");
                }
                let input = MeetingInput {
                    panel_id,
                    kind: MeetingKind::Scheduled,
                    date: a.clone(),
                    start_time: b.clone(),
                    venue: c.clone(),
                    chair: d.clone(),
                    minute_taker: a.clone(),
                    expected_agency_ids: Vec::new(),
                };
                if let Err(e) = meetings::create(&mut **store, &input, today()) {
                    prop_assert!(clear(&e), "{e:?}");
                }
                let request = StatisticsRequest {
                    panel_id,
                    from: a.clone(),
                    to: b.clone(),
                };
                if let Err(e) = store.read(|db| statistics::compute(db, &request, today())) {
                    prop_assert!(clear(&e), "{e:?}");
                }
                let filter = CaseFilter {
                    query: a.clone(),
                    ..CaseFilter::default()
                };
                if let Err(e) = store.read(|db| cases::list(db, &filter, today())) {
                    prop_assert!(clear(&e), "{e:?}");
                }
                if let Err(e) =
                    store.read(|db| import::preview(db, panel_id, "r.csv", &bytes, None, today()))
                {
                    prop_assert!(clear(&e), "{e:?}");
                }
                let list = format!(
                    "Agency,Code,Sector,Secure email,Representative\n{a},{b},{c},{d},{a}\n"
                );
                for file in [&bytes[..], list.as_bytes()] {
                    match store.read(|db| agency_import::preview(db, "a.csv", file, None)) {
                        Ok(p) => {
                            let done = agency_import::commit(
                                &mut **store,
                                "a.csv",
                                file,
                                &p.columns,
                                None,
                            );
                            prop_assert_eq!(done.is_ok(), p.can_import, "{:?}", done);
                            if let Err(e) = done {
                                prop_assert!(clear(&e), "{e:?}");
                            }
                        }
                        Err(e) => prop_assert!(clear(&e), "{e:?}"),
                    }
                }
                let usual = AgencyInput {
                    name: c.clone(),
                    short_code: d.clone(),
                    sector: Some(roundtable_core::domain::Sector::Other),
                    secure_email: String::new(),
                    representatives: Vec::new(),
                };
                let pair = [usual.clone(), usual];
                let twice = agencies::create_many(&mut **store, &pair, Some(panel_id));
                prop_assert!(twice.is_err(), "two alike are never both added");
                if let Err(e) = twice {
                    prop_assert!(clear(&e), "{e:?}");
                }
                let mut panel = PanelInput::defaults(PanelKind::Other);
                panel.name = d.clone();
                if let Err(e) = panels::create(&mut **store, &panel) {
                    prop_assert!(clear(&e), "{e:?}");
                }
                if let Err(e) = agencies::create(
                    &mut **store,
                    &AgencyInput {
                        name: a,
                        short_code: b,
                        sector: None,
                        secure_email: c,
                        representatives: Vec::new(),
                    },
                ) {
                    prop_assert!(clear(&e), "{e:?}");
                }
                Ok(())
            },
        )
        .unwrap();
    let _ = store.into_inner();
    f
}

#[test]
fn a_raw_database_error_is_not_a_clear_error() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE t (x TEXT UNIQUE); INSERT INTO t VALUES ('a');")
        .unwrap();
    let raw = conn.execute("INSERT INTO t VALUES ('a')", []).unwrap_err();
    let err = roundtable_core::CoreError::from(raw);
    assert!(
        err.to_string().contains("UNIQUE constraint failed"),
        "the kind of message that used to pass: {err}"
    );
    assert!(!common::clear(&err), "a raw database error is refused");
    assert!(common::clear(&roundtable_core::CoreError::field(
        "name",
        "Enter the agency's name."
    )));
}
