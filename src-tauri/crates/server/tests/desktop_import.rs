//! From laptop to server: a desktop file with the demo borough in it,
//! imported into a new shared store, arrives whole (every table's count),
//! with its audit log verifying on the server and the import as the entry
//! after it; its cases are found by the server's search; and a second
//! import, or one into a store already in use, is refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use roundtable_core::features::desktop_import;
use roundtable_core::store::pg::PgStore;
use roundtable_core::{CoreError, Store};
use serde_json::json;

fn desktop_with_demo(dir: &std::path::Path) -> Store {
    let mut store = Store::create(&dir.join("roundtable.db"), "correct horse battery").unwrap();
    roundtable_core::features::demo::load(&mut store, roundtable_core::dates::local_today())
        .unwrap();
    store
}

#[test]
fn a_desktop_file_arrives_whole_with_its_audit_log_and_is_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = desktop_with_demo(dir.path());
    let server = TestServer::start();
    let mut shared = PgStore::connect(server.database.config()).unwrap();
    shared.set_actor("roundtable-server import-desktop");
    let report = desktop_import::import(&desktop, &mut shared).unwrap();
    assert!(report.rows("person_case") >= 10, "{report:?}");
    assert!(report.rows("audit_log") > 100, "{report:?}");
    assert_eq!(
        report.audit_entries,
        report.rows("audit_log") + 1,
        "the import is the entry after"
    );
    let verified = shared.verify_audit(&[]).unwrap();
    assert!(verified.intact, "{}", verified.message);
    let last: String = server
        .database
        .client()
        .query_one(
            "SELECT detail FROM audit_log ORDER BY seq DESC LIMIT 1",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(
        last.contains("cases") && last.contains("from a desktop file"),
        "{last}"
    );

    // The server finds the desktop's cases by name.
    let name: String = desktop
        .conn()
        .query_row("SELECT subject_name FROM person_case LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let token = server.sign_in("priya", &password);
    let surname = name.split_whitespace().last().unwrap();
    let found = server.call(
        &token,
        "list_cases",
        json!({"filter": {"panel_id": null, "status": null, "query": surname}}),
    );
    assert!(
        found.body.to_string().contains(&name),
        "{surname}: {found:?}"
    );

    // Once only: the store is no longer empty.
    let again = desktop_import::import(&desktop, &mut shared);
    assert!(matches!(again, Err(CoreError::Conflict(_))), "{again:?}");
}

#[test]
fn a_wrong_passphrase_or_a_store_in_use_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    drop(desktop_with_demo(dir.path()));
    let wrong = Store::open(&dir.path().join("roundtable.db"), "not the passphrase");
    assert!(
        matches!(wrong, Err(CoreError::WrongPassphrase)),
        "{:?}",
        wrong.err()
    );

    let desktop = Store::open(&dir.path().join("roundtable.db"), "correct horse battery").unwrap();
    let server = TestServer::start();
    server.account("admin", "Alex Admin", AccountRole::Administrator);
    let mut shared = PgStore::connect(server.database.config()).unwrap();
    let refused = desktop_import::import(&desktop, &mut shared);
    assert!(
        matches!(refused, Err(CoreError::Conflict(_))),
        "{refused:?}"
    );
    let cases: i64 = server
        .database
        .client()
        .query_one("SELECT count(*) FROM person_case", &[])
        .unwrap()
        .get(0);
    assert_eq!(cases, 0);
}
