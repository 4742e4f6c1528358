//! Power loss: a child process makes a stream of edits through the core (each
//! acknowledged on stdout only after its transaction committed) with every
//! SQLite file going through the "powerloss" VFS (`roundtable-powerloss-vfs`),
//! which keeps each write in the child's memory until its file is synced.
//! The child is then killed with SIGKILL, so every write it had not synced
//! is lost, as in a power cut; the parent then reads the files as left on
//! disk (without the VFS). With the store as shipped (WAL and
//! `synchronous=FULL`) the database must pass `PRAGMA integrity_check`, hold
//! every acknowledged edit, and its audit log must verify.
//!
//! What is simulated: writes not followed by an fsync of their file are
//! dropped. What is not: a file's unsynced truncations and size changes (they
//! reach the file at once) and directory entries (a created or deleted file
//! is never lost). A plain SIGKILL (`crash.rs`) cannot show any of this: the
//! kernel keeps the killed process's unsynced writes. A file system that drops
//! unsynced writes (dm-flakey, LazyFS) is not available here; a VFS shim runs
//! in any test process.
//!
//! So that the test can fail, a control runs the same harness with
//! `synchronous=OFF`: there acknowledged rows must be lost.
//!
//! `cargo test -p roundtable-core --test power_loss` runs 30 power cuts; set
//! ROUNDTABLE_POWERLOSS_RUNS to run more or fewer, and
//! ROUNDTABLE_POWERLOSS_SEED to replay a run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kill_harness;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use roundtable_core::domain::AgencyInput;
use roundtable_core::features::agencies;
use roundtable_core::{Store, audit};

const PASSPHRASE: &str = "power loss test passphrase";
const CHILD_ENV: &str = "ROUNDTABLE_POWERLOSS_CHILD";
const START_ENV: &str = "ROUNDTABLE_POWERLOSS_START";
const STORE_CHILD: &str = "power_loss_store_child";
const CONTROL_CHILD: &str = "power_loss_control_child";
/// The control's own table, outside the app's schema.
const CONTROL_TABLE: &str = "power_loss_control";

fn agency(n: u64) -> AgencyInput {
    kill_harness::agency("Power loss", n)
}

/// A connection keyed like the store's, without its settings or migrations:
/// the files as found on disk.
fn keyed(path: &Path, flags: rusqlite::OpenFlags) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_with_flags(path, flags).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    roundtable_core::store::cipher_settings(&conn).unwrap();
    conn
}

