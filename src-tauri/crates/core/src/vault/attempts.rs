//! Trying a passphrase. Failed attempts are written (their times only) to a
//! small file beside the database, outside the encryption, until the next
//! successful unlock moves them into the audit log. The same file slows
//! guessing down: after the second failure in a row every try must wait
//! longer than the last (5 s, 10 s, 20 s... up to 15 minutes), and because
//! the times are on disk the wait survives closing and restarting the app.
//! (Someone who copies the file away can guess offline at SQLCipher's key
//! derivation speed; the passphrase strength rule is the defence there.)

use std::fs::OpenOptions;
use std::io::Write;

use chrono::{DateTime, Utc};

use super::Vault;
use crate::error::{CoreError, CoreResult};
use crate::store::Store;

/// When unlocking failed (times only).
pub(super) const FAILED_UNLOCKS_FILE: &str = "roundtable.failed-unlocks";

/// Failures in a row that cost no wait.
const FREE_FAILURES: u32 = 2;
const FIRST_WAIT_SECONDS: i64 = 5;
const LONGEST_WAIT_SECONDS: i64 = 15 * 60;

/// How long to wait after `failures` failures in a row.
fn wait_after(failures: u32) -> i64 {
    if failures <= FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES - 1).min(16);
    (FIRST_WAIT_SECONDS << doublings).min(LONGEST_WAIT_SECONDS)
}

impl Vault {
    /// The times of failed unlocks not yet in the audit log (lines that are
    /// not a timestamp are ignored: the file is outside the encryption).
    pub(super) fn failed_unlocks(&self) -> CoreResult<Vec<String>> {
        let text = match std::fs::read_to_string(self.dir.join(FAILED_UNLOCKS_FILE)) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(err.into()),
        };
        Ok(text
            .lines()
            .filter(|line| DateTime::parse_from_rfc3339(line.trim()).is_ok())
            .map(|line| line.trim().to_owned())
            .collect())
    }

    fn note_failed_unlock(&self, at: DateTime<Utc>) -> CoreResult<()> {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join(FAILED_UNLOCKS_FILE))?;
        writeln!(file, "{}", at.to_rfc3339())?;
        file.sync_all()?;
        Ok(())
    }

    /// Seconds still to wait at `now` before a passphrase may be tried
    /// (0: try now).
    pub fn unlock_wait_seconds(&self, now: DateTime<Utc>) -> CoreResult<i64> {
        let failures = self.failed_unlocks()?;
        let count = u32::try_from(failures.len()).unwrap_or(u32::MAX);
        let last = failures
            .iter()
            .filter_map(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc))
            .max();
        let Some(last) = last else { return Ok(0) };
        let until = last + chrono::Duration::seconds(wait_after(count));
        Ok((until - now).num_seconds().max(0))
    }

    /// Opens the database with `passphrase` at `now`, unless a wait is due.
    /// A wrong passphrase is noted (and so lengthens the next wait) and
    /// reported beside `field`; it writes nothing to the database.
    pub(super) fn try_passphrase(
        &self,
        field: &str,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Store> {
        let wait = self.unlock_wait_seconds(now)?;
        if wait > 0 {
            return Err(CoreError::field(
                field,
                format!(
                    "Too many wrong passphrases in a row. Wait {wait} seconds, then try again."
                ),
            ));
        }
        match Store::open(&self.database_path(), passphrase) {
            Err(CoreError::WrongPassphrase) => {
                self.note_failed_unlock(now)?;
                Err(CoreError::field(
                    field,
                    CoreError::WrongPassphrase.to_string(),
                ))
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::wait_after;

    #[test]
    fn each_failure_after_the_second_waits_twice_as_long_up_to_fifteen_minutes() {
        let waits: Vec<i64> = (1..=12).map(wait_after).collect();
        assert_eq!(waits[..6], [0, 0, 5, 10, 20, 40]);
        assert_eq!(waits[11], 900, "never more than 15 minutes");
        assert_eq!(wait_after(u32::MAX), 900);
    }
}
