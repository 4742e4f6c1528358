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
