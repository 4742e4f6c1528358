//! Row-level security proven in SQL (migrations 16 and 18): connected as a login
//! role granted only `roundtable_app`, as the server connects, every table
//! of the panel's records shows an agency with no action on any case no row
//! and refuses its writes, while the panel's own staff see every row the
//! owner sees, and a connection naming no one sees nothing (closed by
//! default); and no table holding the records has been left without it.
//! What an agency sees of its own actions is `pg_agency_rls.rs`'s.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use postgres::{Client, NoTls};
use roundtable_core::store::pg::scratch::ScratchDatabase;
use roundtable_core::store::pg::{HISTORY_TABLE, PgStore};
use uuid::Uuid;

/// Tables outside row-level security, each for its reason.
const OUTSIDE: [&str; 4] = [
    // Signing in (or opening an invitation) reads these before anyone is
    // known; the server alone manages them.
    "account",
    "account_session",
    "account_invitation",
    // The migrations' own record.
    HISTORY_TABLE,
];

fn as_the_app(database: &ScratchDatabase) -> Client {
    database.app_login().connect(NoTls).unwrap()
}

fn tables(client: &mut Client) -> Vec<(String, bool, bool)> {
    client
        .query(
            "SELECT c.relname::text, c.relrowsecurity, c.relforcerowsecurity
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect()
}

fn count(client: &mut Client, table: &str) -> i64 {
    client
        .query_one(&format!("SELECT count(*) FROM {table}"), &[])
        .unwrap()
        .get(0)
}

#[test]
fn an_agency_without_actions_sees_and_changes_no_row_and_the_panel_sees_all() {
    let database = ScratchDatabase::new();
    let mut owner = database.store();
    roundtable_core::features::demo::load(&mut owner, roundtable_core::dates::local_today())
        .unwrap();
    let mut owner = database.client();
    let mut app = as_the_app(&database);
    let all = tables(&mut owner);
    assert!(all.len() > 20, "{all:?}");
    // An agency named by no row: it owns no action on any case.
    let agency = Uuid::new_v4();
    let panel: String = owner
        .query_one("SELECT id::text FROM panel LIMIT 1", &[])
        .unwrap()
        .get(0);
    for (table, enabled, forced) in &all {
        if OUTSIDE.contains(&table.as_str()) {
            continue;
        }
        assert!(
            *enabled && *forced,
            "{table} is not under forced row-level security"
        );
        let everything = count(&mut owner, table);
        app.execute("SELECT set_config('roundtable.agency', '', false)", &[])
            .unwrap();
        assert_eq!(
            count(&mut app, table),
            0,
            "a connection naming no one sees rows of {table}"
        );
        app.execute(
            "SELECT set_config('roundtable.agency', 'staff', false)",
            &[],
        )
        .unwrap();
        assert_eq!(
            count(&mut app, table),
            everything,
            "the panel's staff see all of {table}"
        );
        app.execute(
            "SELECT set_config('roundtable.agency', $1, false)",
            &[&agency.to_string()],
        )
        .unwrap();
        assert_eq!(
            count(&mut app, table),
            0,
            "an agency account sees rows of {table}"
        );
    }
    // Its writes are refused by the database, whatever the application does:
    // an update finds no row to change, an insert is refused.
    app.batch_execute("UPDATE agency SET name = 'Renamed'")
        .unwrap();
    let renamed: i64 = owner
        .query_one("SELECT count(*) FROM agency WHERE name = 'Renamed'", &[])
        .unwrap()
        .get(0);
    assert_eq!(renamed, 0);
    let insert = app
        .batch_execute(&format!(
            "INSERT INTO panel_concern (panel_id, position, label) VALUES ('{panel}', 99, 'Smuggled')"
        ))
        .unwrap_err();
    assert!(
        insert.to_string().contains("row-level security")
            || format!("{insert:?}").contains("row-level security"),
        "{insert:?}"
    );
}

#[test]
fn the_store_names_its_agency_for_what_follows() {
    let database = ScratchDatabase::new();
    let mut owner = database.store();
    roundtable_core::features::demo::load(&mut owner, roundtable_core::dates::local_today())
        .unwrap();
    let config = database.app_login();
    // As the server opens it: the owner has migrated it.
    let mut store = PgStore::open(&config).unwrap();
    // Naming no one shows no record (migration 18: closed by default).
    assert_eq!(
        store
            .read(roundtable_core::features::panels::list)
            .unwrap()
            .len(),
        0,
        "a connection naming no one sees panels"
    );
    store.set_agency(None).unwrap();
    let panels = |store: &mut PgStore| {
        store
            .read(roundtable_core::features::panels::list)
            .unwrap()
            .len()
    };
    assert!(panels(&mut store) > 0);
    store.set_agency(Some(Uuid::new_v4())).unwrap();
    assert_eq!(
        panels(&mut store),
        0,
        "the database shows an agency without actions nothing"
    );
    store.set_agency(None).unwrap();
    assert!(panels(&mut store) > 0);
}