fn read_only(path: &Path) -> rusqlite::Connection {
    keyed(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
}

/// The child's setup: the VFS before any connection, then where to write
/// and the first number to use.
fn child_setup() -> Option<(String, u64)> {
    let path = std::env::var(CHILD_ENV).ok()?;
    roundtable_powerloss_vfs::install_as_default().unwrap();
    let start = std::env::var(START_ENV).unwrap().parse().unwrap();
    Some((path, start))
}

fn ack(out: &mut impl Write, n: u64) {
    writeln!(out, "ack {n} syncs {}", roundtable_powerloss_vfs::syncs()).unwrap();
    out.flush().unwrap();
}

/// The child for the store as shipped: runs only when started by the parent.
/// Adds agencies until killed, each its own committed transaction,
/// acknowledged after the commit.
#[test]
fn power_loss_store_child() {
    let Some((path, start)) = child_setup() else {
        return;
    };
    let mut store = Store::open(Path::new(&path), PASSPHRASE).unwrap();
    store.set_actor("Power Loss Tester");
    let mut out = std::io::stdout().lock();
    for n in start.. {
        agencies::create(&mut store, &agency(n)).unwrap();
        ack(&mut out, n);
    }
}

/// The control's child: the same stream of commits over a plain connection
/// with `synchronous=OFF`, which never syncs.
#[test]
fn power_loss_control_child() {
    let Some((path, start)) = child_setup() else {
        return;
    };
    let conn = keyed(Path::new(&path), rusqlite::OpenFlags::default());
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;")
        .unwrap();
    let mut out = std::io::stdout().lock();
    for n in start.. {
        conn.execute(
            &format!("INSERT INTO {CONTROL_TABLE} (n) VALUES (?1)"),
            [i64::try_from(n).unwrap()],
        )
        .unwrap();
        ack(&mut out, n);
    }
}

/// What a child acknowledged before it was killed.
struct Acked {
    last: u64,
    syncs: u64,
}

/// Starts `child` on `path` from `start`, waits for its first acknowledged
/// edit, waits `delay` more, then kills it with SIGKILL.
fn run_and_kill(child: &str, path: &Path, start: u64, delay: Duration) -> Option<Acked> {
    let exe = std::env::current_exe().unwrap();
    let mut process = Command::new(exe)
        .args(["--exact", child, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, path)
        .env(START_ENV, start.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = process.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<(u64, u64)>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let Some(rest) = line.strip_prefix("ack ") else {
                continue;
            };
            let (n, syncs) = rest.split_once(" syncs ").unwrap();
            let _ = tx.send((n.trim().parse().unwrap(), syncs.trim().parse().unwrap()));
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(30));
    if first.is_ok() {
        std::thread::sleep(delay);
    }
    process.kill().unwrap(); // SIGKILL on Unix: the VFS's unsynced writes die with it
    process.wait().unwrap();
    reader.join().unwrap();
    let (mut last, mut syncs) = first.ok()?;
    while let Ok((n, s)) = rx.try_recv() {
        (last, syncs) = (n, s);
    }
    Some(Acked { last, syncs })
}

#[test]
fn power_cut_mid_edit_30_times_the_data_is_whole_and_nothing_acknowledged_is_lost() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let (runs, seed) =
        kill_harness::runs_and_seed("ROUNDTABLE_POWERLOSS_RUNS", "ROUNDTABLE_POWERLOSS_SEED", 30);
    println!("power-loss harness: {runs} power cuts, seed {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("power_loss.db");
    drop(Store::create(&path, PASSPHRASE).unwrap());
    let mut next = 0_u64;
    let mut acked_total = 0_u64;
    let mut syncs_total = 0_u64;
    let started = Instant::now();
    for run in 0..runs {
        // Cut the power at a random moment 0-40 ms after the first
        // acknowledged edit (mid-transaction, mid-commit, mid-checkpoint...).
        let delay = Duration::from_micros(rng.u64(0..40_000));
        let acked = run_and_kill(STORE_CHILD, &path, next, delay);
        let Some(acked) = acked else {
            panic!("run {run} (seed {seed}): the child should have made an edit");
        };
        syncs_total += acked.syncs;

        // As found on disk, over a plain keyed connection without the VFS:
        // opening the store would run the app's own code on it first. Read
        // only, so closing it does not checkpoint: the log keeps growing
        // across runs and the children's checkpoints are cut too.
        let conn = read_only(&path);
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            integrity, "ok",
            "run {run} (seed {seed}): the database should be whole after a power cut"
        );
        let present: std::collections::HashSet<String> = agencies::list(&conn)
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect();
        for n in next..=acked.last {
            let name = agency(n).name;
            assert!(
                present.contains(&name),
                "run {run} (seed {seed}): acknowledged edit {name} should survive the power cut"
            );
        }
        let check = audit::verify(&conn).unwrap();
        assert!(
            check.intact,
            "run {run} (seed {seed}): the audit chain should verify after a power cut: {}",
            check.message
        );
        drop(conn);
        acked_total += acked.last + 1 - next;
        // An edit in flight may have been synced without its acknowledgement.
        next = present
            .iter()
            .filter_map(|n| n.strip_prefix("Power loss agency ")?.parse::<u64>().ok())
            .max()
            .expect("the acknowledged agencies are present")
            + 1;
    }
    // And the app opens what the last power cut left.
    let store = Store::open(&path, PASSPHRASE)
        .unwrap_or_else(|e| panic!("seed {seed}: the store should open after the power cuts: {e}"));
    assert_eq!(
        agencies::list(store.conn()).unwrap().len(),
        usize::try_from(next).unwrap(),
        "seed {seed}: the reopened store should hold every agency found after the last cut"
    );
    println!(
        "power-loss harness: {runs} power cuts, {acked_total} acknowledged edits, all present \
         ({syncs_total} syncs seen by the children); {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn the_harness_fails_with_synchronous_off_acknowledged_rows_are_lost() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("control.db");
    drop(Store::create(&path, PASSPHRASE).unwrap());
    {
        let conn = keyed(&path, rusqlite::OpenFlags::default());
        conn.execute_batch(&format!(
            "CREATE TABLE {CONTROL_TABLE} (n INTEGER PRIMARY KEY);"
        ))
        .unwrap();
    }
    let started = Instant::now();
    let mut next = 0_u64;
    for run in 0..3 {
        let acked = run_and_kill(CONTROL_CHILD, &path, next, Duration::from_millis(20));
        let Some(acked) = acked else {
            panic!("control run {run}: the child should have committed a row");
        };
        let conn = read_only(&path);
        let mut present = std::collections::HashSet::new();
        let mut stmt = conn
            .prepare(&format!("SELECT n FROM {CONTROL_TABLE}"))
            .unwrap();
        for n in stmt.query_map([], |r| r.get::<_, i64>(0)).unwrap() {
            present.insert(u64::try_from(n.unwrap()).unwrap());
        }
        let acknowledged = acked.last + 1 - next;
        let lost = (next..=acked.last).filter(|n| !present.contains(n)).count();
        println!(
            "power-loss control (synchronous=OFF), run {run}: {lost} of {acknowledged} \
             acknowledged rows lost ({} syncs)",
            acked.syncs
        );
        assert!(
            lost > 0,
            "control run {run}: with synchronous=OFF nothing is synced, so a power cut should \
             lose acknowledged rows; none of {acknowledged} was lost, so the VFS does not drop \
             unsynced writes"
        );
        next = acked.last + 1;
    }
    println!(
        "power-loss control: {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
