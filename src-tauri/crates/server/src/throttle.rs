//! Sign-in throttling: after five failures in fifteen minutes for one
//! username, or twenty from one address, further attempts are refused for
//! fifteen minutes without checking the password, so guessing is slow
//! whether one account is tried from many places or many accounts from one.
//! Kept in memory: a restart forgets it, which only gives back a few tries.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use roundtable_core::CoreError;

const WINDOW: Duration = Duration::from_secs(15 * 60);
const PER_ACCOUNT: usize = 5;
const PER_ADDRESS: usize = 20;

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

fn account_key(username: &str) -> String {
    format!("account:{}", username.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

impl Throttle {
    /// Refuses while the account or the address has too many recent
    /// failures.
    pub fn check(&self, username: &str, address: &str) -> Result<(), CoreError> {
        self.check_keys(&[
            (account_key(username), PER_ACCOUNT),
            (address_key(address), PER_ADDRESS),
        ])
    }

    /// For a code rather than a name (an invitation's): only the address's
    /// failures count, so one person's typing cannot lock out everyone
    /// else's invitations.
    pub fn check_address(&self, address: &str) -> Result<(), CoreError> {
        self.check_keys(&[(address_key(address), PER_ADDRESS)])
    }

    pub fn failed_address(&self, address: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures
            .entry(address_key(address))
            .or_default()
            .push(Instant::now());
    }

    fn check_keys(&self, keys: &[(String, usize)]) -> Result<(), CoreError> {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        for (key, most) in keys {
            let most = *most;
            let recent = failures.entry(key.clone()).or_default();
            recent.retain(|at| now.duration_since(*at) < WINDOW);
            if recent.len() >= most {
                let oldest = recent.first().copied().unwrap_or(now);
                let wait = WINDOW.saturating_sub(now.duration_since(oldest));
                return Err(CoreError::TooManyAttempts {
                    minutes: wait.as_secs().div_ceil(60).max(1),
                });
            }
        }
        Ok(())
    }

    pub fn failed(&self, username: &str, address: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        for key in [account_key(username), address_key(address)] {
            failures.entry(key).or_default().push(now);
        }
    }

    /// A successful sign-in clears the account's failures (not the
    /// address's: one right password does not excuse many wrong ones).
    pub fn succeeded(&self, username: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.remove(&account_key(username));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_the_account_and_twenty_the_address() {
        let t = Throttle::default();
        for _ in 0..5 {
            assert!(t.check("sam", "10.0.0.1").is_ok());
            t.failed("sam", "10.0.0.1");
        }
        assert!(matches!(
            t.check("SAM ", "10.0.0.2"),
            Err(CoreError::TooManyAttempts { minutes: 15 })
        ));
        assert!(t.check("alex", "10.0.0.1").is_ok());
        for n in 0..15 {
            t.failed(&format!("user{n}"), "10.0.0.1");
        }
        assert!(
            t.check("alex", "10.0.0.1").is_err(),
            "the address is locked"
        );
        assert!(t.check("alex", "10.0.0.3").is_ok());
        t.succeeded("sam");
        assert!(t.check("sam", "10.0.0.3").is_ok());
        // Codes count against the address only.
        for _ in 0..20 {
            t.failed_address("10.0.0.9");
        }
        assert!(t.check_address("10.0.0.9").is_err());
        assert!(t.check_address("10.0.0.8").is_ok());
    }
}
