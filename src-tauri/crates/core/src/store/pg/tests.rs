//! The PostgreSQL store against the SQLite one: the same tables and columns,
//! the same audit entries, a chain "Verify" accepts, and a newer schema
//! refused. Each test has a database of its own on the throwaway cluster.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::scratch::ScratchDatabase;
use super::{HISTORY_TABLE, PgClient, PgStore};
use chrono::{DateTime, Utc};

use crate::error::{CoreError, CoreResult};
use crate::store::Store;
use crate::store::sql::{Db, ToValue};

/// A table's columns in order, each with whether it may be empty.
type Columns = BTreeMap<String, Vec<(String, bool)>>;

fn sqlite_columns(store: &Store) -> Columns {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT m.name, p.name, p.\"notnull\" = 0 AND p.pk = 0
               FROM sqlite_master m, pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite^_%' ESCAPE '^'
                AND m.name NOT LIKE 'case^_search^_%' ESCAPE '^'
              ORDER BY m.name, p.cid",
        )
        .unwrap();
    let mut tables = Columns::new();
    for row in stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
    {
        let (table, column, nullable): (String, String, bool) = row.unwrap();
        tables.entry(table).or_default().push((column, nullable));
    }
    tables
}

fn pg_columns(client: &PgClient) -> Columns {
    let mut tables = Columns::new();
    for row in client
        .query(
            "SELECT table_name::text, column_name::text, is_nullable = 'YES'
               FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name <> $1
              ORDER BY table_name, ordinal_position",
            &[&HISTORY_TABLE],
        )
        .unwrap()
    {
        tables
            .entry(row.get(0))
            .or_default()
            .push((row.get(1), row.get(2)));
    }
    tables
}

fn sqlite_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("t.db"), "correct horse battery").unwrap();
    (dir, store)
}

#[test]
fn both_engines_have_the_same_tables_and_columns_in_the_same_order() {
    let (_dir, sqlite) = sqlite_store();
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    let mut expected = sqlite_columns(&sqlite);
    // The one difference by design: FTS5 keys the search index by the
    // case's rowid, PostgreSQL (which has no rowid) by the case's id. Its
    // words are never empty on PostgreSQL; FTS5 columns cannot say so.
    // PostgreSQL also keeps each case's words ready for ranking, in a
    // column computed from the other four (FTS5 keeps its own).
    let search = expected.get_mut("case_search").expect("the search index");
    search.insert(0, ("case_id".into(), false));
    for column in search.iter_mut() {
        column.1 = false;
    }
    search.push(("words".into(), true));
    assert_eq!(pg_columns(pg.client()), expected);
    assert_eq!(pg.schema_version().unwrap(), crate::store::latest_version());
}

/// The store's sessions price a random page read as a cached one and run
/// each statement on its generic plan (see `client::PLANNER_SETTINGS`),
/// unless the deployer's connection options say otherwise.
#[test]
fn the_store_plans_for_data_in_memory_unless_the_deployer_says_otherwise() {
    let database = ScratchDatabase::new();
    let setting = |store: &mut PgStore, name: &str| -> String {
        store
            .client()
            .query_one("SELECT current_setting($1)", &[&name])
            .unwrap()
            .get(0)
    };
    let mut pg = PgStore::connect(database.config()).unwrap();
    assert_eq!(setting(&mut pg, "random_page_cost"), "1.1");
    assert_eq!(setting(&mut pg, "plan_cache_mode"), "force_generic_plan");
    let mut config = database.config().clone();
    config.options("-c random_page_cost=2 -c plan_cache_mode=auto");
    let mut theirs = PgStore::connect(&config).unwrap();
    assert_eq!(setting(&mut theirs, "random_page_cost"), "2");
    assert_eq!(setting(&mut theirs, "plan_cache_mode"), "auto");
}

