//! Statements sent together on PostgreSQL (pipelining, see `client.rs`):
//! the same answers as one by one, in one round trip; an error in one
//! leaves nothing written and the connection usable; a read's `COMMIT`,
//! sent without waiting, still ends its transaction on the server; a
//! write's last statements go with its `COMMIT`, all or nothing.

use std::time::{Duration, Instant};

use uuid::Uuid;

use super::PgStore;
use super::scratch::ScratchDatabase;
use crate::error::CoreResult;
use crate::store::sql::Batch;

fn add_agency(pg: &mut PgStore, name: &str) {
    super::tests::add_agency(pg, "Priya Shah", name);
}

const NAMES: &str = "SELECT name FROM agency ORDER BY name";
const COUNT: &str = "SELECT count(*) FROM agency WHERE name <> ?1";

#[test]
fn statements_sent_together_answer_as_one_by_one_in_one_round_trip() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    add_agency(&mut pg, "Lowbridge Police");
    add_agency(&mut pg, "Lowbridge Health");
    let one_by_one = pg
        .read(|db| {
            Ok((
                db.column::<String>(NAMES, &[])?,
                db.value::<i64>(COUNT, &[&"x"])?,
            ))
        })
        .unwrap();
    let before = pg.round_trips();
    let together = pg
        .read(|db| {
            let mut batch = Batch::new();
            let names = batch.add(NAMES, &[]);
            let count = batch.add(COUNT, &[&"x"]);
            let mut answers = batch.run(db)?;
            let names: CoreResult<Vec<String>> =
                answers.take(names)?.iter().map(|r| r.get(0)).collect();
            Ok((
                names?,
                answers.take(count)?.first().map(|r| r.get(0)).transpose()?,
            ))
        })
        .unwrap();
    assert_eq!(together, one_by_one);
    assert_eq!(
        together.0,
        vec!["Lowbridge Health".to_owned(), "Lowbridge Police".to_owned()]
    );
    assert_eq!(
        pg.round_trips() - before,
        1,
        "BEGIN, both statements (prepared by the first read) and no waited COMMIT"
    );
}

#[test]
fn a_failing_statement_among_others_leaves_nothing_and_the_connection_works() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    let failed = pg.write(|db| {
        db.execute(
            "INSERT INTO agency (id, name, short_code, sector, created_at, updated_at)
             VALUES (?1, 'Half done', 'HALF', 'police', now(), now())",
            &[&Uuid::new_v4()],
        )?;
        db.query_all(&[(NAMES, &[]), ("SELECT 1 / 0", &[]), (NAMES, &[])])
    });
    let message = format!("{failed:?}");
    assert!(failed.is_err(), "{message}");
    let count = pg
        .read(|db| db.value::<i64>("SELECT count(*) FROM agency", &[]))
        .unwrap();
    assert_eq!(count, Some(0), "the failed write's row was kept");
    add_agency(&mut pg, "Lowbridge Police");
    let names = pg.read(|db| db.column::<String>(NAMES, &[])).unwrap();
    assert_eq!(names, vec!["Lowbridge Police".to_owned()]);
}

#[test]
fn a_reads_commit_sent_without_waiting_still_ends_its_transaction() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    add_agency(&mut pg, "Lowbridge Police");
    pg.read(|db| db.column::<String>(NAMES, &[])).unwrap();
    // Nothing more is asked of this connection: were the COMMIT still
    // waiting in it, the server would hold the read open (and its locks).
    let mut watcher = database.client();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let open: i64 = watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                  WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
                &[],
            )
            .unwrap()
            .get(0);
        if open == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the read's transaction was still open after 10 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The next read on the connection reads past the COMMIT's answer.
    add_agency(&mut pg, "Lowbridge Health");
    assert_eq!(
        pg.read(|db| db.column::<String>(NAMES, &[])).unwrap().len(),
        2
    );
}

const ADD_HALF: &str = "INSERT INTO agency (id, name, short_code, sector, created_at, updated_at)
     VALUES (?1, ?2, 'HALF', 'police', now(), now())";

#[test]
fn a_writes_last_statements_commit_in_the_same_round_trip() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    add_agency(&mut pg, "Lowbridge Police");
    let before = pg.round_trips();
    let names = pg
        .write(|db| {
            let mut batch = Batch::new();
            batch.write(ADD_HALF, &[&Uuid::new_v4(), &"Lowbridge Health"]);
            let names = batch.add(NAMES, &[]);
            let names: CoreResult<Vec<String>> = batch
                .run_last(db)?
                .take(names)?
                .iter()
                .map(|r| r.get(0))
                .collect();
            names
        })
        .unwrap();
    assert_eq!(
        names,
        ["Lowbridge Health", "Lowbridge Police"],
        "the read sees the write"
    );
    let prepared = 2; // ADD_HALF and NAMES, each prepared once on this connection
    assert_eq!(
        pg.round_trips() - before,
        prepared + 1,
        "BEGIN, write, read and COMMIT: one"
    );
    // Committed: another connection sees it.
    let seen: i64 = database
        .client()
        .query_one("SELECT count(*) FROM agency", &[])
        .unwrap()
        .get(0);
    assert_eq!(seen, 2);
}

#[test]
fn a_failing_last_statement_keeps_nothing_and_nothing_runs_after_a_commit() {
    let database = ScratchDatabase::new();
    let mut pg = PgStore::connect(database.config()).unwrap();
    let failed = pg.write(|db| {
        let mut batch = Batch::new();
        batch.write(ADD_HALF, &[&Uuid::new_v4(), &"Half done"]);
        let _ = batch.add("SELECT 1 / 0", &[]);
        batch.run_last(db).map(drop)
    });
    assert!(
        format!("{failed:?}").contains("division by zero"),
        "{failed:?}"
    );
    let late = pg.write(|db| {
        Batch::new().run_last(db)?;
        db.execute(ADD_HALF, &[&Uuid::new_v4(), &"Too late"])
    });
    assert!(late.is_err(), "a statement after the commit ran: {late:?}");
    let names = pg.read(|db| db.column::<String>(NAMES, &[])).unwrap();
    assert!(names.is_empty(), "kept: {names:?}");
    add_agency(&mut pg, "Lowbridge Police");
    let names = pg.read(|db| db.column::<String>(NAMES, &[])).unwrap();
    assert_eq!(names, ["Lowbridge Police"]);
}
