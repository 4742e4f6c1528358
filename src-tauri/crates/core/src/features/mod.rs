//! Services: what the commands call. Each write runs in one transaction
//! through [`crate::store::Store::write`]; reads are plain functions.

mod action_reports;
pub mod actions;
pub mod agencies;
pub mod agency_import;
pub mod agenda;
pub mod approval;
pub mod case_steps;
pub mod cases;
pub mod cockpit;
pub mod demo;
mod demo_cases;
mod demo_meeting;
pub mod documents;
pub mod exports;
pub mod import;
mod late_report;
pub mod meetings;
pub mod panels;
pub mod person;
pub mod projector;
pub mod repeats;
pub mod retention;
pub mod running;
pub mod statistics;
pub mod timeline;
pub mod timers;
pub mod tracker;

use chrono::{SecondsFormat, Utc};
use uuid::Uuid;

use crate::error::{CoreError, CoreResult};

/// Timestamps are stored as RFC 3339 UTC text.
pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Ids are stored as text; a malformed one in the file is a storage fault.
pub(crate) fn parse_id(text: &str) -> CoreResult<Uuid> {
    Uuid::parse_str(text)
        .map_err(|_| CoreError::Storage(format!("a record has a malformed id ({text})")))
}
