//! A server's request as one transaction: the session's check, the
//! caller's account and agency, and the feature's reads and writes all run
//! inside it, committed together or not at all (issue 17). The features
//! still call [`PgStore::read`] and [`PgStore::write`]; while a request is
//! open those run inside its transaction instead of opening their own.
//!
//! Its isolation is chosen when it begins, before anything is read:
//! a request that only reads gets one repeatable-read snapshot (the
//! consistent view a read has always had), read-only, so a write by
//! mistake is refused; a request that writes runs at read committed, the
//! level the audit log's seal needs (it reads the chain's head after taking
//! its lock, so two writers never hash from the same entry).
//!
//! Who acts, from where and for which agency are set for the transaction
//! alone (`set_config(..., true)`): they end with it, so nothing of one
//! request's caller is left on a pooled connection for the next.

use super::PgStore;
use crate::error::{CoreError, CoreResult};
use crate::store::sql::{Db, PgDb, literal};

/// How a request's transaction is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// Only reads: one read-only snapshot.
    Reading,
    /// Changes something: read committed.
    Writing,
}

/// The open request's transaction, and what has been set in it.
pub(super) struct Request {
    kind: RequestKind,
    /// The writer's name as set in this transaction (`None`: not yet).
    actor: Option<String>,
    agency: Option<String>,
}

impl PgStore {
    /// Opens a request's transaction; one round trip. A request left open
    /// (a panic on the way) is rolled back first.
    pub fn begin_request(&mut self, kind: RequestKind) -> CoreResult<()> {
        self.abandon_request();
        self.client.batch_execute(match kind {
            RequestKind::Reading => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            RequestKind::Writing => "BEGIN",
        })?;
        self.request = Some(Request {
            kind,
            actor: None,
            agency: None,
        });
        Ok(())
    }

    /// Ends the request: its work is committed, or none of it.
    pub fn finish_request(&mut self, commit: bool) -> CoreResult<()> {
        if self.request.take().is_none() {
            return Ok(());
        }
        self.client
            .batch_execute(if commit { "COMMIT" } else { "ROLLBACK" })?;
        Ok(())
    }

    /// Rolls back a request still open (nothing of it is kept).
    pub fn abandon_request(&mut self) {
        if self.request.is_some() {
            // A broken connection has no transaction left to roll back.
            let _ = self.finish_request(false);
        }
    }

    pub(super) fn set_request_agency(&mut self, wanted: String) -> CoreResult<()> {
        let Some(request) = &mut self.request else {
            return Ok(());
        };
        // Unset in this transaction, the connection's own value holds.
        let current = request.agency.as_deref().unwrap_or(self.agency.as_str());
        if current != wanted {
            self.client.execute(
                "SELECT set_config('roundtable.agency', $1, true)",
                &[&wanted],
            )?;
            request.agency = Some(wanted);
        }
        Ok(())
    }

    /// A write inside the request: the writer named for this transaction
    /// (once, or again if it changed), then the work.
    pub(super) fn write_in_request<T>(
        &mut self,
        audited: &str,
        work: impl FnOnce(&dyn Db) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let Some(request) = &mut self.request else {
            return Err(CoreError::Storage("no request is open".into()));
        };
        if request.kind == RequestKind::Reading {
            return Err(CoreError::Storage(
                "a request declared as reading tried to change something".into(),
            ));
        }
        if request.actor.as_deref() != Some(audited) {
            self.client.batch_execute(&format!(
                "SELECT set_config('roundtable.actor', {}, true)",
                literal(audited)
            ))?;
            request.actor = Some(audited.to_owned());
        }
        work(&PgDb::within(&self.client, &self.statements))
    }
}