#[test]
fn connecting_again_migrates_nothing_and_a_newer_schema_is_refused() {
    let database = ScratchDatabase::new();
    drop(PgStore::connect(database.config()).unwrap());
    let mut again = PgStore::connect(database.config()).unwrap();
    let known = crate::store::latest_version();
    assert_eq!(again.schema_version().unwrap(), known);
    again
        .client()
        .execute(
            &format!(
                "INSERT INTO {HISTORY_TABLE} (version, name, applied_on, checksum)
                 VALUES (99, 'from_a_newer_roundtable', '2030-01-01T00:00:00Z', '0')"
            ),
            &[],
        )
        .unwrap();
    match PgStore::connect(database.config()) {
        Err(CoreError::NewerSchema {
            found: 99,
            known: k,
        }) => assert_eq!(k, known),
        Err(other) => panic!("expected the newer schema refused, got {other:?}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
}

/// The same edits, the same SQL and values, through the store boundary.
const EDITS: [&str; 6] = [
    "INSERT INTO agency (id, name, short_code, sector, created_at, updated_at)
     VALUES (?1, 'Lowbridge Police', 'POL', 'police', ?3, ?3)",
    "UPDATE agency SET name = 'Lowbridge Constabulary', secure_email = 'p@x.gov.uk' WHERE id = ?1",
    "UPDATE agency SET name = 'Lowbridge Constabulary' WHERE id = ?1",
    "INSERT INTO panel (id, name, kind, meeting_minutes, minutes_per_case, confidentiality_statement,
                        protective_marking, repeat_window_months, created_at, updated_at)
     VALUES (?2, 'MARAC', 'marac', 180, 10, 'Confidential', 'OFFICIAL-SENSITIVE', 12, ?3, ?3)",
    "INSERT INTO panel_member (panel_id, agency_id, joined_at) VALUES (?2, ?1, ?3)",
    "DELETE FROM panel_member WHERE panel_id = ?2 AND agency_id = ?1",
];

/// Runs the edits; each statement is given only the values it numbers.
fn edit(db: &dyn Db, agency: Uuid, panel: Uuid) -> CoreResult<()> {
    let at: DateTime<Utc> = "2026-12-04T09:00:00.000Z".parse().unwrap();
    for sql in EDITS {
        let all: [&dyn ToValue; 3] = [&agency, &panel, &at];
        let highest = (1..=3).filter(|n| sql.contains(&format!("?{n}"))).max();
        db.execute(sql, &all[..highest.unwrap_or(0)])?;
    }
    Ok(())
}

type Entry = (String, String, Option<String>, Option<String>);

const ENTRIES: &str =
    "SELECT action, entity, entity_id, detail FROM audit_log WHERE seq > ?1 ORDER BY seq";

fn entries(db: &dyn Db, after: i64) -> Vec<Entry> {
    db.rows(ENTRIES, &[&after], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
    .unwrap()
}

#[test]
fn the_audit_log_records_the_same_entries_on_both_engines() {
    let (agency, panel) = (Uuid::new_v4(), Uuid::new_v4());
    let (_dir, mut sqlite) = sqlite_store();
    let before = crate::audit::last_seq(sqlite.conn()).unwrap();
    sqlite.write(|tx| edit(tx, agency, panel)).unwrap();
    let on_sqlite = entries(sqlite.conn(), before);

    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    pg.set_actor("Sam Okafor");
    pg.write(|db| edit(db, agency, panel)).unwrap();
    let on_pg = pg.read(|db| Ok(entries(db, 0))).unwrap();
    assert_eq!(on_pg, on_sqlite);
    assert_eq!(
        on_pg.len(),
        5,
        "the update that changed nothing is not logged"
    );
}

pub(super) fn add_agency(pg: &mut PgStore, actor: &str, name: &str) {
    pg.set_actor(actor);
    let code = Uuid::new_v4().simple().to_string()[..8].to_owned();
    pg.write(|db| {
        db.execute(
            "INSERT INTO agency (id, name, short_code, sector, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'police', now(), now())",
            &[&Uuid::new_v4(), &name, &code],
        )
    })
    .unwrap();
}

#[test]
fn the_chain_is_sealed_at_commit_and_verify_finds_what_was_changed() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    // Names are written out in the statement that begins a write: quotes
    // and backslashes must come back as typed.
    let (sam, priya) = ("Sam O'Kafor \\", "Priya Shah'); DROP TABLE agency; --");
    add_agency(&mut pg, sam, "Zoë's \"quoted\" agency\n\u{1}");
    add_agency(&mut pg, priya, "Çağlar Housing");
    let report = pg.verify_audit(&[]).unwrap();
    assert!(report.intact, "{}", report.message);
    assert_eq!(report.entries, 2);
    assert_eq!(report.head.as_ref().map(|h| h.seq), Some(2));
    let actors: Vec<String> = pg
        .client()
        .query("SELECT actor FROM audit_log ORDER BY seq", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(actors, [sam, priya]);

    // A sealed entry cannot be changed by a statement...
    let refused = pg
        .client()
        .execute("UPDATE audit_log SET detail = 'x' WHERE seq = 1", &[]);
    assert!(refused.is_err(), "a sealed entry was changed");
    // ...and one changed with the triggers switched off is found.
    pg.client()
        .batch_execute(
            "ALTER TABLE audit_log DISABLE TRIGGER USER;
             UPDATE audit_log SET entity_id = 'someone else' WHERE seq = 2;
             ALTER TABLE audit_log ENABLE TRIGGER USER;",
        )
        .unwrap();
    let report = pg.verify_audit(&[]).unwrap();
    assert!(!report.intact);
    assert_eq!(report.first_bad_seq, Some(2));
}

#[test]
fn a_failed_write_leaves_nothing_and_a_read_sees_one_moment() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    let count = |db: &dyn Db| {
        Ok(db
            .value::<i64>("SELECT count(*) FROM agency", &[])?
            .unwrap_or(-1))
    };
    let failed: CoreResult<()> = pg.write(|db| {
        db.execute(
            "INSERT INTO agency (id, name, short_code, sector, created_at, updated_at)
             VALUES (?1, 'Half done', 'HALF', 'police', now(), now())",
            &[&Uuid::new_v4()],
        )?;
        Err(CoreError::NotFound("the rest"))
    });
    assert!(failed.is_err());
    assert_eq!(pg.read(count).unwrap(), 0, "a failed write was kept");

    // Another writer commits while a read is under way: the read's
    // statements all see the store as it was when it began.
    let mut other = PgStore::connect(database.config()).unwrap();
    let (first, second) = pg
        .read(|db| {
            let first = count(db)?;
            add_agency(&mut other, "Priya Shah", "Another agency");
            Ok((first, count(db)?))
        })
        .unwrap();
    assert_eq!((first, second), (0, 0));
    assert_eq!(pg.read(count).unwrap(), 1);

    // A read promised as one statement runs outside a transaction, and is
    // refused a second, which could see another moment.
    assert_eq!(pg.read_one(count).unwrap(), 1);
    let twice = pg.read_one(|db| Ok((count(db)?, count(db)?)));
    assert!(matches!(twice, Err(CoreError::Storage(_))), "{twice:?}");
}

#[test]
fn an_entry_written_behind_the_apps_back_is_never_sealed() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    add_agency(&mut pg, "Sam Okafor", "Lowbridge Police");
    // No actor set: a change made with a database tool, not through Roundtable.
    database
        .client()
        .execute("UPDATE agency SET sector = 'health'", &[])
        .unwrap();
    add_agency(&mut pg, "Sam Okafor", "Lowbridge Health");
    let report = pg.verify_audit(&[]).unwrap();
    assert!(!report.intact);
    assert!(
        report.message.contains("never sealed"),
        "{}",
        report.message
    );
    let sealed: i64 = pg
        .client()
        .query_one("SELECT count(*) FROM audit_log WHERE hash IS NOT NULL", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        sealed, 2,
        "the app's own entries are sealed, the other is not"
    );
}

