//! Features: what the commands (and later the server) call. Each write runs in one transaction
//! through [`crate::store::Store::write`]; reads are plain functions.

pub mod accounts;
mod action_reports;
pub mod actions;
pub mod agencies;
pub mod agency_desk;
pub mod agency_import;
pub mod agenda;
pub mod approval;
pub mod case_steps;
pub mod cases;
pub mod cockpit;
pub mod dash;
pub mod demo;
mod demo_actions;
mod demo_cases;
mod demo_dash;
mod demo_meeting;
pub mod desktop_import;
pub mod documents;
pub mod downloads;
pub mod exports;
mod hearings;
pub mod import;
mod late_report;
pub mod meetings;
pub mod panels;
pub mod person;
pub mod projector;
pub mod repeats;
pub mod research;
pub mod retention;
pub mod running;
pub mod statistics;
pub mod timeline;
pub mod timers;
pub mod tracker;
