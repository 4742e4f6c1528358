//! Shared fixture: an encrypted store with a Youth MARAC and a few agencies.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod growing;

use chrono::NaiveDate;
use roundtable_core::domain::case::{CaseInput, Consent, ReferralRoute};
use roundtable_core::domain::meeting::{MeetingDetail, MeetingInput, MeetingKind};
use roundtable_core::domain::{AgencyInput, Panel, PanelInput, PanelKind, Sector};
use roundtable_core::features::cases::{self, CaseAction};
use roundtable_core::features::{agencies, meetings, panels};
use roundtable_core::store::Engine;
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::pg::scratch::ScratchDatabase;
use roundtable_core::{CoreError, Store};
use uuid::Uuid;

/// An empty store on one engine, and what keeps it alive (its folder, or
/// its scratch database on the test cluster).
pub struct Empty<S> {
    pub store: S,
    pub keep: Box<dyn std::any::Any>,
}

pub fn empty_sqlite() -> Empty<Store> {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("t.db"), "fixture passphrase").unwrap();
    Empty {
        store,
        keep: Box::new(dir),
    }
}

pub fn empty_postgres() -> Empty<PgStore> {
    let database = ScratchDatabase::new();
    Empty {
        store: database.store(),
        keep: Box::new(database),
    }
}

/// Each named test (a function taking what `$setup` makes) once on
/// SQLCipher and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($sqlite:path, $postgres:path; $($test:ident),* $(,)?) => {$(
        mod $test {
            #[test]
            fn sqlcipher() {
                super::$test($sqlite());
            }

            #[test]
            fn postgres() {
                super::$test($postgres());
            }
        }
    )*};
}

pub struct Fixture<S = Store> {
    pub _dir: Box<dyn std::any::Any>,
    pub store: S,
    pub panel: Panel,
    pub police: Uuid,
    pub csc: Uuid,
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn fixture() -> Fixture {
    fixture_on(empty_sqlite())
}

/// The same fixture on PostgreSQL.
pub fn pg_fixture() -> Fixture<PgStore> {
    fixture_on(empty_postgres())
}

fn fixture_on<S: Engine>(empty: Empty<S>) -> Fixture<S> {
    let Empty { mut store, keep } = empty;
    store.set_actor("Yusuf Ali");
    let mut input = PanelInput::defaults(PanelKind::YouthMarac);
    input.name = "Lowbridge Youth MARAC".into();
    input.meeting_minutes = 120;
    input.minutes_per_case = 15;
    let panel = panels::create(&mut store, &input).unwrap();
    let mut agency = |name: &str, code: &str, sector| {
        agencies::create(
            &mut store,
            &AgencyInput {
                name: name.into(),
                short_code: code.into(),
                sector: Some(sector),
                secure_email: String::new(),
                representatives: Vec::new(),
            },
        )
        .unwrap()
        .id
    };
    let police = agency("Lowbridge Police", "POL", Sector::Police);
    let csc = agency("Children's Social Care", "CSC", Sector::ChildrensSocialCare);
    Fixture {
        _dir: keep,
        store,
        panel,
        police,
        csc,
    }
}

impl<S: Engine> Fixture<S> {
    /// A scheduled meeting of the fixture's panel on `date` (YYYY-MM-DD).
    pub fn meeting(&mut self, date: &str) -> MeetingDetail {
        let input = MeetingInput {
            panel_id: self.panel.id,
            kind: MeetingKind::Scheduled,
            date: date.into(),
            start_time: "09:30".into(),
            venue: String::new(),
            chair: String::new(),
            minute_taker: String::new(),
            expected_agency_ids: Vec::new(),
        };
        meetings::create(&mut self.store, &input, today()).unwrap()
    }

