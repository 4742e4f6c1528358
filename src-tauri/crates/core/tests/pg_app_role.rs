//! The role a server connects as (`roundtable_app`, granted to its login
//! role) works the whole store through the features, and its changes are
//! audited and sealed as anyone's; but the audit log it may only read and
//! append: updating, deleting, truncating it, or switching its triggers
//! off, is refused by PostgreSQL itself, as is changing the schema.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::today;
use postgres::error::SqlState;
use roundtable_core::domain::{PanelInput, PanelKind};
use roundtable_core::features::{cases, panels};
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::pg::scratch::{ScratchDatabase, cluster};

/// A login role holding `roundtable_app`, dropped at the end.
struct AppLogin {
    name: String,
}

impl AppLogin {
    fn new(database: &ScratchDatabase) -> (Self, postgres::Config) {
        let name = format!("rt_app_{}", uuid::Uuid::new_v4().simple());
        let password = "app role test password";
        database
            .client()
            .batch_execute(&format!(
                "CREATE ROLE {name} LOGIN PASSWORD '{password}' IN ROLE roundtable_app"
            ))
            .unwrap();
        let mut config = database.config().clone();
        config.user(&name).password(password);
        (Self { name }, config)
    }
}

impl Drop for AppLogin {
    fn drop(&mut self) {
        if let Ok(mut admin) = cluster().connect(postgres::NoTls) {
            let _ = admin.batch_execute(&format!("DROP ROLE IF EXISTS {}", self.name));
        }
    }
}

#[test]
fn the_app_role_works_the_store_but_may_only_read_and_append_the_audit_log() {
    let database = ScratchDatabase::new();
    drop(database.store()); // migrated by the owner
    let (login, config) = AppLogin::new(&database);
    let mut app = PgStore::open(&config).unwrap();
    app.set_actor("Yusuf Ali");
    // The panel's own staff, named (row-level security shows no one nothing).
    app.set_agency(None).unwrap();

    // The features work as the app role, and are audited and sealed.
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = "Lewisham MARAC".into();
    let panel = panels::create(&mut app, &input).unwrap();
    let mut referral = roundtable_core::domain::case::CaseInput::blank(panel.id, today());
    referral.subject_name = "Amara Okafor".into();
    referral.referral_date = "2026-11-20".into();
    referral.referral_reason = "Threats after separation.".into();
    referral.referral_route = Some(roundtable_core::domain::case::ReferralRoute::RiskScore);
    referral.consent = Some(roundtable_core::domain::case::Consent::Given);
    cases::create(&mut app, &referral, today()).unwrap();
    let check = app.verify_audit(&[]).unwrap();
    assert!(check.intact, "{}", check.message);
    assert!(check.entries > 3, "{} entries", check.entries);
    let unsealed: i64 = app
        .client()
        .query_one("SELECT count(*) FROM audit_log WHERE hash IS NULL", &[])
        .unwrap()
        .get(0);
    assert_eq!(unsealed, 0, "the app's entries are sealed at commit");

    // The log itself: read yes; rewrite, remove, or silence it, no.
    for attempt in [
        "UPDATE audit_log SET detail = 'nothing happened'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "ALTER TABLE person_case DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_person_case ON person_case",
        "CREATE TABLE shadow (id int)",
        "DELETE FROM schema_history",
    ] {
        let err = app.client().batch_execute(attempt).unwrap_err();
        let code = err.code().cloned();
        assert!(
            code == Some(SqlState::INSUFFICIENT_PRIVILEGE),
            "{attempt}: {err} ({code:?})"
        );
    }
    let check = app.verify_audit(&[]).unwrap();
    assert!(check.intact, "{}", check.message);
    drop(app);
    drop(login);
}

#[test]
fn the_app_role_does_not_migrate_and_refuses_a_schema_it_does_not_match() {
    let database = ScratchDatabase::new();
    drop(database.store());
    database
        .client()
        .batch_execute(
            "DELETE FROM schema_history WHERE version = (SELECT max(version) FROM schema_history)",
        )
        .unwrap();
    let (_login, config) = AppLogin::new(&database);
    let err = PgStore::open(&config).err().unwrap();
    assert!(err.to_string().contains("as the database's owner"), "{err}");
}
