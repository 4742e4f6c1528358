//! Crash safety on PostgreSQL: a child process makes a stream of edits
//! through the core (each acknowledged on stdout only after its transaction
//! committed) and is killed with SIGKILL at a random moment, mid-stream.
//! After each kill the server must hold every acknowledged edit, and the
//! audit log must verify. (The server's own durability is PostgreSQL's;
//! what this shows is that a client dying mid-transaction leaves nothing
//! half-written and loses nothing it was told was saved.)
//!
//! Runs 100 kills by default; ROUNDTABLE_PG_CRASH_RUNS and
//! ROUNDTABLE_PG_CRASH_SEED run more or replay a run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kill_harness;

fn agency(n: u64) -> roundtable_core::domain::AgencyInput {
    kill_harness::agency("Crash", n)
}

use std::collections::HashSet;
use std::time::{Duration, Instant};

use roundtable_core::domain::{PanelInput, PanelKind};
use roundtable_core::features::{agencies, panels};
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::pg::scratch::{ScratchDatabase, cluster};

const CHILD_ENV: &str = "ROUNDTABLE_PG_CRASH_CHILD";

/// The child: runs only when started by the parent below, on the database
/// it names. Edits until killed: a new agency, and every third edit a
/// change to the panel, each its own transaction, acknowledged after commit.
#[test]
fn pg_crash_child() {
    let Ok(dbname) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut config = cluster();
    config.dbname(&dbname);
    let mut store = PgStore::connect(&config).unwrap();
    kill_harness::edit_until_killed(&mut store);
}

/// Waits until the killed client's server process has finished (a commit
/// it had already sent completes; anything else is rolled back), so what
/// is read next is final.
fn until_the_server_has_let_go(store: &mut PgStore) {
    let started = Instant::now();
    loop {
        let others: i64 = store
            .client()
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
                &[],
            )
            .unwrap()
            .get(0);
        if others == 0 {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the killed client's session never ended"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_client_killed_mid_edit_loses_nothing_acknowledged_and_the_log_verifies() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let (runs, seed) =
        kill_harness::runs_and_seed("ROUNDTABLE_PG_CRASH_RUNS", "ROUNDTABLE_PG_CRASH_SEED", 100);
    println!("pg crash harness: {runs} kills, seed {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let database = ScratchDatabase::new();
    let mut store = database.store();
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = "Crash panel".into();
    panels::create(&mut store, &input).unwrap();
    let dbname = database.config().get_dbname().unwrap().to_owned();
    let (mut next, mut acked_total) = (0_u64, 0_u64);
    let started = Instant::now();
    for run in 0..runs {
        let last_ack =
            kill_harness::run_and_kill("pg_crash_child", (CHILD_ENV, &dbname), next, &mut rng);
        until_the_server_has_let_go(&mut store);
        let present: HashSet<String> = store
            .read(|db| agencies::list(db))
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect();
        for n in next..=last_ack {
            let name = agency(n).name;
            assert!(
                present.contains(&name),
                "run {run} (seed {seed}): acknowledged edit {name} was lost"
            );
        }
        let check = store.verify_audit(&[]).unwrap();
        assert!(check.intact, "run {run} (seed {seed}): {}", check.message);
        acked_total += last_ack + 1 - next;
        // An edit in flight may have committed without its acknowledgement.
        next = present
            .iter()
            .filter_map(|n| n.strip_prefix("Crash agency ")?.parse::<u64>().ok())
            .max()
            .unwrap()
            + 1;
    }
    println!(
        "pg crash harness: {runs} kills, {acked_total} acknowledged edits, all present; {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
