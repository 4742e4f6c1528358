//! The idle lock, enforced here and not only in the page: a hung or
//! hostile page must not keep the data open. The page reports input
//! ([`Vault::note_input`]); once the panels' idle time has passed without
//! any, the next data command finds the vault locked, and the shell's
//! timer ([`Vault::lock_if_idle`]) locks it even if no command comes.

use std::time::{Duration, Instant};

use super::Vault;
use crate::domain::panel::DEFAULT_IDLE_LOCK_MINUTES;
use crate::domain::safety::LockReason;
use crate::error::CoreResult;

/// The shortest idle time a panel can set: before this much quiet nothing
/// can be due, so the setting is not even read.
const SHORTEST_IDLE: Duration = Duration::from_secs(60);

impl Vault {
    /// Someone used the keyboard, pointer or wheel at `at`.
    pub fn note_input(&mut self, at: Instant) {
        if self.last_input.is_none_or(|last| at > last) {
            self.last_input = Some(at);
        }
    }

    /// Minutes without input before the app locks itself: the strictest
    /// (shortest) of the active panels' settings.
    pub fn idle_lock_minutes(&mut self) -> CoreResult<u32> {
        let store = self.store()?;
        Self::idle_minutes_of(store)
    }

    fn idle_minutes_of(store: &crate::Store) -> CoreResult<u32> {
        let minutes: Option<i64> = store.conn().query_row(
            "SELECT min(idle_lock_minutes) FROM panel WHERE archived_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(minutes
            .and_then(|m| u32::try_from(m).ok())
            .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
    }

    /// Locks if the idle time has passed at `now`; true if it locked now.
    pub fn lock_if_idle(&mut self, now: Instant) -> CoreResult<bool> {
        let (Some(store), Some(last)) = (self.store.as_ref(), self.last_input) else {
            return Ok(false);
        };
        let quiet = now.saturating_duration_since(last);
        if quiet < SHORTEST_IDLE {
            return Ok(false);
        }
        let minutes = Self::idle_minutes_of(store)?;
        if quiet < Duration::from_secs(u64::from(minutes) * 60) {
            return Ok(false);
        }
        self.lock(LockReason::Idle { minutes });
        Ok(true)
    }
}