#[test]
fn concurrent_writers_are_chained_in_the_order_they_commit() {
    let database = ScratchDatabase::new();
    let mut first = PgStore::connect(database.config()).unwrap();
    let mut second = PgStore::connect(database.config()).unwrap();
    first.set_actor("First");
    first
        .write(|db| {
            db.execute(
                "INSERT INTO app_user (id, name, role, created_at) VALUES (?1, 'A', 'chair', now())",
                &[&Uuid::new_v4()],
            )?;
            // The other writer starts, writes and commits in the middle.
            add_agency(&mut second, "Second", "Lowbridge Police");
            Ok(())
        })
        .unwrap();
    let order: Vec<(i64, String)> = first
        .client()
        .query("SELECT seq, actor FROM audit_log ORDER BY seq", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(order, [(1, "Second".to_string()), (2, "First".to_string())]);
    let report = first.verify_audit(&[]).unwrap();
    assert!(report.intact, "{}", report.message);
}

#[test]
fn search_words_are_folded_without_accents_or_case() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    let folded: String = pg
        .client()
        .query_one("SELECT search_fold('Zoë ÇAĞLAR Nguyễn')", &[])
        .unwrap()
        .get(0);
    assert_eq!(folded, "zoe caglar nguyen");
}

#[test]
fn every_table_but_the_log_the_search_index_and_sessions_is_audited() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    let unaudited: Vec<String> = pg
        .client()
        .query(
            "SELECT c.relname::text FROM pg_class c
               JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
              WHERE c.relkind = 'r'
                AND c.relname NOT IN ('audit_log', 'case_search', 'account_session', $1)
                AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                                 WHERE t.tgrelid = c.oid AND t.tgname = 'audit_' || c.relname)
              ORDER BY 1",
            &[&HISTORY_TABLE],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        unaudited.is_empty(),
        "tables without their audit trigger: {unaudited:?}"
    );
}
