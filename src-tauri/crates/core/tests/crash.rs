//! Crash safety: a child process makes a stream of edits through the core
//! (each acknowledged on stdout only after its transaction committed) and is
//! killed with SIGKILL at a random moment. After each kill the database must
//! pass `PRAGMA integrity_check`, hold every acknowledged edit, and its audit
//! log must verify, read as found on disk before the app opens it again.
//! (A SIGKILL loses nothing the kernel already holds, so this cannot show
//! that commits reach the disk: `power_loss.rs` does.)
//!
//! `cargo test -p roundtable-core --test crash` runs 200 kills (the test
//! command does this); set ROUNDTABLE_CRASH_RUNS to run more or fewer, and
//! ROUNDTABLE_CRASH_SEED to replay a run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kill_harness;

fn agency(n: u64) -> roundtable_core::domain::AgencyInput {
    kill_harness::agency("Crash", n)
}

use std::time::Instant;

use roundtable_core::domain::{PanelInput, PanelKind};
use roundtable_core::features::{agencies, panels};
use roundtable_core::{Store, audit};

const PASSPHRASE: &str = "crash test passphrase";
const CHILD_ENV: &str = "ROUNDTABLE_CRASH_CHILD";

/// The child: runs only when started by the parent below. Edits until killed:
/// a new agency, then every third edit a change to the panel, each its own
/// committed transaction, acknowledged after the commit.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path), PASSPHRASE).unwrap();
    kill_harness::edit_until_killed(&mut store);
}

#[test]
fn killed_mid_edit_200_times_the_data_is_whole_and_nothing_acknowledged_is_lost() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let (runs, seed) =
        kill_harness::runs_and_seed("ROUNDTABLE_CRASH_RUNS", "ROUNDTABLE_CRASH_SEED", 200);
    println!("crash harness: {runs} kills, seed {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    {
        let mut store = Store::create(&path, PASSPHRASE).unwrap();
        let mut input = PanelInput::defaults(PanelKind::Marac);
        input.name = "Crash panel".into();
        panels::create(&mut store, &input).unwrap();
    }
    let mut next = 0_u64;
    let mut acked_total = 0_u64;
    let started = Instant::now();
    for run in 0..runs {
        let path_text = path.to_string_lossy();
        let last_ack =
            kill_harness::run_and_kill("crash_child", (CHILD_ENV, &path_text), next, &mut rng);

        // First as found on disk, over a plain keyed connection: opening the
        // store would recover the log and run the app's own code on it.
        {
            let raw = rusqlite::Connection::open_with_flags(
                &path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .unwrap();
            raw.pragma_update(None, "key", PASSPHRASE).unwrap();
            let check = audit::verify(&raw).unwrap();
            assert!(
                check.intact,
                "run {run} (seed {seed}), before reopening: {}",
                check.message
            );
        }
        let store = Store::open(&path, PASSPHRASE)
            .unwrap_or_else(|e| panic!("run {run} (seed {seed}): the database did not open: {e}"));
        let integrity: String = store
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "run {run} (seed {seed})");
        let present: std::collections::HashSet<String> = agencies::list(store.conn())
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
        let check = audit::verify(store.conn()).unwrap();
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
        "crash harness: {runs} kills, {acked_total} acknowledged edits, all present; {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
