//! Shared by the SIGKILL and power-loss harnesses: how many kills to run and
//! the seed of their random kill times, from the environment (to run more,
//! or replay a run) or by default.

/// (runs, seed): `runs_var` or `default_runs`; `seed_var` or one from the clock.
pub fn runs_and_seed(runs_var: &str, seed_var: &str, default_runs: u32) -> (u32, u64) {
    let runs = std::env::var(runs_var)
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default_runs);
    let seed = std::env::var(seed_var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos());
            u64::try_from(nanos % 1_000_000_007).unwrap_or(1) | 1
        });
    (runs, seed)
}

/// The `n`th agency a child creates ("Crash agency 000042", code C42):
/// a name the parent can look for.
pub fn agency(kind: &str, n: u64) -> roundtable_core::domain::AgencyInput {
    let initial = kind.chars().next().unwrap_or('A').to_ascii_uppercase();
    roundtable_core::domain::AgencyInput {
        name: format!("{kind} agency {n:06}"),
        short_code: format!("{initial}{}", n % 100_000),
        sector: Some(roundtable_core::domain::Sector::Other),
        secure_email: String::new(),
        representatives: Vec::new(),
    }
}

/// Starts this test binary's `child` test with `env` and
/// `ROUNDTABLE_CRASH_START=next`; kills it (SIGKILL) at a random moment 0-40
/// ms after its first acknowledged edit (mid-transaction, mid-commit...);
/// returns the last edit it acknowledged ("ack N" lines on its stdout).
/// (The power-loss harness cuts power in its own way.)
#[allow(dead_code)]
pub fn run_and_kill(child: &str, env: (&str, &str), next: u64, rng: &mut fastrand::Rng) -> u64 {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::time::Duration;

    let mut process = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", child, "--nocapture", "--test-threads=1"])
        .env(env.0, env.1)
        .env("ROUNDTABLE_CRASH_START", next.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = process.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<u64>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(n) = line.strip_prefix("ack ") {
                let _ = tx.send(n.trim().parse().unwrap());
            }
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(30));
    assert!(first.is_ok(), "the child made no edit");
    std::thread::sleep(Duration::from_micros(rng.u64(0..40_000)));
    process.kill().unwrap(); // SIGKILL on Unix
    process.wait().unwrap();
    reader.join().unwrap();
    let mut last_ack = first.unwrap();
    while let Ok(n) = rx.try_recv() {
        last_ack = n;
    }
    last_ack
}

/// What a crash child does until it is killed, on either engine: from edit
/// `ROUNDTABLE_CRASH_START`, a new agency, and every third edit a change to
/// the first panel, each its own committed transaction, acknowledged on
/// stdout ("ack N") only after the commit.
#[allow(dead_code)]
pub fn edit_until_killed(store: &mut impl roundtable_core::store::Engine) {
    use std::io::Write;

    use roundtable_core::domain::{PanelInput, PanelKind};
    use roundtable_core::features::{agencies, panels};

    let start: u64 = std::env::var("ROUNDTABLE_CRASH_START")
        .unwrap()
        .parse()
        .unwrap();
    store.set_actor("Crash Tester");
    let panel = store.read(|db| panels::list(db)).unwrap().remove(0);
    let mut out = std::io::stdout().lock();
    for n in start.. {
        agencies::create(store, &agency("Crash", n)).unwrap();
        if n % 3 == 0 {
            let mut input = PanelInput::defaults(PanelKind::Marac);
            input.name = format!("Crash panel after {n:06}");
            panels::update(store, panel.id, &input).unwrap();
        }
        writeln!(out, "ack {n}").unwrap();
        out.flush().unwrap();
    }
}