    pub fn referral(&self, name: &str, dob: &str, referred: &str) -> CaseInput {
        let mut input = CaseInput::blank(self.panel.id, today());
        input.subject_name = name.into();
        input.date_of_birth = dob.into();
        input.referral_date = referred.into();
        input.referral_route = Some(ReferralRoute::ProfessionalJudgement);
        input.referral_reason = "Concerns about exploitation.".into();
        input.consent = Some(Consent::Given);
        input.referring_agency_id = Some(self.police);
        input
    }
}

pub fn fields(err: CoreError) -> Vec<String> {
    match err {
        CoreError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected validation errors, got {other:?}"),
    }
}

/// A clear error: a validation error names each field it is about, and
/// every message is words, not a debug dump or a database error. Input can
/// never be the cause of a storage or file error, so those are never clear:
/// their messages quote SQLite ("database error: UNIQUE constraint
/// failed..."), which the words "rusqlite" or "SqliteFailure" never catch.
pub fn clear(err: &CoreError) -> bool {
    let message = err.to_string();
    let named = match err {
        CoreError::Validation(fields) => {
            !fields.is_empty()
                && fields
                    .iter()
                    .all(|f| !f.field.is_empty() && !f.message.is_empty())
        }
        CoreError::Storage(_) | CoreError::Io(_) => false,
        _ => true,
    };
    named
        && !message.is_empty()
        && !message.contains("panicked")
        && !message.contains("database error")
        && !message.contains("constraint failed")
}

/// A panel with two member agencies (police, children's social care), one
/// accepted case, and a meeting that has it on its agenda.
pub fn case_on_an_agenda() -> (Fixture, Uuid, MeetingDetail) {
    case_on_an_agenda_in(fixture())
}

/// The same on PostgreSQL.
pub fn pg_case_on_an_agenda() -> (Fixture<PgStore>, Uuid, MeetingDetail) {
    case_on_an_agenda_in(pg_fixture())
}

fn case_on_an_agenda_in<S: Engine>(mut f: Fixture<S>) -> (Fixture<S>, Uuid, MeetingDetail) {
    for agency in [f.police, f.csc] {
        panels::set_membership(&mut f.store, f.panel.id, agency, true).unwrap();
    }
    let input = f.referral("Amara Okafor", "14/03/2009", "2026-11-02");
    let case = cases::create(&mut f.store, &input, today()).unwrap();
    cases::transition(&mut f.store, case.id, &CaseAction::Accept, today()).unwrap();
    let m = f.meeting("2026-12-04");
    (f, case.id, m)
}

/// Any text, for property tests: control characters, right-to-left marks,
/// emoji, combining marks, quotes and SQL, dates and due shortcuts that do
/// not exist, a time that does not exist, very long.
pub fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        any::<String>(),
        "[ \\t\\n\\r\\u{0}-\\u{1f}\\u{202e}\\u{0301}a-zA-Z0-9'\";%_*+/-]{0,80}",
        Just(String::new()),
        Just("   ".to_string()),
        Just("'); DROP TABLE person_case; --".to_string()),
        Just("x".repeat(5_000)),
        Just("x".repeat(25_000)),
        Just("31/02/2026".to_string()),
        Just("+99999d".to_string()),
        Just("+99999w".to_string()),
        Just("25:61".to_string()),
    ]
}

/// The database is whole: the file passes `integrity_check`, no reference
/// is broken, and the audit log verifies.
pub fn assert_whole(store: &Store) {
    let integrity: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "the database file is whole");
    let broken: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "no broken references");
    let check = roundtable_core::audit::verify(store.conn()).unwrap();
    assert!(check.intact, "{}", check.message);
}

/// What a PDF tool (poppler's pdftotext or pdfinfo, qpdf) printed. The
/// Windows build's tests run under Wine, where starting a process now and
/// then fails with an internal error (code 1359) before the tool runs: it
/// is started again, up to three times. A tool that ran and failed is not.
pub fn run_tool(command: &mut std::process::Command) -> std::process::Output {
    let mut tries = 0;
    loop {
        match command.output() {
            Ok(out) => return out,
            Err(e) if cfg!(windows) && tries < 3 => {
                eprintln!("starting {command:?} failed ({e}); trying again");
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
            Err(e) => panic!(
                "{command:?} could not be started (poppler-utils and qpdf are installed by the test command): {e}"
            ),
        }
    }
}

/// The text of a PDF as `pdftotext -raw` reads it (poppler-utils).
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = run_tool(std::process::Command::new("pdftotext").args([
        "-raw",
        path.to_str().unwrap(),
        "-",
    ]));
    assert!(out.status.success(), "pdftotext read the file");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The passphrase the vault tests set up with.
pub const VAULT_PASSPHRASE: &str = "violet harbour kettle";

/// A vault set up in `dir` by Yusuf Ali, coordinator: unlocked and empty.
pub fn set_up_vault(dir: &std::path::Path) -> roundtable_core::Vault {
    use roundtable_core::domain::{SetupInput, UserRole};
    let mut vault = roundtable_core::Vault::claim(dir).unwrap();
    vault
        .set_up(&SetupInput {
            passphrase: VAULT_PASSPHRASE.into(),
            confirm_passphrase: VAULT_PASSPHRASE.into(),
            name: "Yusuf Ali".into(),
            role: Some(UserRole::Coordinator),
        })
        .unwrap();
    vault
}
